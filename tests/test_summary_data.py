"""What the summary PDF reads (``pdf.collect_summary_data``) equals a plain recomputation.

The summary reads its training once, set-based (the participant list and the marks
shared by the completion and per-diem sections, each attendance pattern worked out
once, the report's figures in a few aggregates). Here a small random training (late
and left-early minutes, required sessions, merged records, per-diem rates and
exceptions, age and disability answers) is read that way, and every section is
recomputed person by person through other paths: the attendance grid, the ORM's
participant record, the completion and per-diem rules applied one person at a time,
and the counts of the report from the raw rows.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text

from app.db.audit_models import AGE_BANDS, WG_ANSWERS, WG_DOMAINS
from app.db.models import ATTENDED_STATUSES
from app.services import attendance, pdf, people, trainings
from app.services.attendance import Mark
from app.services.audit import consent, perdiem, profile
from app.services.audit.figures import AGE_KEYS
from app.services.audit.perdiem_compute import (
    _eligibility,
    attended_days,
    compute_perdiem,
    owed_lines,
    perdiem_totals,
)
from app.services.audit.profile import AGE_BAND_KEYS, NOT_RECORDED
from app.services.evaluation import figures
from app.services.evaluation.completion import (
    CompletionRule,
    attended_minutes,
    counted_as_listed,
    person_completed,
    set_completion_rule,
)
from app.services.people import PersonInput
from app.services.read_once import read_once
from app.services.reports import ReportFilter
from app.services.trainings import SessionInput, TrainingInput

CATEGORIES = ("police", "magistrate", "civil_society", "un_staff", None)
STATUSES = ("present", "present", "present", "absent", "excused", "late", "left_early", None)


def _random_training(inst: Any, rng: random.Random, merges: bool = True) -> str:
    start = date(2025, 5, 5)
    sessions = tuple(
        SessionInput(start + timedelta(days=i // 2), rng.choice(("Goma", "Bunia")),
                     start_minute=rng.choice((None, 540)), end_minute=rng.choice((None, 720, 990)),
                     required=rng.random() < 0.4)
        for i in range(5)
    )  # fmt: skip
    info = trainings.create_training(
        inst,
        TrainingInput(title="Random training", mission="MONUSCO", start=start,
                      end=start + timedelta(days=2), sessions=sessions),
    )  # fmt: skip
    rule = rng.choice((CompletionRule("share", rng.choice((50, 80))), CompletionRule("required")))
    set_completion_rule(inst, info.id, rule)
    ids = []
    for n in range(40):
        person = people.add_participant(
            inst, info.id,
            PersonInput(f"Person {n} {rng.choice(('Mbala', 'Каримов', 'الطرابلسي'))}",
                        sex=rng.choice("FMX"), category=rng.choice(CATEGORIES),
                        organisation=rng.choice(("", "Police", "Tribunal de Goma"))),
        ).person.id  # fmt: skip
        ids.append(person)
    marks = []
    for pid in ids:
        for s in info.sessions:
            status = rng.choice(STATUSES)
            if status is not None:
                minutes = rng.choice((None, 20, 400)) if status in ("late", "left_early") else None
                marks.append(Mark(s.id, pid, status, minutes))
    attendance.set_marks(inst, marks)
    places = sorted({s.location for s in info.sessions})
    perdiem.save_settings(
        inst, info.id, ["police", "magistrate"],
        [perdiem.RateInput("day", "USD", "33.335"), perdiem.RateInput("day", "USD", "50", places[0]),
         perdiem.RateInput("night", "USD", "20"), perdiem.RateInput("transport_person", "CDF", "9000"),
         perdiem.RateInput("transport_place", "CDF", "12500", places[-1])],
        [perdiem.PersonRule(pid, rng.choice(("", "yes", "no")), rng.random() < 0.6)
         for pid in rng.sample(ids, 12)],
    )  # fmt: skip
    for pid in rng.sample(ids, 20):
        profile.save_profile(inst, pid, rng.choice(AGE_BANDS),
                             {d: rng.choice(WG_ANSWERS) for d in WG_DOMAINS})  # fmt: skip
    for pid in rng.sample(ids, 10):
        consent.set_consents(inst, pid, [consent.ConsentAnswer(consent.NAMED, rng.choice(consent.STATES))])  # fmt: skip
    if merges:
        _merge_some(inst, rng, ids)
    return info.id


def _merge_some(inst: Any, rng: random.Random, ids: list[str]) -> None:
    """Merged records whose registration and marks stayed live (as a bundle can leave them):
    the report counts them as their survivor, the lists do not show them; one survivor
    is not registered itself."""
    elsewhere = people.create_person(inst, PersonInput("Registered Elsewhere", sex="F")).id
    profile.save_profile(inst, elsewhere, "25_34", dict.fromkeys(WG_DOMAINS, "cannot"))
    with inst.db.transaction() as session:
        session.execute(
            text("UPDATE people SET deleted = TRUE, merged_into_id = :k WHERE id = :g"),
            {"k": elsewhere, "g": ids.pop()},
        )
        for keep, gone in (rng.sample(ids, 2), rng.sample(ids, 2)):
            if keep != gone:
                session.execute(
                    text("UPDATE people SET deleted = TRUE, merged_into_id = :k "
                         "WHERE id = :g AND merged_into_id IS NULL AND id NOT IN "
                         "(SELECT merged_into_id FROM people WHERE merged_into_id IS NOT NULL) "
                         "AND (SELECT merged_into_id FROM people WHERE id = :k) IS NULL"),
                    {"k": keep, "g": gone},
                )  # fmt: skip


@pytest.fixture(params=[(1, True), (2, True), (3, True), (5, False)],
                ids=["merged-1", "merged-2", "merged-3", "unmerged"])  # fmt: skip
def random_training(installation: Any, request: pytest.FixtureRequest) -> tuple[Any, str]:
    seed, merges = request.param
    return installation, _random_training(installation, random.Random(seed), merges)


def _completion_one_by_one(inst: Any, training_id: str) -> list[tuple[Any, ...]]:
    """Each participant's (id, expected, attended, hours, completed) from the attendance grid."""
    grid = attendance.get_grid(inst, training_id)
    info = trainings.get_training(inst, training_id)
    rule = CompletionRule(info.completion_rule, info.completion_percent)
    out = []
    for participant in grid.participants:
        pid = participant.person.id
        marks, total = [], None
        for s in grid.sessions:
            status = grid.marks.get((pid, s.id))
            if status is None:
                continue
            marks.append((status, s.required))
            spent = attended_minutes(s, status, grid.minutes.get((pid, s.id)))
            if spent is not None and status in ATTENDED_STATUSES:
                total = (total or 0) + spent
        attended = sum(1 for st, _ in marks if st in ATTENDED_STATUSES)
        hours = None if total is None else round(total / 60, 2)
        out.append((pid, len(marks), attended, hours, person_completed(rule, marks)))
    return out


