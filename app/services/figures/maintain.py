"""Keep the figures tables (app/db/figures.py) equal to a full recount.

Recompute-on-touch rather than counters adjusted by +1/-1: a change names the
trainings, sessions and people it touched, and their rows are recomputed from the
records themselves (the same SELECTs as a rebuild, restricted to those keys). That
cannot drift, whatever the kind of change (edit, deletion, merge, import, conflict).

Statements are SQLAlchemy Core: they run on a SQLAlchemy connection (ORM edits) or
on the raw DB-API connection of the bundle importer (``DbApiRunner`` compiles them
for the engine's dialect), on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from operator import itemgetter
from typing import Any, Protocol

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Executable,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    case,
    delete,
    false,
    func,
    insert,
    literal_column,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.schema import CreateTable, ExecutableDDLElement
from sqlalchemy.sql.elements import BindParameter

from app.db import models
from app.db.figures import (
    CATEGORY,
    FIGURES_TABLES,
    MISSION,
    MONTH,
    PARTNER,
    QUARTER,
    SEX,
    YEAR,
    figures_groups,
    figures_labels,
    figures_pairs,
    figures_people,
    figures_places,
    figures_training_groups,
    figures_trainings,
)
from app.services.evaluation.rule import completed_condition, mark_aggregates

CHUNK = 5000  # ids per IN (...): well below SQLite's 32,766 and PostgreSQL's 65,535 parameters
NO_PARTNER_VALUE = ""  # the label of "no training partner"

trainings_t = models.Training.__table__
sessions_t = models.TrainingSession.__table__
people_t = models.Person.__table__
enrolments_t = models.Enrolment.__table__
attendance_t = models.Attendance.__table__
partners_t = models.Partner.__table__
training_partners_t = models.TrainingPartner.__table__


class Runner(Protocol):
    def rows(self, stmt: Executable) -> list[tuple[Any, ...]]: ...

    def run(self, stmt: Executable, params: Sequence[dict[str, Any]] | None = None) -> None: ...


class ConnectionRunner:
    """Statements on a SQLAlchemy connection (the ORM session's, inside its transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def rows(self, stmt: Executable) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.conn.execute(stmt)]

    def run(self, stmt: Executable, params: Sequence[dict[str, Any]] | None = None) -> None:
        if params is not None and not params:
            return
        self.conn.execute(stmt, list(params) if params is not None else None)


class DbApiRunner:
    """The same Core statements on a raw DB-API connection, compiled for ``dialect``."""

    def __init__(self, conn: Any, dialect: Dialect) -> None:
        self.conn = conn
        self.dialect = dialect

    def _compile(self, stmt: Executable, keys: list[str] | None = None) -> Any:
        return stmt.compile(  # type: ignore[attr-defined]
            dialect=self.dialect, column_keys=keys, compile_kwargs={"render_postcompile": True}
        )

    def _bound(self, compiled: Any, values: dict[str, Any]) -> Any:
        merged = {**compiled.params, **values}
        if self.dialect.positional:
            return tuple(merged[name] for name in compiled.positiontup)
        return merged

    def _bound_many(self, compiled: Any, params: Sequence[dict[str, Any]]) -> list[Any]:
        """Every row's parameters; positional ones picked in one C call per row."""
        if not self.dialect.positional or not all(n in params[0] for n in compiled.positiontup):
            return [self._bound(compiled, p) for p in params]
        names = compiled.positiontup
        if len(names) == 1:
            return [(p[names[0]],) for p in params]
        pick = itemgetter(*names)
        return [pick(p) for p in params]

    def rows(self, stmt: Executable) -> list[tuple[Any, ...]]:
        compiled = self._compile(stmt)
        cursor = self.conn.cursor()
        try:
            cursor.execute(compiled.string, self._bound(compiled, {}))
            return [tuple(r) for r in cursor.fetchall()]
        finally:
            cursor.close()

    def run(self, stmt: Executable, params: Sequence[dict[str, Any]] | None = None) -> None:
        if params is not None and not params:
            return
        cursor = self.conn.cursor()  # DB-API cursors: psycopg connections have no executemany
        try:
            if isinstance(stmt, ExecutableDDLElement):
                cursor.execute(str(stmt.compile(dialect=self.dialect)))
            elif params is None:
                compiled = self._compile(stmt)
                cursor.execute(compiled.string, self._bound(compiled, {}))
            else:
                compiled = self._compile(stmt, list(params[0]))
                cursor.executemany(compiled.string, self._bound_many(compiled, params))
        finally:
            cursor.close()


def _chunks(ids: Iterable[Any]) -> Iterator[list[Any]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


_scopes = MetaData()
# The ids a refresh is about, in temporary tables: each statement then runs once over
# them (``IN (SELECT ...)``) instead of once per chunk of bound parameters.
scope_ids = Table(
    "figures_scope_ids", _scopes,
    Column("kind", Integer, primary_key=True), Column("value", String(36), primary_key=True),
    prefixes=["TEMPORARY"],
)  # fmt: skip
scope_keys = Table(
    "figures_scope_keys", _scopes,
    Column("kind", Integer, primary_key=True), Column("value", Integer, primary_key=True),
    prefixes=["TEMPORARY"],
)  # fmt: skip
TRAININGS_SCOPE, PEOPLE_SCOPE, SESSIONS_SCOPE, SURVIVORS_SCOPE, PERSON_KEYS_SCOPE = range(1, 6)
TRAINING_KEYS_SCOPE = 6
# A rebuild's pairs by id, with their completion: people rows are then written once with
# their totals, and the pairs keyed from them (no UPDATE pass over indexed rows).
rebuild_pairs = Table(
    "figures_rebuild_pairs", _scopes,
    Column("tid", String(36), nullable=False), Column("pid", String(36), nullable=False),
    Column("completed", Integer, nullable=False), Column("minutes", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)  # fmt: skip


class Scoped:
    """A set of ids (or integer keys) written to a temporary table for the statements."""

    def __init__(self, runner: Runner, kind: int, values: Iterable[Any], keys: bool = False):
        self.values = set(values)
        self.table = scope_keys if keys else scope_ids
        self.kind = kind
        if not getattr(runner, "scopes_ready", False):
            for table in (scope_ids, scope_keys):
                runner.run(CreateTable(table, if_not_exists=True))
            runner.scopes_ready = True  # type: ignore[attr-defined]
        runner.run(delete(self.table).where(self.table.c.kind == kind))
        runner.run(insert(self.table), [{"kind": kind, "value": v} for v in self.values])

    def __iter__(self) -> Iterator[Any]:
        return iter(self.values)

    def where(self, column: Any) -> ColumnElement[bool]:
        chosen = select(self.table.c.value).where(self.table.c.kind == self.kind)
        return column.in_(chosen)


Ids = Scoped | None  # None: every record (a rebuild)


def _within(column: Any, ids: Ids) -> ColumnElement[bool]:
    return true() if ids is None else ids.where(column)


# --- labels ----------------------------------------------------------------------------------


class Labels:
    """Small integer keys of (kind, value) pairs, made on first use."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.known: dict[tuple[str, str], int] = {}

    def keys(self, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        missing = {w for w in wanted if w not in self.known}
        by_kind: dict[str, set[str]] = {}
        for kind, value in missing:
            by_kind.setdefault(kind, set()).add(value)
        for kind, values in by_kind.items():
            self._load(kind, values)
            new = [{"kind": kind, "value": v} for v in values if (kind, v) not in self.known]
            if new:
                self.runner.run(insert(figures_labels), new)
                self._load(kind, {row["value"] for row in new})
        return self.known

    def _load(self, kind: str, values: set[str]) -> None:
        lab = figures_labels.c
        for chunk in _chunks(values):
            stmt = select(lab.value, lab.key).where(lab.kind == kind, lab.value.in_(chunk))
            for value, key in self.runner.rows(stmt):
                self.known[(kind, value)] = key


def _periods(start: Any) -> tuple[str, str, str]:
    """Month, quarter and year of a training's start date, as HQ groups them."""
    day = str(start)[:10]
    year, month = day[:4], int(day[5:7])
    return day[:7], f"{year}-Q{(month + 2) // 3}", year


# --- trainings and people --------------------------------------------------------------------


def _existing(runner: Runner, key_col: Any, id_col: Any, ids: Ids) -> dict[str, int]:
    stmt = select(id_col, key_col).where(_within(id_col, ids))
    return {i: k for i, k in runner.rows(stmt)}


def _upsert(
    runner: Runner, table: Any, id_name: str, rows: list[dict[str, Any]], known: dict[str, int]
) -> None:
    old = [{**r, "b_key": known[r[id_name]]} for r in rows if r[id_name] in known]
    new = [r for r in rows if r[id_name] not in known]
    if old:
        columns: dict[str, BindParameter[object]] = {
            name: bindparam(name) for name in old[0] if name not in ("b_key", id_name)
        }
        runner.run(update(table).where(table.c.key == bindparam("b_key")).values(columns), old)
    runner.run(insert(table), new)


def _refresh_trainings(runner: Runner, labels: Labels, ids: Ids) -> None:
    t, s, a = trainings_t.c, sessions_t.c, attendance_t.c
    found = runner.rows(
        select(t.id, t.mission_id, t.start_date, t.deleted, t.status).where(_within(t.id, ids))
    )
    sessions = dict(
        runner.rows(
            select(s.training_id, func.count())
            .where(_within(s.training_id, ids), s.deleted == false())
            .group_by(s.training_id)
        )
    )
    marks: dict[tuple[str, str], int] = {}
    for tid, status, n in runner.rows(
        select(s.training_id, a.status, func.count())
        .select_from(sessions_t.join(attendance_t, a.session_id == s.id))
        .where(_within(s.training_id, ids), s.deleted == false(), a.deleted == false())
        .group_by(s.training_id, a.status)
    ):
        marks[(tid, status)] = n
    wanted = set()
    for _tid, mission, start, _deleted, _status in found:
        month, quarter, year = _periods(start)
        wanted |= {("mission", mission), ("month", month), ("quarter", quarter), ("year", year)}
    keys = labels.keys(wanted)
    rows = []
    for tid, mission, start, deleted, status in found:
        month, quarter, year = _periods(start)
        kept = 0 if deleted else 1
        rows.append({
            "training_id": tid, "mission_key": keys[("mission", mission)],
            "month_key": keys[("month", month)], "quarter_key": keys[("quarter", quarter)],
            "year_key": keys[("year", year)], "live": kept if status != "cancelled" else 0,
            "kept": kept, "sessions": sessions.get(tid, 0),
            # Late and left early were there (app.services.evaluation): attended, as in
            # the recount's by-session figures.
            "present": sum(marks.get((tid, k), 0) for k in ("present", "late", "left_early")),
            "absent": marks.get((tid, "absent"), 0),
            "excused": marks.get((tid, "excused"), 0),
        })  # fmt: skip
    known = _existing(runner, figures_trainings.c.key, figures_trainings.c.training_id, ids)
    gone = (ids.values if ids else set()) - {r["training_id"] for r in rows}
    rows += [
        {"training_id": tid, "mission_key": None, "month_key": None, "quarter_key": None,
         "year_key": None, "live": 0, "kept": 0, "sessions": 0, "present": 0, "absent": 0,
         "excused": 0}
        for tid in gone if tid in known
    ]  # fmt: skip
    _upsert(runner, figures_trainings, "training_id", rows, known)
    _refresh_places(runner, labels, ids)


def _refresh_places(runner: Runner, labels: Labels, ids: Ids) -> None:
    s = sessions_t.c
    found = runner.rows(
        select(s.training_id, s.location_id, func.min(s.date))
        .where(_within(s.training_id, ids), s.deleted == false(), s.location_id.is_not(None))
        .group_by(s.training_id, s.location_id)
    )
    keys = labels.keys({("location", location) for _t, location, _d in found})
    ft = figures_trainings.c
    trainings = {
        tid: (key, live, kept)
        for tid, key, live, kept in runner.rows(
            select(ft.training_id, ft.key, ft.live, ft.kept).where(_within(ft.training_id, ids))
        )
    }
    if ids is not None:
        chosen = select(ft.key).where(ids.where(ft.training_id))
        runner.run(delete(figures_places).where(figures_places.c.training_key.in_(chosen)))
    rows = [
        {"training_key": trainings[tid][0], "location_key": keys[("location", location)],
         "first_day": date.fromisoformat(str(day)[:10]).toordinal(),
         "live": trainings[tid][1], "kept": trainings[tid][2]}
        for tid, location, day in found
    ]  # fmt: skip
    runner.run(insert(figures_places), rows)


def _refresh_people(runner: Runner, labels: Labels, ids: Ids) -> None:
    p = people_t.c
    found = runner.rows(
        select(p.id, p.sex, p.category_id, p.partner_id, p.organisation).where(_within(p.id, ids))
    )
    wanted = set()
    for _pid, sex, category, partner, organisation in found:
        if category is not None:
            wanted.add(("category", category))
        if partner is not None:
            wanted.add(("partner", partner))
        wanted.add(("organisation", organisation or ""))
        wanted.add(("sex", sex or "X"))
    keys = labels.keys(wanted)
    rows = [
        {"person_id": pid, "sex": sex or "X",
         "category_key": keys[("category", category)] if category is not None else None,
         "partner_key": keys[("partner", partner)] if partner is not None else None,
         "organisation_key": keys[("organisation", organisation or "")]}
        for pid, sex, category, partner, organisation in found
    ]  # fmt: skip
    _upsert(runner, figures_people, "person_id", rows, _existing(
        runner, figures_people.c.key, figures_people.c.person_id, ids))  # fmt: skip


def _rebuild_people(runner: Runner) -> None:
    """Every person's row, as :func:`_refresh_people` makes them, in two statements per
    label kind and one INSERT ... SELECT (no rows through Python)."""
    p, lab = people_t.c, figures_labels.c
    sources = {
        "category": p.category_id, "partner": p.partner_id,
        "organisation": func.coalesce(p.organisation, ""),
        "sex": func.coalesce(func.nullif(p.sex, ""), "X"),
    }  # fmt: skip
    Labels(runner).keys({("sex", sex) for sex in models.SEXES})  # all of them: no scan
    for kind, value in sources.items():
        if kind == "sex":
            continue
        known = select(lab.value).where(lab.kind == kind)
        runner.run(
            insert(figures_labels).from_select(
                ["kind", "value"],
                select(literal_column(f"'{kind}'"), value)
                .where(value.is_not(None), value.not_in(known))
                .distinct(),
            )
        )
    joined = people_t
    keys = {}
    for kind, value in sources.items():
        if kind == "sex":
            continue
        alias = figures_labels.alias(f"l_{kind}")
        joined = joined.outerjoin(alias, and_(alias.c.kind == kind, alias.c.value == value))
        keys[kind] = alias.c.key
    totals = _rebuild_totals()
    joined = joined.outerjoin(totals, totals.c.pid == p.id)
    rows = select(
        p.id, sources["sex"], keys["category"], keys["partner"], keys["organisation"],
        *(func.coalesce(totals.c[name], 0) for name in PERSON_TOTALS),
    ).select_from(joined)  # fmt: skip
    columns = ["person_id", "sex", "category_key", "partner_key", "organisation_key",
               *PERSON_TOTALS]  # fmt: skip
    runner.run(insert(figures_people).from_select(columns, rows))


PERSON_TOTALS = ("live", "kept", "completed_live", "completed_kept")


def _rebuild_totals() -> Any:
    """Per survivor id, from the rebuild's pairs: what :func:`_person_totals` sets."""
    ft, rp = figures_trainings.c, rebuild_pairs.c
    return (
        select(rp.pid.label("pid"), func.sum(ft.live).label("live"),
               func.sum(ft.kept).label("kept"),
               func.sum(ft.live * rp.completed).label("completed_live"),
               func.sum(ft.kept * rp.completed).label("completed_kept"))
        .select_from(rebuild_pairs.join(figures_trainings, ft.training_id == rp.tid))
        .where(ft.kept == 1)
        .group_by(rp.pid)
        .subquery("totals")
    )  # fmt: skip


def _rebuild_pairs(runner: Runner) -> None:
    """Every counted pair with its completion, by id (figures_rebuild_pairs), then the
    people rows with their totals, then the pairs by key."""
    runner.run(CreateTable(rebuild_pairs, if_not_exists=True))
    runner.run(delete(rebuild_pairs))
    joined, where = _counted_enrolments(None)
    runner.run(insert(rebuild_pairs).from_select(
        ["tid", "pid", "completed", "minutes"], _pairs_completed(joined, where)))  # fmt: skip
    _rebuild_people(runner)
    ft, fp, rp = figures_trainings.c, figures_people.c, rebuild_pairs.c
    keyed = select(ft.key, fp.key, rp.completed, rp.minutes).select_from(
        rebuild_pairs.join(figures_trainings, ft.training_id == rp.tid).join(
            figures_people, fp.person_id == rp.pid
        )
    )
    runner.run(insert(figures_pairs).from_select(
        ["training_key", "person_key", "completed", "minutes"], keyed))  # fmt: skip
    runner.run(delete(rebuild_pairs))
    _training_minutes(runner, None)
    _training_groups(runner, None)


# --- pairs and groups ------------------------------------------------------------------------


def _survivor() -> Any:
    return func.coalesce(people_t.c.merged_into_id, people_t.c.id)


def _counted_enrolments(training_ids: Ids) -> Any:
    """Live enrolments of ``training_ids`` whose person still counts (kept, or merged)."""
    e, p = enrolments_t.c, people_t.c
    return (
        enrolments_t.join(people_t, p.id == e.person_id),
        and_(
            _within(e.training_id, training_ids),
            e.deleted == false(),
            or_(p.deleted == false(), p.merged_into_id.is_not(None)),
        ),
    )


def _refresh_pairs(runner: Runner, labels: Labels, training_ids: Scoped) -> set[int]:
    """Recompute the pairs of ``training_ids``; returns the person keys they had or have.
    (A rebuild writes every pair at once: :func:`_rebuild_pairs`.)"""
    joined, where = _counted_enrolments(training_ids)
    survivors = {r[0] for r in runner.rows(select(_survivor()).select_from(joined).where(where))}
    scoped = Scoped(runner, SURVIVORS_SCOPE, survivors)
    known = set(_existing(runner, figures_people.c.key, figures_people.c.person_id, scoped))
    if survivors - known:
        _refresh_people(runner, labels, Scoped(runner, SURVIVORS_SCOPE, survivors - known))
    ft, fp, pr = figures_trainings.c, figures_people.c, figures_pairs.c
    training_keys = select(ft.key).where(training_ids.where(ft.training_id)).scalar_subquery()
    mine = pr.training_key.in_(training_keys)
    touched = {r[0] for r in runner.rows(select(pr.person_key).where(mine))}
    runner.run(delete(figures_pairs).where(mine))
    pairs = (
        select(ft.key, fp.key)
        .select_from(
            joined.join(figures_people, fp.person_id == _survivor()).join(
                figures_trainings, ft.training_id == enrolments_t.c.training_id
            )
        )
        .where(where)
        .distinct()
    )
    runner.run(insert(figures_pairs).from_select(["training_key", "person_key"], pairs))
    _refresh_completion(runner, training_ids)
    touched |= {r[0] for r in runner.rows(select(pr.person_key).where(mine))}
    tg = figures_training_groups.c
    runner.run(delete(figures_training_groups).where(tg.training_key.in_(training_keys)))
    _training_groups(runner, training_ids)
    return touched


def _training_groups(runner: Runner, training_ids: Ids) -> None:
    columns = ["dimension", "group_key", "training_key", "live", "kept"]
    for stmt in _training_group_selects(training_ids):
        runner.run(insert(figures_training_groups).from_select(columns, stmt))


MARK_SUMS = ("expected", "attended", "req_expected", "req_attended", "minutes")


def _marks_by_person(training_ids: Ids) -> Any:
    """The marks of each (training, person), from attendance and sessions alone."""
    s, a = sessions_t.c, attendance_t.c
    return (
        select(s.training_id.label("tid"), a.person_id.label("person_id"), *mark_aggregates())
        .select_from(sessions_t.join(attendance_t, a.session_id == s.id))
        .where(_within(s.training_id, training_ids), s.deleted == false(), a.deleted == false())
        .group_by(s.training_id, a.person_id)
        .subquery("by_person")
    )


def _pair_marks(training_ids: Ids) -> Any:
    """Each (training, survivor)'s marks aggregated as evaluation's rule reads them.

    Two steps: the marks of each (training, person) from attendance and sessions alone,
    then those sums added up per survivor (the rule's figures are all sums), so people
    and enrolments are looked up once per person, not once per mark.
    """
    t, e, p = trainings_t.c, enrolments_t.c, people_t.c
    by_person = _marks_by_person(training_ids)
    joined = (
        by_person.join(trainings_t, t.id == by_person.c.tid)
        .join(people_t, p.id == by_person.c.person_id)
        .join(enrolments_t, and_(e.training_id == by_person.c.tid,
                                 e.person_id == by_person.c.person_id))
    )  # fmt: skip
    return (
        select(t.id.label("tid"), _survivor().label("pid"), t.completion_rule.label("rule"),
               t.completion_percent.label("percent"),
               *(func.sum(by_person.c[name]).label(name) for name in MARK_SUMS))
        .select_from(joined)
        .where(e.deleted == false(), or_(p.deleted == false(), p.merged_into_id.is_not(None)))
        .group_by(t.id, _survivor(), t.completion_rule, t.completion_percent)
        .subquery("per")
    )  # fmt: skip


def _completion_by_keys(training_ids: Scoped) -> Any:
    """(training key, person key, completed 0/1, minutes) of every pair with marks."""
    per = _pair_marks(training_ids)
    ft, fp = figures_trainings.c, figures_people.c
    return (
        select(ft.key.label("tk"), fp.key.label("pk"),
               case((completed_condition(per), 1), else_=0).label("completed"),
               func.coalesce(per.c.minutes, 0).label("minutes"))
        .select_from(per.join(figures_trainings, ft.training_id == per.c.tid)
                     .join(figures_people, fp.person_id == per.c.pid))
        .subquery("done")
    )  # fmt: skip


def _refresh_completion(runner: Runner, training_ids: Scoped) -> None:
    """Who completed each training and the minutes they attended (pairs, then trainings)."""
    pr = figures_pairs.c
    done = _completion_by_keys(training_ids)
    runner.run(
        update(figures_pairs)
        .where(pr.training_key == done.c.tk, pr.person_key == done.c.pk)
        .values(completed=done.c.completed, minutes=done.c.minutes)
    )
    _training_minutes(runner, training_ids)


def _pairs_completed(joined: Any, where: Any) -> Any:
    """Every counted (training id, survivor id) pair with whether it completed and its
    minutes, in one grouped pass over the enrolments and their people's marks."""
    t, e = trainings_t.c, enrolments_t.c
    by_person = _marks_by_person(None)
    with_marks = joined.join(trainings_t, t.id == e.training_id).outerjoin(
        by_person, and_(by_person.c.tid == e.training_id, by_person.c.person_id == e.person_id)
    )
    per = (
        select(e.training_id.label("tid"), _survivor().label("pid"),
               t.completion_rule.label("rule"), t.completion_percent.label("percent"),
               *(func.sum(by_person.c[name]).label(name) for name in MARK_SUMS))
        .select_from(with_marks)
        .where(where)
        .group_by(e.training_id, _survivor(), t.completion_rule, t.completion_percent)
        .subquery("per")
    )  # fmt: skip
    completed = case((and_(per.c.expected.is_not(None), completed_condition(per)), 1), else_=0)
    return select(per.c.tid, per.c.pid, completed, func.coalesce(per.c.minutes, 0))


def _training_minutes(runner: Runner, training_ids: Ids) -> None:
    """figures_trainings.minutes: the minutes of its pairs, summed."""
    ft, pr = figures_trainings.c, figures_pairs.c
    scoped = _within(ft.training_id, training_ids)
    per_training = (
        select(pr.training_key.label("tk"), func.sum(pr.minutes).label("minutes"))
        .select_from(figures_pairs.join(figures_trainings, ft.key == pr.training_key))
        .where(scoped)
        .group_by(pr.training_key)
        .subquery("per_training")
    )
    runner.run(update(figures_trainings).where(scoped).values(minutes=0))
    runner.run(
        update(figures_trainings)
        .where(ft.key == per_training.c.tk)
        .values(minutes=per_training.c.minutes)
    )


def _training_group_selects(training_ids: Ids) -> list[Any]:
    """Per training: the categories and sexes of its counted people."""
    ft, pr, fp, lab = figures_trainings.c, figures_pairs.c, figures_people.c, figures_labels.c
    base = figures_pairs.join(figures_trainings, ft.key == pr.training_key).join(
        figures_people, fp.key == pr.person_key
    )
    where = _within(ft.training_id, training_ids)
    category = func.coalesce(fp.category_key, _constant(0))
    with_sex = base.join(figures_labels, and_(lab.kind == "sex", lab.value == fp.sex))
    return [
        select(_constant(dimension), group, pr.training_key, func.max(ft.live), func.max(ft.kept))
        .select_from(joined)
        .where(where)
        .group_by(group, pr.training_key)
        for dimension, group, joined in ((CATEGORY, category, base), (SEX, lab.key, with_sex))
    ]


def _constant(value: int) -> Any:
    """An integer written into the SQL: the same text in SELECT and GROUP BY (PostgreSQL
    does not see two bound parameters as one expression)."""
    return literal_column(str(int(value)))


def _group_selects(none_key: int, person_keys: Ids) -> list[Any]:
    ft, pr, fp = figures_trainings.c, figures_pairs.c, figures_people.c
    base = figures_pairs.join(figures_trainings, ft.key == pr.training_key).join(
        figures_people, fp.key == pr.person_key
    )
    # People of one kept training have no rows: they are that training's singles. A
    # rebuild looks them up from that list (most people came once: 0.11 s of pair scans
    # saved on a first 100,000-participant bundle, the same time when a third came twice).
    people = _within(pr.person_key, person_keys)
    if person_keys is None:
        people = pr.person_key.in_(select(fp.key).where(fp.kept >= 2))
    where = and_(people, ft.kept == 1, fp.kept >= 2)
    selects = []
    for dimension, column in (
        (MISSION, ft.mission_key), (MONTH, ft.month_key), (QUARTER, ft.quarter_key),
        (YEAR, ft.year_key),
    ):  # fmt: skip
        selects.append(
            select(_constant(dimension), column, pr.person_key, fp.sex, *_group_sums())
            .select_from(base)
            .where(where)
            .group_by(column, pr.person_key, fp.sex)
        )
    tp, lab = training_partners_t.c, figures_labels.c
    partner = func.coalesce(lab.key, _constant(none_key))
    with_partners = base.outerjoin(
        training_partners_t, and_(tp.training_id == ft.training_id, tp.deleted == false())
    ).outerjoin(figures_labels, and_(lab.kind == "partner", lab.value == tp.partner_id))
    selects.append(
        select(_constant(PARTNER), partner, pr.person_key, fp.sex, *_group_sums())
        .select_from(with_partners)
        .where(where)
        .group_by(partner, pr.person_key, fp.sex)
    )
    return selects


def _group_sums() -> list[Any]:
    """A person's live and kept trainings in a group, and how many of each they completed."""
    ft, pr = figures_trainings.c, figures_pairs.c
    return [func.sum(ft.live), func.sum(ft.kept),
            func.sum(ft.live * pr.completed), func.sum(ft.kept * pr.completed)]  # fmt: skip


GROUP_COLUMNS = ["dimension", "group_key", "person_key", "sex", "live", "kept",
                 "completed_live", "completed_kept"]  # fmt: skip


def _refresh_groups(runner: Runner, labels: Labels, person_keys: Ids, totals: bool = True) -> None:
    partner_ids = {r[0] for r in runner.rows(select(partners_t.c.id))}
    keys = labels.keys({("partner", NO_PARTNER_VALUE)} | {("partner", i) for i in partner_ids})
    none_key = keys[("partner", NO_PARTNER_VALUE)]
    if totals:  # first: who has rows here depends on them
        for stmt in _person_totals(person_keys):
            runner.run(stmt)
    if person_keys is not None:
        runner.run(delete(figures_groups).where(person_keys.where(figures_groups.c.person_key)))
    for stmt in _group_selects(none_key, person_keys):
        runner.run(insert(figures_groups).from_select(GROUP_COLUMNS, stmt))


SINGLES = ("singles", "singles_women", "singles_men", "singles_completed")


def _refresh_singles(runner: Runner, training_keys: Ids) -> None:
    """figures_trainings.singles (by sex, and completed): the counted people of each
    training of ``training_keys`` whose only kept training it is (people totals first)."""
    ft, pr, fp = figures_trainings.c, figures_pairs.c, figures_people.c
    per_training = (
        select(pr.training_key.label("tk"), func.count().label("singles"),
               func.sum(case((fp.sex == "F", 1), else_=0)).label("singles_women"),
               func.sum(case((fp.sex == "M", 1), else_=0)).label("singles_men"),
               func.sum(pr.completed).label("singles_completed"))
        .select_from(figures_pairs.join(figures_people, fp.key == pr.person_key)
                     .join(figures_trainings, ft.key == pr.training_key))
        .where(_within(pr.training_key, training_keys), fp.kept == 1, ft.kept == 1)
        .group_by(pr.training_key)
        .subquery("per_training")
    )  # fmt: skip
    runner.run(
        update(figures_trainings)
        .where(_within(ft.key, training_keys))
        .values(dict.fromkeys(SINGLES, 0))
    )
    runner.run(
        update(figures_trainings)
        .where(ft.key == per_training.c.tk)
        .values({name: per_training.c[name] for name in SINGLES})
    )


def _person_totals(person_keys: Ids) -> list[Any]:
    """figures_people.live / .kept: the person's live and kept trainings, all missions;
    .completed_live / .completed_kept: those of them the person completed.

    Zeroed, then set from one grouped pass over the pairs (UPDATE ... FROM): correlated
    subqueries per person made PostgreSQL, without statistics yet, build a hash of the
    trainings for every person (minutes for a 100,000-person import).
    """
    ft, pr, fp = figures_trainings.c, figures_pairs.c, figures_people.c
    sums = (
        select(
            pr.person_key.label("pk"),
            func.sum(ft.live).label("live"),
            func.sum(ft.kept).label("kept"),
            func.sum(ft.live * pr.completed).label("completed_live"),
            func.sum(ft.kept * pr.completed).label("completed_kept"),
        )
        .select_from(figures_pairs.join(figures_trainings, ft.key == pr.training_key))
        .where(_within(pr.person_key, person_keys), ft.kept == 1)
        .group_by(pr.person_key)
        .subquery("sums")
    )
    zero = dict.fromkeys(PERSON_TOTALS, 0)
    return [
        update(figures_people).where(_within(fp.key, person_keys)).values(**zero),
        update(figures_people)
        .where(fp.key == sums.c.pk)
        .values({name: sums.c[name] for name in zero}),
    ]


# --- entry points ----------------------------------------------------------------------------


def refresh(
    runner: Runner,
    trainings: Iterable[str] = (),
    sessions: Iterable[str] = (),
    people: Iterable[str] = (),
) -> None:
    """Recompute every figure the given trainings, sessions and people take part in.

    A change that touches most of the records (a mission's first full bundle at HQ)
    recounts everything instead: one pass over every table costs less than the same
    rows through the id scopes, and gives the very same figures.
    """
    s, p, e = sessions_t.c, people_t.c, enrolments_t.c
    training_ids = set(trainings)
    if _mostly_everything(runner, training_ids, set(people)):
        rebuild(runner)
        return
    if sessions:
        scoped = Scoped(runner, SESSIONS_SCOPE, sessions)
        training_ids |= {r[0] for r in runner.rows(select(s.training_id).where(scoped.where(s.id)))}
    person_ids = set(people)
    if person_ids:
        # One merge level, as the figures resolve it: the survivor and those merged in.
        scoped = Scoped(runner, PEOPLE_SCOPE, person_ids)
        person_ids |= {r[0] for r in runner.rows(select(p.merged_into_id).where(scoped.where(p.id)))
                       if r[0]}  # fmt: skip
        person_ids |= {
            r[0] for r in runner.rows(select(p.id).where(scoped.where(p.merged_into_id)))
        }
    if not training_ids and not person_ids:
        return
    labels = Labels(runner)
    touched: set[int] = set()
    scoped_trainings: Scoped | None = None
    if person_ids:
        scoped_people = Scoped(runner, PEOPLE_SCOPE, person_ids)
        training_ids |= {
            r[0] for r in runner.rows(select(e.training_id).where(scoped_people.where(e.person_id)))
        }
        _refresh_people(runner, labels, scoped_people)
        touched |= set(
            _existing(
                runner, figures_people.c.key, figures_people.c.person_id, scoped_people
            ).values()
        )
    if training_ids:
        scoped_trainings = Scoped(runner, TRAININGS_SCOPE, training_ids)
        _refresh_trainings(runner, labels, scoped_trainings)
        touched |= _refresh_pairs(runner, labels, scoped_trainings)
    person_keys = Scoped(runner, PERSON_KEYS_SCOPE, touched, keys=True)
    _refresh_groups(runner, labels, person_keys)
    _refresh_singles(runner, _singles_scope(runner, person_keys, scoped_trainings))


def _singles_scope(runner: Runner, person_keys: Scoped, trainings: Scoped | None) -> Scoped:
    """The trainings whose singles may have changed: the refreshed ones (a removed pair
    is theirs) and every training of the touched people (one may now be their only one)."""
    ft, pr = figures_trainings.c, figures_pairs.c
    keys = {
        r[0] for r in runner.rows(select(pr.training_key).where(person_keys.where(pr.person_key)))
    }
    if trainings is not None:
        keys |= {r[0] for r in runner.rows(select(ft.key).where(trainings.where(ft.training_id)))}
    return Scoped(runner, TRAINING_KEYS_SCOPE, keys, keys=True)


# A refresh touching at least this many trainings or people, and at least half of all
# of them, is a rebuild (small changes keep the scoped path, whatever the database size).
BULK_MIN_TRAININGS = 500
BULK_MIN_PEOPLE = 20_000


def _mostly_everything(runner: Runner, trainings: set[str], people: set[str]) -> bool:
    for ids, table, least in (
        (trainings, trainings_t, BULK_MIN_TRAININGS), (people, people_t, BULK_MIN_PEOPLE),
    ):  # fmt: skip
        if len(ids) >= least:
            total = runner.rows(select(func.count()).select_from(table))[0][0]
            if 2 * len(ids) >= total:
                return True
    return False


def rebuild(runner: Runner) -> None:
    """Every figure recomputed from the records (after a migration, a big import, or on
    request)."""
    # The indexes stay while the rows go in. Building them afterwards (one sort each) was
    # tried: on a 100,000-participant import it saved nothing on a plain file and cost an
    # encrypted one (the default) about 1.9 s.
    for table in FIGURES_TABLES:
        runner.run(delete(table))
    labels = Labels(runner)
    _refresh_trainings(runner, labels, None)
    _rebuild_pairs(runner)  # the people rows, with their totals, and the pairs
    _refresh_groups(runner, labels, None, totals=False)
    _refresh_singles(runner, None)
