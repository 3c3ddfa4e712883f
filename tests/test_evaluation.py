"""Completion, hours, knowledge tests and feedback: the demo's figures against hand-counted
ones, the rules on a small training with late and left-early marks, the commands."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.errors import UserError
from app.services import attendance, people
from app.services.attendance import Mark
from app.services.demo_data import DEMO_TRAININGS
from app.services.evaluation import feedback, scores
from app.services.evaluation.completion import (
    CompletionRule,
    format_hours,
    parse_clock,
    set_completion_rule,
    training_completion,
)
from app.services.evaluation.demo import DEMO_EVALUATIONS, TEST_MAX
from app.services.reports import ReportFilter, build_report
from app.services.trainings import SessionInput, TrainingInput, create_training
from tests.helpers import run_cli
from tests.test_pdf import needs_poppler, signer, training_ids

__all__ = ["signer"]  # the fixture, shared with test_pdf


def _hand_counted() -> tuple[int, list[float], int]:
    """Completed people (80 % of the sessions they were expected at), each gain, improved:
    counted straight from the demo's definitions, not through Muster."""
    completed: set[str] = set()
    gains: list[float] = []
    improved = 0
    for training in DEMO_TRAININGS:
        marks: dict[str, list[str]] = {}
        for person, _session, status in training.attendance:
            marks.setdefault(person, []).append(status)
        for person, statuses in marks.items():
            if statuses.count("present") * 100 >= len(statuses) * 80:
                completed.add(person)
        got = {(p, phase): points for p, phase, points in DEMO_EVALUATIONS[training.key].scores}
        for person in training.participants:
            if (person, "pre") in got and (person, "post") in got:
                pre, post = got[(person, "pre")], got[(person, "post")]
                gains.append((post - pre) / TEST_MAX[training.key])
                improved += post > pre
    return len(completed), gains, improved


def test_demo_completion_and_gain_match_hand_counted_values(demo_installation) -> None:
    completed, gains, improved = _hand_counted()
    assert (completed, len(gains), improved) == (133, 120, 91)  # and the demo stays put
    figures = build_report(demo_installation).to_json()
    assert figures["completed"] == completed
    tests = figures["tests"]
    assert tests["with_both"] == len(gains) and tests["improved"] == improved
    assert tests["mean_gain"] == round(sum(gains) / len(gains), 4)
    assert tests["improved_share"] == round(improved / len(gains), 4)
    assert sum(t["with_both"] for t in tests["by_sex"].values()) == len(gains)
    assert sum(figures["completed_by_sex"].values()) == completed

    tunis = ReportFilter(training_id=training_ids()["UNSMIL"])
    one = build_report(demo_installation, tunis).to_json()
    done = training_completion(demo_installation, training_ids()["UNSMIL"])
    assert one["completed"] == done.completed == sum(p.completed for p in done.people)
    # Tunis: 9:00-17:00 then 9:00-16:00, so 15 h for whoever came to both.
    assert {p.hours for p in done.people if p.attended == 2} == {15.0}

    code, out, err = run_cli("report", "--json", home=demo_installation.paths.home)
    assert code == 0, err
    shown = json.loads(out)
    assert shown["completed"] == completed and shown["tests"]["with_both"] == len(gains)


@pytest.fixture
def workshop(installation) -> tuple[Any, Any, list[str]]:
    """Three sessions of 9:00-12:30 (the last required), four participants."""
    day = date(2025, 3, 10)
    sessions = tuple(
        SessionInput(day.replace(day=10 + i), "Bunia", f"Day {i + 1}", None, 540, 750, i == 2)
        for i in range(3)
    )
    info = create_training(
        installation,
        TrainingInput("Évaluation", "MONUSCO", day, day.replace(day=12), sessions=sessions),
    )
    ids = []
    for name, sex in (("Amani Kasongo", "F"), ("Jean Mukendi", "M"), ("أسماء السنوسي", "F"),
                      ("Pierre Ilunga", "M")):  # fmt: skip
        person = people.create_person(installation, people.PersonInput(name, sex, "police"))
        people.enrol(installation, info.id, person.id)
        ids.append(person.id)
    s1, s2, s3 = (s.id for s in info.sessions)
    a, b, c, d = ids
    attendance.set_marks(installation, [
        Mark(s1, a, "present"), Mark(s2, a, "late", 30), Mark(s3, a, "left_early", 45),
        Mark(s1, b, "present"), Mark(s2, b, "present"), Mark(s3, b, "absent"),
        Mark(s1, c, "absent"), Mark(s2, c, "excused"), Mark(s3, c, "present"),
        Mark(s3, d, "late"),  # expected at the last session only, minutes not given
    ])  # fmt: skip
    return installation, info, ids