def _perdiem_one_by_one(inst: Any, training_id: str) -> tuple[dict[str, Decimal], int]:
    """The sheet's totals and the people paid, the rules applied to each person in turn."""
    grid = attendance.get_grid(inst, training_id)
    info = trainings.get_training(inst, training_id)
    settings = perdiem.get_settings(inst, training_id)
    totals: dict[str, Decimal] = {}
    paid = 0
    for participant in grid.participants:
        person = participant.person
        rule = settings.rule(person.id)
        eligible, _reason = _eligibility(settings, person, rule)
        present = {s.id for s in info.sessions if grid.marks.get((person.id, s.id)) == "present"}
        lines, _nights = owed_lines(settings, attended_days(info, present), rule.nights)
        if eligible and lines:
            paid += any(x.amount for x in lines)
            for x in lines:
                totals[x.currency] = totals.get(x.currency, Decimal(0)) + x.amount
    return totals, paid


def _counted_people(inst: Any, training_id: str) -> set[str]:
    """The report's people: enrolled records, a merged one counted as its survivor."""
    with inst.db.reading() as session:
        rows = session.execute(
            text("SELECT p.id, p.deleted, p.merged_into_id FROM enrolments e "
                 "JOIN people p ON p.id = e.person_id "
                 "WHERE e.training_id = :t AND e.deleted = FALSE"), {"t": training_id},
        ).all()  # fmt: skip
    return {merged or pid for pid, deleted, merged in rows if merged or not deleted}


def _report_completion(inst: Any, training_id: str) -> tuple[dict[str, dict[str, int]], int]:
    """(completed people by category and sex, minutes attended) from the raw marks: those
    of registered records, a merged record's marks counted with its survivor's."""
    info = trainings.get_training(inst, training_id)
    rule = CompletionRule(info.completion_rule, info.completion_percent)
    sessions = {s.id: s for s in info.sessions}
    with inst.db.reading() as session:
        marks = session.execute(
            text(
                "SELECT a.person_id, a.session_id, a.status, a.minutes FROM attendance a "
                "JOIN training_sessions s ON s.id = a.session_id WHERE s.training_id = :t "
                "AND s.deleted = FALSE AND a.deleted = FALSE"
            ),
            {"t": training_id},
        ).all()
        registered = set(
            session.execute(
                text("SELECT person_id FROM enrolments WHERE training_id = :t AND deleted = FALSE"),
                {"t": training_id},
            ).scalars()
        )
        persons = {
            pid: (deleted, merged, sex, category)
            for pid, deleted, merged, sex, category in session.execute(
                text(
                    "SELECT p.id, p.deleted, p.merged_into_id, p.sex, "
                    "coalesce(c.name_en, '(none)') FROM people p "
                    "LEFT JOIN categories c ON c.id = p.category_id"
                )
            )
        }
    by_person: dict[str, list[tuple[str, str, int | None]]] = {}
    for pid, sid, status, minutes in marks:
        deleted, merged, _sex, _category = persons[pid]
        if pid in registered and (merged or not deleted):
            by_person.setdefault(merged or pid, []).append((sid, status, minutes))
    completed: dict[str, dict[str, int]] = {}
    total = 0
    for pid, rows in by_person.items():
        total += sum(attended_minutes(sessions[sid], st, m) or 0 for sid, st, m in rows)
        if person_completed(rule, [(st, sessions[sid].required) for sid, st, _m in rows]):
            _d, _m, sex, category = persons[pid]
            cell = completed.setdefault(category, {"female": 0, "male": 0, "unspecified": 0})
            cell[{"F": "female", "M": "male"}.get(sex, "unspecified")] += 1
    return completed, total


