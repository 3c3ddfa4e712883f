"""The kept report figures equal a full recount after random edits, imports and rebuilds.

Random sequences of real service calls (trainings made, cancelled, deleted; people
added, edited, enrolled, removed, merged; attendance marked and cleared) on a real
migrated installation; after every few steps ``build_report`` and ``hq.breakdown``
(read from the kept tables) must equal ``recount_report`` / ``recount_breakdown``
(today's queries over the records), with and without cancelled trainings. Then
``muster report --rebuild`` recomputes everything and the figures are unchanged.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select

from app.db.figures import figures_groups, figures_pairs, figures_trainings
from app.services import attendance, duplicates, hq, people, reports, trainings
from app.services.attendance import Mark
from app.services.evaluation.completion import CompletionRule, set_completion_rule
from app.services.figures import maintain
from app.services.people import PersonInput
from app.services.reference import SEED_CATEGORIES, SEED_MISSIONS, SEED_PARTNERS
from app.services.reports import ReportFilter
from app.services.trainings import PartnerRoleInput, SessionInput, TrainingInput
from tests.helpers import run_cli

MISSIONS = [m[0] for m in SEED_MISSIONS][:4]
CATEGORIES = [c[0] for c in SEED_CATEGORIES][:4]
PARTNERS = [p[0] for p in SEED_PARTNERS][:3]
PLACES = ("Goma", "Bunia", "Tripoli", "")


def assert_kept_equals_recount(inst: Any) -> None:
    for cancelled in (False, True):
        flt = ReportFilter(include_cancelled=cancelled)
        kept = reports.build_report(inst, flt).to_json()
        counted = reports.recount_report(inst, flt).to_json()
        assert kept == counted
        assert list(kept["by_mission"]) == list(counted["by_mission"])  # same order
        for by in hq.DIMENSIONS:
            rows = hq.breakdown(inst, by, flt)
            assert rows == hq._sorted(hq.recount_breakdown(inst, by, flt), by), by
            for row in rows:
                assert hq.drill_down(inst, by, row.key, flt) == hq.recount_drill_down(
                    inst, by, row.key, flt
                ), (by, row.key)


def _training(rng: random.Random, n: int) -> TrainingInput:
    start = date(2025, 1, 1) + timedelta(days=rng.randrange(400))
    sessions = tuple(
        SessionInput(start + timedelta(days=i), rng.choice(PLACES),
                     start_minute=rng.choice((None, 540, 600)), end_minute=rng.choice((None, 720, 1020)),
                     required=rng.random() < 0.3)
        for i in range(rng.randint(0, 3))
    )  # fmt: skip
    end = start + timedelta(days=max(len(sessions) - 1, 0))
    partners = tuple(PartnerRoleInput(a) for a in rng.sample(PARTNERS, rng.randint(0, 2)))
    return TrainingInput(
        title=f"Training {n}", mission=rng.choice(MISSIONS), start=start, end=end,
        status=rng.choice(("planned", "held", "held", "cancelled")), partners=partners,
        sessions=sessions,
    )  # fmt: skip


def _person(rng: random.Random, n: int) -> PersonInput:
    return PersonInput(
        full_name=f"Person {n} {rng.choice(('Mbala', 'Каримов', 'الطرابلسي'))}",
        sex=rng.choice("FMX"), category=rng.choice([*CATEGORIES, None]),
        organisation=rng.choice(("", "Tribunal de Goma", "Police")),
        partner=rng.choice([*PARTNERS, None]),
    )  # fmt: skip


class World:
    """What the random steps know: trainings (with sessions) and enrolments."""

    def __init__(self, inst: Any, rng: random.Random) -> None:
        self.inst, self.rng = inst, rng
        self.trainings: dict[str, list[str]] = {}  # training id -> session ids
        self.enrolled: set[tuple[str, str]] = set()  # (training, person)
        self.people: list[str] = []
        self.made: dict[str, int] = {}  # id -> when it was made: a walk that never depends
        self.n = 0  # on the random ids, so a seed always takes the same steps

    def pick_enrolment(self) -> tuple[str, str]:
        ordered = sorted(self.enrolled, key=lambda e: (self.made[e[0]], self.made[e[1]]))
        return self.rng.choice(ordered)

    def step(self) -> None:
        self.n += 1
        rng, inst = self.rng, self.inst
        actions = [self.new_training]
        if self.trainings:
            actions += [self.new_participant] * 4 + [self.edit_training, self.delete_training]
        if self.people and self.trainings:
            actions += [self.enrol_existing] * 2 + [self.edit_person, self.merge]
        if self.enrolled:
            actions += [self.mark] * 4 + [self.attend_all, self.remove, self.completion_rule]
        rng.choice(actions)()
        _ = inst

    def new_training(self) -> None:
        info = trainings.create_training(self.inst, _training(self.rng, self.n))
        self.trainings[info.id] = [s.id for s in info.sessions]
        self.made[info.id] = len(self.made)

    def new_participant(self) -> None:
        tid = self.rng.choice(list(self.trainings))
        info = people.add_participant(self.inst, tid, _person(self.rng, self.n))
        self.people.append(info.person.id)
        self.made[info.person.id] = len(self.made)
        self.enrolled.add((tid, info.person.id))

    def enrol_existing(self) -> None:
        tid, pid = self.rng.choice(list(self.trainings)), self.rng.choice(self.people)
        if (tid, pid) not in self.enrolled:
            people.enrol(self.inst, tid, pid)
            self.enrolled.add((tid, pid))

    def edit_training(self) -> None:
        tid = self.rng.choice(list(self.trainings))
        info = trainings.update_training(self.inst, tid, _training(self.rng, self.n))
        self.trainings[tid] = [s.id for s in info.sessions]

    def delete_training(self) -> None:
        tid = self.rng.choice(list(self.trainings))
        trainings.delete_training(self.inst, tid)
        del self.trainings[tid]
        self.enrolled = {e for e in self.enrolled if e[0] != tid}

    def edit_person(self) -> None:
        pid = self.rng.choice(self.people)
        people.update_person(self.inst, pid, _person(self.rng, self.n))

    def merge(self) -> None:
        if len(self.people) < 2:
            return
        keep, gone = self.rng.sample(self.people, 2)
        duplicates.merge_people(self.inst, keep, gone)
        self.people.remove(gone)
        self.enrolled = {(t, keep if p == gone else p) for t, p in self.enrolled}

    def mark(self) -> None:
        tid, pid = self.pick_enrolment()
        if self.trainings.get(tid):
            status = self.rng.choice(
                ("present", "present", "absent", "excused", "late", "left_early", None)
            )
            minutes = self.rng.choice((None, 30)) if status in ("late", "left_early") else None
            attendance.set_marks(
                self.inst, [Mark(self.rng.choice(self.trainings[tid]), pid, status, minutes)]
            )

    def attend_all(self) -> None:
        """Someone at every session of a training: a completion under either rule."""
        tid, pid = self.pick_enrolment()
        marks = [Mark(sid, pid, "present") for sid in self.trainings.get(tid, [])]
        if marks:
            attendance.set_marks(self.inst, marks)

    def completion_rule(self) -> None:
        tid = self.rng.choice(list(self.trainings))
        rule = self.rng.choice(
            (CompletionRule("share", self.rng.choice((50, 80, 100))), CompletionRule("required"))
        )
        set_completion_rule(self.inst, tid, rule)

    def remove(self) -> None:
        tid, pid = self.pick_enrolment()
        people.remove_participant(self.inst, tid, pid)
        self.enrolled.discard((tid, pid))


@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    ("seed", "bulk", "database"),
    [(2, False, "sqlite"), (3, False, "sqlite"), (5, True, "sqlite"), (5, True, "postgresql")],
)
def test_kept_figures_equal_a_recount_after_random_edits(
    installation: Any, seed: int, bulk: bool, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``bulk``: any change touching half of the trainings or people takes the rebuild path
    (app.services.figures.maintain.BULK_MIN_*), as a mission's first bundle does at HQ."""
    if bulk:
        monkeypatch.setattr(maintain, "BULK_MIN_TRAININGS", 1)
        monkeypatch.setattr(maintain, "BULK_MIN_PEOPLE", 1)
        rebuilds = _count_calls(monkeypatch, maintain, "rebuild")
    world = World(installation, random.Random(seed))
    completions: list[tuple[int, float]] = []
    shapes: list[tuple[int, int, int]] = []
    for i in range(1, 61):
        try:
            world.step()
        except Exception as exc:  # a refusal is fine (e.g. merging people in one training)
            from app.errors import UserError

            if not isinstance(exc, UserError):
                raise
        if i % 5 == 0:
            assert_kept_equals_recount(installation)
            shapes.append(_figure_rows(installation))
            for cancelled in (False, True):
                flt = ReportFilter(include_cancelled=cancelled)
                evaluation = reports.build_report(installation, flt).evaluation
                completions.append((evaluation.completed, evaluation.hours_attended))
    assert reports.build_report(installation).participants > 0
    # The edits reached the evaluation figures too (completions and hours were counted).
    assert any(done > 0 for done, _ in completions), completions
    assert any(hours > 0 for _, hours in completions), completions
    # Both kinds of unique people were counted: of several trainings, and of one only.
    assert any(groups > 0 for _, groups, _ in shapes), shapes
    assert any(singles > 0 for _, _, singles in shapes), shapes
    if bulk:  # both paths ran: the rebuild for wide changes, the scoped one for the rest
        assert 0 < rebuilds[0] < 60, rebuilds