def test_completion_rules_and_hours_with_late_and_left_early(workshop) -> None:
    inst, info, (a, b, c, d) = workshop
    done = training_completion(inst, info.id)
    assert done.rule == CompletionRule("share", 80)
    by_id = {p.person_id: p for p in done.people}
    # 3.5 h a session; Amani missed 30 + 45 minutes of her three.
    assert by_id[a].hours == pytest.approx(3 * 3.5 - 1.25) and by_id[a].attended == 3
    assert (by_id[b].attended, by_id[b].expected, by_id[b].hours) == (2, 3, 7.0)
    assert by_id[c].hours == 3.5 and by_id[d].hours == 3.5
    assert [by_id[x].completed for x in (a, b, c, d)] == [True, False, False, True]

    set_completion_rule(inst, info.id, CompletionRule("share", 60))
    assert [p.completed for p in training_completion(inst, info.id).people if p.person_id == b]
    set_completion_rule(inst, info.id, CompletionRule("required"))
    done = {p.person_id: p.completed for p in training_completion(inst, info.id).people}
    assert done == {a: True, b: False, c: True, d: True}  # the last session is the required one
    report = build_report(inst, ReportFilter(training_id=info.id)).to_json()
    assert report["completed"] == 3 and report["completed_by_sex"]["female"] == 2
    assert report["hours_attended"] == pytest.approx(9.25 + 7 + 3.5 + 3.5)
    assert "tests" not in report  # no scores yet
    with pytest.raises(UserError):
        set_completion_rule(inst, info.id, CompletionRule("share", 0))


def test_scores_gain_counts_only_people_with_both(workshop) -> None:
    inst, info, (a, b, c, d) = workshop
    entries = [scores.ScoreInput(a, "pre", 8), scores.ScoreInput(a, "post", 14),
               scores.ScoreInput(b, "pre", 10), scores.ScoreInput(b, "post", 9),
               scores.ScoreInput(c, "pre", 12)]  # fmt: skip
    assert scores.set_scores(inst, info.id, entries, max_score=20) == 5
    tests = build_report(inst, ReportFilter(training_id=info.id)).to_json()["tests"]
    assert tests["with_both"] == 2 and tests["improved"] == 1 and tests["improved_share"] == 0.5
    assert tests["mean_gain"] == round(((14 - 8) + (9 - 10)) / 2 / 20, 4)
    assert tests["by_sex"]["female"]["with_both"] == 1
    with pytest.raises(UserError):  # above the maximum: nothing written
        scores.set_scores(inst, info.id, [scores.ScoreInput(d, "pre", 3),
                                          scores.ScoreInput(d, "post", 21)])  # fmt: skip
    assert scores.get_scores(inst, info.id).pair(d) == (None, None)


def test_scores_import_command_matches_names_and_refuses_nonsense(workshop, tmp_path: Path) -> None:
    inst, info, (a, b, _c, _d) = workshop
    sheet = tmp_path / "scores.csv"
    sheet.write_text(
        "Nom complet;Pré-test;Post-test\nAmani Kasongo;7;15\njean mukendi;11;12\n"
        "Personne Inconnue;5;6\nأسماء السنوسي;abc;9\n",
        encoding="utf-8",
    )
    home = inst.paths.home
    code, out, err = run_cli("scores", "import", info.id, str(sheet), "--max", "20", "--dry-run",
                             "--json", home=home)  # fmt: skip
    assert code == 0, err
    preview = json.loads(out)
    assert preview["matched"] == 2 and len(preview["skipped"]) == 2
    assert scores.get_scores(inst, info.id).scores == {}  # a dry run writes nothing
    code, out, err = run_cli("scores", "import", info.id, str(sheet), "--max", "20", home=home)
    assert code == 0, err
    grid = scores.get_scores(inst, info.id)
    assert (grid.pair(a), grid.pair(b), grid.max_score) == ((7, 15), (11, 12), 20)
    code, _out, err = run_cli("scores", "import", info.id, str(sheet), "--max", "10", home=home)
    assert code == 1 and "Traceback" not in err and err.count("\n") == 1  # 15 is above 10
    assert scores.get_scores(inst, info.id).pair(a) == (7, 15)


