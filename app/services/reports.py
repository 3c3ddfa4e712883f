"""Consolidated figures: trainings, sessions, unique participants, attendance, breakdowns.

One set of queries serves ``muster report``, the summary panel, the PDF and the HQ
view, so their figures always agree. Unique participants count people, not rows:
a person merged into another counts as the survivor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.audit.figures import audit_figures, profile_counts
from app.services.evaluation.figures import (
    EvaluationFigures,
    assemble_figures,
    evaluation_figures,
    scores_query,
)
from app.services.installation import Installation

NO_PARTNER = "(none)"
NO_CATEGORY = "(none)"
SEX_LABELS = {"F": "female", "M": "male", "X": "unspecified"}


@dataclass(frozen=True)
class ReportFilter:
    mission: str | None = None  # mission code
    date_from: date | None = None
    date_to: date | None = None
    training_id: str | None = None
    include_cancelled: bool = False


@dataclass(frozen=True)
class SessionFigures:
    session_id: str
    date: date
    location: str
    topic: str
    present: int
    absent: int
    excused: int
    late: int = 0
    left_early: int = 0

    @property
    def attended(self) -> int:
        """Present, late or left early: the session counts as attended."""
        return self.present + self.late + self.left_early

    @property
    def recorded(self) -> int:
        return self.attended + self.absent + self.excused


@dataclass(frozen=True)
class Report:
    trainings: int
    sessions: int
    participants: int  # unique people
    attendances: int  # attended marks: present, late or left early
    recorded_marks: int  # attended + absent + excused
    women: int
    by_mission: dict[str, int]
    by_category: dict[str, int]
    by_sex: dict[str, int]
    by_partner: dict[str, int]
    by_category_sex: dict[str, dict[str, int]]
    by_organisation: dict[str, int]
    by_session: list[SessionFigures] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    filters: dict[str, Any] = field(default_factory=dict)
    # Issue 19 (app/services/audit/figures.py): every participant counted once in each.
    by_age_band: dict[str, int] = field(default_factory=dict)
    by_disability: dict[str, int] = field(default_factory=dict)
    perdiem_totals: dict[str, str] = field(default_factory=dict)  # currency -> "1234.50"
    evaluation: EvaluationFigures = field(default_factory=EvaluationFigures)

    @property
    def completed(self) -> int:
        return self.evaluation.completed

    @property
    def women_share(self) -> float | None:
        return self.women / self.participants if self.participants else None

    @property
    def attendance_rate(self) -> float | None:
        return self.attendances / self.recorded_marks if self.recorded_marks else None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["women_share"] = None if self.women_share is None else round(self.women_share, 4)
        data["attendance_rate"] = (
            None if self.attendance_rate is None else round(self.attendance_rate, 4)
        )
        data["by_session"] = [{**asdict(s), "date": s.date.isoformat()} for s in self.by_session]
        del data["evaluation"]
        data.update(self.evaluation.to_json())  # completed, hours, tests (app.services.evaluation)
        return data


def _training_conditions(flt: ReportFilter) -> tuple[str, dict[str, Any]]:
    conds = ["t.deleted = FALSE"]
    params: dict[str, Any] = {}
    if not flt.include_cancelled and not flt.training_id:
        # One training asked for by name is reported whatever its status (as its PDF is).
        conds.append("t.status != 'cancelled'")
    if flt.mission:
        conds.append("t.mission_id IN (SELECT id FROM missions WHERE upper(code) = :mission)")
        params["mission"] = flt.mission.upper()
    if flt.date_from:
        conds.append("t.end_date >= :date_from")
        params["date_from"] = flt.date_from.isoformat()
    if flt.date_to:
        conds.append("t.start_date <= :date_to")
        params["date_to"] = flt.date_to.isoformat()
    if flt.training_id:
        conds.append("t.id = :training_id")
        params["training_id"] = flt.training_id
    return " AND ".join(conds), params


def _unfiltered(flt: ReportFilter) -> bool:
    return not (flt.mission or flt.date_from or flt.date_to or flt.training_id)


def build_report(inst: Installation, flt: ReportFilter | None = None) -> Report:
    """All figures for the trainings selected by ``flt``.

    Over every training (HQ's dashboard, ``muster report``) they come from the figures
    kept in every write transaction (app.services.figures); a mission, period or
    training filter recounts from the records (fewer trainings, so fewer rows).
    """
    flt = flt or ReportFilter()
    if _unfiltered(flt):
        return _kept_report(inst, flt)
    return recount_report(inst, flt)


def rebuild_figures(inst: Installation) -> float:
    """Recompute every kept figure from the records, in one transaction; seconds taken."""
    import time

    from app.services.figures.maintain import ConnectionRunner, rebuild

    started = time.perf_counter()
    with inst.db.transaction() as session:
        rebuild(ConnectionRunner(session.connection()))
    return time.perf_counter() - started


def _kept_report(inst: Installation, flt: ReportFilter) -> Report:
    from app.services.figures import read

    cancelled = flt.include_cancelled
    with inst.db.reading() as session:
        names = read.Names(session)
        totals = read.totals(session, cancelled)
        people = read.people(session, names, cancelled)
        by_mission = read.by_mission(session, names, cancelled)
        locations = read.locations(session, names, cancelled)
        completed, minutes = read.completion(session, names, cancelled)
        scores = session.execute(scores_query(flt)).all()
        participants = sum(people.by_category_sex.values())
        profiles = profile_counts(session, participants, "kept" if cancelled else "live")
    by_sex_code: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    for (cat, sex), n in people.by_category_sex.items():
        by_sex_code[sex] += n
        by_category[cat] += n
    by_category_sex: dict[str, dict[str, int]] = {}
    for (cat, sex), n in people.by_category_sex.items():
        by_category_sex.setdefault(cat, dict.fromkeys(SEX_LABELS.values(), 0))[
            SEX_LABELS.get(sex, "unspecified")
        ] = n
    ordered_categories = _ordered(by_category)
    by_sex = {label: by_sex_code.get(code, 0) for code, label in SEX_LABELS.items()}
    return Report(
        trainings=totals.trainings,
        sessions=totals.sessions,
        participants=participants,
        attendances=totals.present,
        recorded_marks=totals.present + totals.absent + totals.excused,
        women=by_sex["female"],
        by_mission=by_mission,
        by_category=ordered_categories,
        by_sex=by_sex,
        by_partner=_ordered(people.by_partner),
        by_category_sex={k: by_category_sex[k] for k in ordered_categories},
        by_organisation=_ordered(people.by_organisation),
        by_session=[],
        locations=locations,
        filters=_filters_json(flt),
        **audit_figures(inst, flt, _training_conditions, profiles),
        evaluation=assemble_figures(completed, minutes, scores),
    )


def _ordered(counts: Counter[str]) -> dict[str, int]:
    """Biggest first, then by name (as ``ORDER BY count(*) DESC, 1``)."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _filters_json(flt: ReportFilter) -> dict[str, Any]:
    return {
        "mission": flt.mission,
        "from": flt.date_from.isoformat() if flt.date_from else None,
        "to": flt.date_to.isoformat() if flt.date_to else None,
        "training": flt.training_id,
    }


@dataclass(frozen=True)
class _PeopleCounts:
    """Unique people of the selected trainings and their breakdowns (``report_people``)."""

    participants: int
    by_sex_code: dict[str, int]
    by_mission: dict[str, int]
    by_category: dict[str, int]
    by_partner: dict[str, int]
    by_organisation: dict[str, int]
    by_category_sex: dict[str, dict[str, int]]


def recount_report(inst: Installation, flt: ReportFilter | None = None) -> Report:
    """The same figures counted from the records, in a handful of indexed queries.

    The reference the kept figures are tested against, and the path for filtered reports.
    """
    flt = flt or ReportFilter()
    where, params = _training_conditions(flt)
    with inst.db.reading() as session:
        _fill_report_people(session, where, params, inst.db.is_server)
        trainings, sessions = _recount_totals(session, where, params)
        people = _recount_people(session)
        profiles = profile_counts(session, people.participants, is_server=inst.db.is_server)
        _drop_report_tables(session, inst.db.is_server)
        by_session = _recount_sessions(session, where, params)
    locations: list[str] = []
    for s in by_session:
        if s.location and s.location not in locations:
            locations.append(s.location)
    by_sex = {label: people.by_sex_code.get(code, 0) for code, label in SEX_LABELS.items()}
    return Report(
        trainings=trainings,
        sessions=sessions,
        participants=people.participants,
        attendances=sum(s.attended for s in by_session),
        recorded_marks=sum(s.recorded for s in by_session),
        women=by_sex["female"],
        by_mission=people.by_mission,
        by_category=people.by_category,
        by_sex=by_sex,
        by_partner=people.by_partner,
        by_category_sex=people.by_category_sex,
        by_organisation=people.by_organisation,
        by_session=by_session if flt.training_id else [],
        locations=locations,
        filters=_filters_json(flt),
        **audit_figures(inst, flt, _training_conditions, profiles),
        evaluation=evaluation_figures(inst, flt),
    )


def _fill_report_people(
    session: Session, where: str, params: dict[str, Any], is_server: bool
) -> None:
    """The temporary tables ``report_pairs`` (mission, person) and ``report_people``."""
    # People enrolled in the selected trainings, resolved through merges, computed once
    # into temporary tables (one pass over the enrolments, whatever the breakdowns).
    # CROSS JOIN fixes SQLite's join order: the (few) selected trainings first, then
    # their enrolments through the covering index; without statistics SQLite would
    # otherwise walk every enrolment and look its training up.
    # (PostgreSQL plans joins itself and has no CROSS JOIN ... ON; its temp schema is pg_temp.)
    join = "JOIN" if is_server else "CROSS JOIN"
    pairs_sql = f"""
        SELECT DISTINCT t.mission_id AS mission_id, coalesce(p.merged_into_id, p.id) AS pid
        FROM trainings t
        {join} enrolments e ON e.training_id = t.id AND e.deleted = FALSE
        {join} people p ON p.id = e.person_id
        WHERE {where} AND (p.deleted = FALSE OR p.merged_into_id IS NOT NULL)
    """
    _drop_report_tables(session, is_server)
    run = session.execute
    run(text(f"CREATE TEMP TABLE report_pairs AS {pairs_sql}"), params)
    run(
        text(
            "CREATE TEMP TABLE report_people AS SELECT p.id, p.sex, p.category_id, "
            "p.partner_id, p.organisation FROM (SELECT DISTINCT pid FROM report_pairs) u "
            "JOIN people p ON p.id = u.pid"
        )
    )


def _drop_report_tables(session: Session, is_server: bool) -> None:
    temp = "pg_temp" if is_server else "temp"
    for table in ("report_pairs", "report_people"):
        session.execute(text(f"DROP TABLE IF EXISTS {temp}.{table}"))


def _recount_totals(session: Session, where: str, params: dict[str, Any]) -> tuple[int, int]:
    """(trainings, sessions) selected."""
    run = session.execute
    trainings = int(
        run(text(f"SELECT count(*) FROM trainings t WHERE {where}"), params).scalar() or 0
    )
    sessions = int(
        run(
            text(
                f"SELECT count(*) FROM training_sessions s JOIN trainings t "
                f"ON t.id = s.training_id WHERE s.deleted = FALSE AND {where}"
            ),
            params,
        ).scalar()
        or 0
    )
    return trainings, sessions


def _recount_people(session: Session) -> _PeopleCounts:
    """Count ``report_people`` (and ``report_pairs`` by mission), biggest first."""
    run = session.execute

    def grouped(select_sql: str) -> dict[str, int]:
        return {str(k): int(v) for k, v in run(text(select_sql)).all()}

    participants = int(run(text("SELECT count(*) FROM report_people")).scalar() or 0)
    by_sex_code = grouped("SELECT p.sex, count(*) FROM report_people p GROUP BY p.sex")
    by_mission = grouped(
        "SELECT m.code, count(*) FROM report_pairs pairs "
        "JOIN missions m ON m.id = pairs.mission_id "
        "GROUP BY m.code ORDER BY count(*) DESC, m.code"
    )
    by_category = grouped(
        f"SELECT coalesce(c.name_en, '{NO_CATEGORY}'), count(*) FROM report_people p "
        "LEFT JOIN categories c ON c.id = p.category_id "
        "GROUP BY 1 ORDER BY count(*) DESC, 1"
    )
    by_partner = grouped(
        f"SELECT coalesce(pa.acronym, '{NO_PARTNER}'), count(*) FROM report_people p "
        "LEFT JOIN partners pa ON pa.id = p.partner_id "
        "GROUP BY 1 ORDER BY count(*) DESC, 1"
    )
    by_organisation = grouped(
        "SELECT CASE WHEN p.organisation = '' THEN '(none)' ELSE p.organisation END, "
        "count(*) FROM report_people p GROUP BY 1 ORDER BY count(*) DESC, 1"
    )
    by_category_sex: dict[str, dict[str, int]] = {}
    for cat, sex, n in run(
        text(
            f"SELECT coalesce(c.name_en, '{NO_CATEGORY}'), p.sex, count(*) "
            "FROM report_people p LEFT JOIN categories c ON c.id = p.category_id "
            "GROUP BY 1, 2"
        )
    ):
        by_category_sex.setdefault(str(cat), dict.fromkeys(SEX_LABELS.values(), 0))[
            SEX_LABELS.get(sex, "unspecified")
        ] = int(n)
    by_category_sex = {k: by_category_sex[k] for k in by_category if k in by_category_sex}
    return _PeopleCounts(participants, by_sex_code, by_mission, by_category, by_partner,
                         by_organisation, by_category_sex)  # fmt: skip


def _recount_sessions(session: Session, where: str, params: dict[str, Any]) -> list[SessionFigures]:
    """Each selected session's marks by status, in date order."""
    session_rows = session.execute(
        text(
            f"""
            SELECT s.id, s.date, coalesce(l.name, ''), s.topic,
                   count(*) FILTER (WHERE a.status = 'present'),
                   count(*) FILTER (WHERE a.status = 'absent'),
                   count(*) FILTER (WHERE a.status = 'excused'),
                   count(*) FILTER (WHERE a.status = 'late'),
                   count(*) FILTER (WHERE a.status = 'left_early')
            FROM training_sessions s
            JOIN trainings t ON t.id = s.training_id
            LEFT JOIN locations l ON l.id = s.location_id
            LEFT JOIN attendance a ON a.session_id = s.id AND a.deleted = FALSE
            WHERE s.deleted = FALSE AND {where}
            GROUP BY s.id, s.date, l.name, s.topic ORDER BY s.date, 3
            """
        ),
        params,
    ).all()
    return [
        SessionFigures(sid, date.fromisoformat(str(d)), loc, topic, int(p or 0), int(a or 0),
                       int(e or 0), int(late or 0), int(early or 0))
        for sid, d, loc, topic, p, a, e, late, early in session_rows
    ]  # fmt: skip