def _count_calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[int]:
    calls = [0]
    real = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def _figure_rows(inst: Any) -> tuple[int, int, int]:
    """Pairs, group rows (people of several trainings) and singles (people of one)."""
    with inst.db.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(figures_pairs)) or 0,
            session.scalar(select(func.count()).select_from(figures_groups)) or 0,
            session.scalar(select(func.sum(figures_trainings.c.singles))) or 0,
        )


@pytest.mark.timeout(120)
def test_rebuild_from_scratch_gives_the_same_figures(demo_installation: Any, home: Path) -> None:
    before = reports.build_report(demo_installation).to_json()
    rows = _figure_rows(demo_installation)
    assert rows[0] > 0 and rows[2] > 0
    demo_installation.close()
    code, out, err = run_cli("report", "--rebuild", home=home)
    assert code == 0, err
    assert "rebuilt" in err.lower() and "Trainings:" in out
    from app.services.installation import open_installation

    inst = open_installation(demo_installation.paths)
    try:
        assert reports.build_report(inst).to_json() == before
        assert _figure_rows(inst) == rows
        assert_kept_equals_recount(inst)
        # Every index of the figures tables is there after a rebuild.
        from sqlalchemy import inspect

        from app.db.figures import FIGURES_TABLES

        found = {
            i["name"] for t in FIGURES_TABLES for i in inspect(inst.db.engine).get_indexes(t.name)
        }
        assert found == {i.name for t in FIGURES_TABLES for i in t.indexes}
    finally:
        inst.close()