def test_feedback_averages_comments_and_a_mission_question(workshop) -> None:
    inst, info, (a, b, c, d) = workshop
    F = feedback.AnswerInput
    feedback.set_answers(inst, info.id, [
        F(a, "overall", 5), F(a, "relevance", 4), F(a, "recommend", 1), F(a, "comment", None, "Utile"),
        F(b, "overall", 3), F(b, "recommend", 0),
        F(c, "overall", 4), F(c, "recommend", 1),
    ])  # fmt: skip
    summary = {q.question.code: q for q in feedback.feedback_summary(inst, info.id).questions}
    assert summary["overall"].average == 4.0 and summary["overall"].counts == {3: 1, 4: 1, 5: 1}
    assert summary["recommend"].average == pytest.approx(2 / 3)
    assert summary["comment"].comments == ("Utile",)
    with pytest.raises(UserError):
        feedback.set_answers(inst, info.id, [F(d, "overall", 6)])
    feedback.save_question(inst, info.mission_id, feedback.Question(
        "venue", "rating", "The venue", "Le lieu", 35))  # fmt: skip
    codes = [q.code for q in feedback.feedback_grid(inst, info.id).questions]
    assert codes == ["overall", "relevance", "recommend", "venue", "comment"]


def test_clock_times_as_typed_on_paper() -> None:
    assert [parse_clock(t) for t in ("9:00", "09h30", "9h", "14.15", " ", "24:00")] == [
        540, 570, 540, 855, None, 1440]  # fmt: skip
    for bad in ("25:00", "9:75", "nine", "9:5"):
        with pytest.raises(ValueError):
            parse_clock(bad)
    assert (format_hours(7.5, "fr"), format_hours(7.0), format_hours(None)) == ("7,5 h", "7 h", "–")