def test_the_summary_reads_what_a_person_by_person_recount_gives(random_training: Any) -> None:
    inst, training_id = random_training
    data = pdf.collect_summary_data(inst, training_id)
    assert data.evaluation is not None and data.audit is not None

    completion = [(p.person_id, p.expected, p.attended, p.hours, p.completed)
                  for p in data.evaluation.completion.people]  # fmt: skip
    assert completion == _completion_one_by_one(inst, training_id)
    assert any(hours for *_, hours, _done in completion)  # the minutes were exercised

    totals, paid = _perdiem_one_by_one(inst, training_id)
    assert paid > 0
    assert (data.audit.perdiem_totals, data.audit.perdiem_paid) == (totals, paid)
    sheet = compute_perdiem(inst, training_id)  # the payment sheet agrees with the summary
    assert (sheet.totals, len(sheet.payable)) == (totals, paid)

    done, minutes = _report_completion(inst, training_id)
    figures = data.report.evaluation
    assert figures.completed_by_category_sex == done
    assert figures.completed == sum(sum(cell.values()) for cell in done.values()) > 0
    assert figures.hours_attended == minutes / 60

    counted = _counted_people(inst, training_id)
    assert data.report.participants == len(counted)
    ages: Counter[str] = Counter()
    disabilities: Counter[str] = Counter()
    for pid in counted:
        answers = profile.get_profile(inst, pid)
        if answers.age_band:
            ages[AGE_BAND_KEYS[answers.age_band]] += 1
        status = answers.disability
        if status != NOT_RECORDED:
            disabilities[status] += 1
    ages[NOT_RECORDED] = len(counted) - sum(ages.values())
    disabilities[NOT_RECORDED] = len(counted) - sum(disabilities.values())
    assert data.audit.by_age_band == {k: ages[k] for k in AGE_KEYS}
    assert data.audit.by_disability == {k: disabilities[k] for k in data.audit.by_disability}
    assert sum(data.audit.by_disability.values()) == len(counted)


def test_the_participant_list_is_what_each_participant_record_says(random_training: Any) -> None:
    inst, training_id = random_training
    listed = people.list_participants(inst, training_id)
    assert len(listed) > 30
    assert listed == [people.participant_info(inst, training_id, p.person.id) for p in listed]
    assert [
        p.person.full_name for p in people.list_participants(inst, training_id, "person 1")
    ] == [p.person.full_name for p in listed if "Person 1" in p.person.full_name]


def test_reads_are_shared_only_inside_the_block(installation: Any) -> None:
    inst = installation
    training_id = _random_training(inst, random.Random(4))
    with read_once():
        first = people.list_participants(inst, training_id)
        first.clear()  # a caller's list is its own
        again = people.list_participants(inst, training_id)
        assert len(again) > 30
        assert trainings.get_training(inst, training_id) is trainings.get_training(
            inst, training_id
        )
        assert perdiem_totals(inst, training_id) is perdiem_totals(inst, training_id)
    people.add_participant(inst, training_id, PersonInput("Late Arrival"))
    assert len(people.list_participants(inst, training_id)) == len(again) + 1
    assert trainings.get_training(inst, training_id).participant_count == len(again) + 1


@pytest.mark.parametrize("seed", [5, 6, 8])
def test_one_training_counted_from_its_completion_list_as_from_its_marks(
    installation: Any, seed: int
) -> None:
    """With no merged record, one training's report counts its completion list; counting
    its marks (the path for merged records and for many trainings) gives the same."""
    inst = installation
    training_id = _random_training(inst, random.Random(seed), merges=False)
    flt = ReportFilter(training_id=training_id)
    assert counted_as_listed(inst, training_id)
    counted = figures.evaluation_figures(inst, flt)
    assert counted.completed > 0 and counted.hours_attended > 0
    assert counted == figures._from_marks(inst, flt)
    # The participant list too: from the completion list as from the enrolments and marks.
    for lang in ("en", "fr"):
        listed = pdf._participants(inst, training_id, lang)
        assert listed and listed == pdf._participants_resolving_merges(inst, training_id, lang)
    _merge_some(
        inst,
        random.Random(seed),
        [p.person.id for p in people.list_participants(inst, training_id)],
    )
    assert not counted_as_listed(inst, training_id)
    assert not counted_as_listed(inst, "no such training")