def test_migration_fills_the_figures_from_existing_records(tmp_path: Path) -> None:
    """An 0003 database with trainings and people gets its figures on upgrade."""
    from app.db.migrate import upgrade_to_head

    db_file = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{db_file}")
    from alembic import command
    from alembic.config import Config

    from app.db.migrate import alembic_config

    config: Config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003_reference_names")
    stamp = "2025-01-01 00:00:00"
    sync = f"'{stamp}', '{stamp}', 'dev', 1, 0"
    with engine.begin() as conn:
        run = conn.exec_driver_sql
        run(f"INSERT INTO missions (id, code, name, country, retired, name_fr, created_at, "
            f"updated_at, updated_by, version, deleted) VALUES ('m1', 'MONUSCO', 'M', '', 0, '', {sync})")  # fmt: skip
        run(f"INSERT INTO trainings (id, mission_id, title, theme, kind, start_date, end_date, "
            f"status, description, trainers, created_at, updated_at, updated_by, version, deleted) "
            f"VALUES ('t1', 'm1', 'T', '', 'training', '2025-03-01', '2025-03-02', 'held', '', "
            f"'[]', {sync})")  # fmt: skip
        for pid, sex in (("p1", "F"), ("p2", "M"), ("p3", "F")):
            run(f"INSERT INTO people (id, full_name, name_key, sex, organisation, function, "
                f"nationality, phone, email, consent, created_at, updated_at, updated_by, "
                f"version, deleted) VALUES ('{pid}', '{pid}', '{pid}', '{sex}', '', '', '', '', "
                f"'', 0, {sync})")  # fmt: skip
            run(
                f"INSERT INTO enrolments (id, training_id, person_id, created_at, updated_at, "
                f"updated_by, version, deleted) VALUES ('e{pid}', 't1', '{pid}', {sync})"
            )
        run("UPDATE people SET merged_into_id = 'p1', deleted = 1 WHERE id = 'p3'")
    upgrade_to_head(engine, db_file, tmp_path / "backups")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM trainings").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM people").scalar() == 3
        groups = conn.exec_driver_sql(
            "SELECT count(*), sum(sex = 'F') FROM figures_people WHERE live > 0"
        ).one()
    assert tuple(groups) == (2, 1)  # p3 was merged into p1
    engine.dispose()


def test_a_person_moves_between_one_training_and_several(installation: Any) -> None:
    """The scoped refresh moves a person between a training's singles and the group rows
    (enrolled again, removed, merged, a training deleted), the figures equal to a recount."""
    rng = random.Random(11)
    held = [
        TrainingInput(title=f"Training {n}", mission=MISSIONS[n], start=date(2025, n, 3),
                      end=date(2025, n, 3), status="held",
                      sessions=(SessionInput(date(2025, n, 3), "Goma"),))
        for n in (1, 2)
    ]  # fmt: skip
    first, second = (trainings.create_training(installation, t).id for t in held)
    amina = people.add_participant(installation, first, _person(rng, 1)).person.id
    other = people.add_participant(installation, second, _person(rng, 2)).person.id
    shapes = [_figure_rows(installation)]
    steps = (
        lambda: people.enrol(installation, second, amina),  # of two trainings now
        lambda: people.remove_participant(installation, second, amina),  # of one again
        lambda: duplicates.merge_people(installation, amina, other),  # two, by the merge
        lambda: _deleted_as_a_bundle_does(installation, second),  # one
    )
    for step in steps:
        step()
        assert_kept_equals_recount(installation)
        shapes.append(_figure_rows(installation))
    expected = [(False, 2), (True, 1), (False, 2), (True, 0), (False, 1)]  # (groups?, singles)
    assert [(groups > 0, singles) for _pairs, groups, singles in shapes] == expected


def _deleted_as_a_bundle_does(inst: Any, training_id: str) -> None:
    """The training row alone marked deleted (Core, as the importer writes), its people's
    other trainings left for the refresh to find."""
    from app.db import models
    from app.services import figures

    with inst.db.transaction() as session:
        table = models.Training.__table__
        session.execute(table.update().where(table.c.id == training_id).values(deleted=True))
        figures.touch(session, trainings=[training_id])