def test_migration_from_0003_keeps_every_record_and_gives_the_defaults(tmp_path: Path) -> None:
    """A 0003 database with a training, sessions, people and marks: all kept, rule 80 %."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from app.db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head

    db_file = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{db_file}")
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003_reference_names")
    sync = {"created_at": "2024-01-01 00:00:00", "updated_at": "2024-01-01 00:00:00",
            "updated_by": "seed", "version": 7, "deleted": 0}  # fmt: skip
    rows = [
        ("missions", {"id": "m1", "code": "MONUSCO", "name": "M", "country": "", "retired": 0}),
        ("trainings", {"id": "t1", "mission_id": "m1", "title": "Kept", "theme": "",
                       "kind": "training", "start_date": "2024-05-14", "end_date": "2024-05-15",
                       "status": "held", "description": "", "trainers": "[]"}),
        *[("training_sessions", {"id": f"s{i}", "training_id": "t1", "date": f"2024-05-1{3 + i}",
                                 "location_id": None, "topic": ""}) for i in (1, 2)],
        *[("people", {"id": f"p{i}", "full_name": f"Person {i}", "sex": "F", "consent": 0})
          for i in (1, 2)],
        *[("enrolments", {"id": f"e{i}", "training_id": "t1", "person_id": f"p{i}"})
          for i in (1, 2)],
        ("attendance", {"id": "a1", "session_id": "s1", "person_id": "p1", "status": "present"}),
        ("attendance", {"id": "a2", "session_id": "s2", "person_id": "p1", "status": "present"}),
        ("attendance", {"id": "a3", "session_id": "s1", "person_id": "p2", "status": "absent"}),
        ("attendance", {"id": "a4", "session_id": "s2", "person_id": "p2", "status": "excused"}),
    ]  # fmt: skip
    with engine.begin() as conn:
        for table, values in rows:
            columns = {r[1]: r for r in conn.execute(text(f"PRAGMA table_info({table})"))}
            row = {**{k: v for k, v in sync.items() if k in columns}, **values}
            for name, (_cid, _n, kind, notnull, default, _pk) in columns.items():
                if name not in row and notnull and default is None:
                    row[name] = 0 if "INT" in kind or "BOOL" in kind else ""
            names = ", ".join(row)
            conn.execute(text(f"INSERT INTO {table} ({names}) VALUES "
                              f"({', '.join(':' + n for n in row)})"), row)  # fmt: skip
        before = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t, _ in rows}
    upgrade_to_head(engine, db_file, tmp_path / "backups")
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        after = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in before}
        rule = conn.execute(text("SELECT completion_rule, completion_percent, test_max_score, "
                                 "version FROM trainings")).one()  # fmt: skip
        times = conn.execute(text("SELECT start_minute, end_minute, required FROM "
                                  "training_sessions")).all()  # fmt: skip
        marks = conn.execute(text("SELECT id, status, minutes FROM attendance ORDER BY id")).all()
        conn.execute(text("UPDATE attendance SET status = 'late', minutes = 20 WHERE id = 'a3'"))
        empty = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                 for t in ("test_scores", "feedback_questions", "feedback_answers")]  # fmt: skip
    engine.dispose()
    assert after == before
    assert tuple(rule) == ("share", 80, None, 7)  # sync versions untouched
    assert [tuple(t) for t in times] == [(None, None, 0)] * 2
    assert [tuple(m) for m in marks] == [("a1", "present", None), ("a2", "present", None),
                                         ("a3", "absent", None), ("a4", "excused", None)]  # fmt: skip
    assert empty == [0, 0, 0]


@needs_poppler
@pytest.mark.parametrize("lang", ["fr"])
def test_summary_pdf_has_completion_test_and_feedback_sections(signer, lang: str, tmp_path: Path,
                                                               artifacts: Path) -> None:  # fmt: skip
    from app.services.pdf import SummaryOptions, export_summary
    from tests.test_pdf import pdf_text, render

    inst, key = signer
    tid = training_ids()["UNSMIL"]
    out = tmp_path / "tunis.pdf"
    export_summary(inst, tid, out, key, SummaryOptions(lang=lang))
    text = pdf_text(out, layout=False)
    done = training_completion(inst, tid)
    tests = build_report(inst, ReportFilter(training_id=tid)).to_json()["tests"]
    assert "Achèvement de la formation" in text and "Test de connaissances" in text
    assert f"{done.completed} participants sur {len(done.people)} ont achevé" in text
    assert f"{tests['with_both']} participants ont passé le pré-test" in text
    assert "Évaluation par les participants" in text and "ورشة مفيدة جدا" in text
    for page in render(out, artifacts, f"summary-evaluation-{lang}", "1-3"):
        assert page.stat().st_size > 0


def test_participant_list_carries_late_and_left_early_marks_and_reads_them_back(workshop) -> None:
    from app.services.participant_import import attendance_from_text
    from app.services.participants_export import participants_sheet

    inst, info, _people = workshop
    for lang, late, early in (("en", "late", "left early"), ("fr", "en retard", "parti tôt")):
        sheet = participants_sheet(inst, info.id, lang)
        rows = {row[0]: row for row in sheet.rows}
        assert list(rows["Amani Kasongo"][-3:]) == [
            "present" if lang == "en" else "présent", late, early]  # fmt: skip
        assert rows["Amani Kasongo"][9] == 3  # sessions attended: late and left early count
        assert rows["Pierre Ilunga"][-1] == late
        assert [attendance_from_text(c) for c in rows["Amani Kasongo"][-3:]] == [
            "present", "late", "left_early"]  # fmt: skip


def test_feedback_summary_keeps_the_participants_order_and_only_theirs() -> None:
    Q = feedback.Question
    questions = (
        Q("overall", "rating", "Overall", "Global", 10),
        Q("comment", "text", "C", "C", 20),
    )
    answers = {
        ("p3", "comment"): (None, "third"), ("p1", "comment"): (None, "first"),
        ("p2", "overall"): (4, ""), ("gone", "overall"): (1, ""), ("p3", "retired"): (2, ""),
        ("p1", "overall"): (2, ""),
    }  # fmt: skip
    summary = feedback._summary(questions, ["p1", "p2", "p3", "p4"], answers)
    by_code = {q.question.code: q for q in summary.questions}
    assert (summary.forms, summary.participants) == (3, 4)
    assert by_code["comment"].comments == ("first", "third")
    assert (by_code["overall"].average, by_code["overall"].counts) == (3.0, {2: 1, 4: 1})
