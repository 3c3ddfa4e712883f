"""HQ's consolidated view: trainings and unique participants across missions.

Breakdowns by mission, participant category, sex, organising partner and period
(month, quarter, year), each with a drill-down to its trainings, plus the devices
heard from. Unique participants are people, resolved through merges, exactly as in
``reports.build_report`` (whose filter this reuses), so the figures agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app.errors import UserError
from app.l10n import Phrase, check_language, tr
from app.services.audit.figures import DIMENSION_TITLES as AUDIT_TITLES
from app.services.audit.figures import HQ_PERSON_KEYS, group_label
from app.services.evaluation.figures import completed_by
from app.services.exports import Cell, Share, Sheet, Written, write_tables
from app.services.hxl_tags import tags_for
from app.services.installation import Installation
from app.services.reports import ReportFilter, _training_conditions

DIMENSIONS = (
    "mission",
    "category",
    "sex",
    "partner",
    "month",
    "quarter",
    "year",
    "age_band",
    "disability",
)  # the last two: app/services/audit/figures.py
# Dimensions the kept figures (app/db/figures.py) answer without a recount.
KEPT_DIMENSIONS = ("mission", "category", "sex", "partner", "month", "quarter", "year")
DIMENSION_TITLES = {
    "mission": "Mission",
    "category": "Category",
    "sex": "Sex",
    "partner": "Partner",
    "month": "Month",
    "quarter": "Quarter",
    "year": "Year",
    **AUDIT_TITLES,
}
SEX_NAMES = {"F": "Women", "M": "Men", "X": "Not stated"}

# Group key per dimension: training-level ones use ``sel`` (the selected trainings),
# person-level ones use ``pp`` (the person, after merges).
_TRAINING_KEYS = {
    "mission": "(SELECT m.code FROM missions m WHERE m.id = sel.mission_id)",
    "month": "strftime('%Y-%m', sel.start_date)",
    "quarter": "strftime('%Y', sel.start_date) || '-Q' || "
    "((CAST(strftime('%m', sel.start_date) AS INTEGER) + 2) / 3)",
    "year": "strftime('%Y', sel.start_date)",
}
# The same periods on PostgreSQL (no strftime there).
_TRAINING_KEYS_PG = {
    **_TRAINING_KEYS,
    "month": "to_char(sel.start_date, 'YYYY-MM')",
    "quarter": "to_char(sel.start_date, 'YYYY') || '-Q' || "
    "CAST(extract(quarter FROM sel.start_date) AS INTEGER)",
    "year": "to_char(sel.start_date, 'YYYY')",
}
_PERSON_KEYS = {
    "category": "coalesce((SELECT c.name_en FROM categories c WHERE c.id = pp.category_id), "
    "'(none)')",
    "sex": "pp.sex",
    **HQ_PERSON_KEYS,  # age band and disability, "not recorded" when unanswered
}


def audit_labels(by: str, lang: str) -> dict[str, str]:
    """Group key -> label in ``lang`` for the age band and disability breakdowns."""
    from app.services.audit.figures import ORDER

    return {key: group_label(by, key, lang) for key in ORDER.get(by, ())}


@dataclass(frozen=True)
class BreakdownRow:
    key: str  # the value grouped on (mission code, category name, "F", "2024-Q3"...)
    label: str
    trainings: int
    participants: int  # unique people
    women: int
    men: int
    completed: int = 0  # unique people who completed (app.services.evaluation.figures)

    @property
    def women_share(self) -> float | None:
        return self.women / self.participants if self.participants else None


def _base(flt: ReportFilter) -> tuple[str, dict[str, Any]]:
    where, params = _training_conditions(flt)
    cte = f"""
        WITH sel AS (SELECT t.id, t.mission_id, t.start_date FROM trainings t WHERE {where}),
        pairs AS (
            SELECT DISTINCT e.training_id AS tid, coalesce(p.merged_into_id, p.id) AS pid
            FROM enrolments e JOIN sel ON sel.id = e.training_id
            JOIN people p ON p.id = e.person_id
            WHERE e.deleted = FALSE AND (p.deleted = FALSE OR p.merged_into_id IS NOT NULL)
        )
    """
    return cte, params


def _keyed_sql(by: str, postgres: bool = False) -> str:
    """A ``keyed(tid, pid, k)`` CTE body: one row per training/person/group."""
    keys = _TRAINING_KEYS_PG if postgres else _TRAINING_KEYS
    if by in keys:
        return (
            f"keyed AS (SELECT sel.id AS tid, pairs.pid AS pid, {keys[by]} AS k "
            "FROM sel LEFT JOIN pairs ON pairs.tid = sel.id)"
        )
    if by == "partner":
        return (
            "keyed AS (SELECT sel.id AS tid, pairs.pid AS pid, "
            "coalesce(pa.acronym, '(none)') AS k FROM sel "
            "LEFT JOIN training_partners tp ON tp.training_id = sel.id AND tp.deleted = FALSE "
            "LEFT JOIN partners pa ON pa.id = tp.partner_id "
            "LEFT JOIN pairs ON pairs.tid = sel.id)"
        )
    if by in _PERSON_KEYS:
        return (
            f"keyed AS (SELECT pairs.tid AS tid, pairs.pid AS pid, {_PERSON_KEYS[by]} AS k "
            "FROM pairs JOIN people pp ON pp.id = pairs.pid)"
        )
    raise UserError(
        Phrase(
            "Cannot group by '{by}'; choose one of: {items}.", by=by, items=", ".join(DIMENSIONS)
        )
    )


def breakdown(inst: Installation, by: str, flt: ReportFilter | None = None) -> list[BreakdownRow]:
    """Trainings and unique participants per group, biggest groups first (periods in order).

    Over every training, from the figures kept in each write transaction; with a
    mission, period or training filter, recounted from the records.
    """
    flt = flt or ReportFilter()
    if by not in DIMENSIONS:
        raise UserError(
            Phrase(
                "Cannot group by '{by}'; choose one of: {items}.",
                by=by,
                items=", ".join(DIMENSIONS),
            )
        )
    if by in KEPT_DIMENSIONS and not (
        flt.mission or flt.date_from or flt.date_to or flt.training_id
    ):
        from app.services.figures import read

        with inst.db.reading() as session:
            groups = read.breakdown(session, by, flt.include_cancelled)
            done = read.completed_by(session, by, flt.include_cancelled)
        out = [
            BreakdownRow(key=g.key, label=SEX_NAMES.get(g.key, g.key) if by == "sex" else g.key,
                         trainings=g.trainings, participants=g.participants, women=g.women,
                         men=g.men)
            for g in groups
        ]  # fmt: skip
        return _sorted([replace(r, completed=done.get(r.key, 0)) for r in out], by)
    return _sorted(recount_breakdown(inst, by, flt), by)


def _sorted(rows: list[BreakdownRow], by: str) -> list[BreakdownRow]:
    if by in ("month", "quarter", "year"):
        return sorted(rows, key=lambda r: r.key)
    return sorted(rows, key=lambda r: (-r.participants, -r.trainings, r.key))


def recount_breakdown(
    inst: Installation, by: str, flt: ReportFilter | None = None
) -> list[BreakdownRow]:
    """``breakdown`` counted from the records: the reference, and the filtered path."""
    cte, params = _base(flt or ReportFilter())
    sql = (
        cte
        + ", "
        + _keyed_sql(by, inst.db.is_server)
        + """
        SELECT keyed.k, count(DISTINCT keyed.tid), count(DISTINCT keyed.pid),
               count(DISTINCT CASE WHEN px.sex = 'F' THEN keyed.pid END),
               count(DISTINCT CASE WHEN px.sex = 'M' THEN keyed.pid END)
        FROM keyed LEFT JOIN people px ON px.id = keyed.pid
        GROUP BY keyed.k
        """
    )
    with inst.db.reading() as session:
        rows = session.execute(text(sql), params).all()
    out = [
        BreakdownRow(
            key=str(k), label=SEX_NAMES.get(str(k), str(k)) if by == "sex" else str(k),
            trainings=int(t), participants=int(p), women=int(w), men=int(m),
        )
        for k, t, p, w, m in rows
        if k is not None
    ]  # fmt: skip
    done = completed_by(inst, by, flt or ReportFilter())
    return [replace(r, completed=done.get(r.key, 0)) for r in out]


def drill_down(inst: Installation, by: str, key: str, flt: ReportFilter | None = None) -> list[str]:
    """The ids of the trainings behind one breakdown row, newest first."""
    flt = flt or ReportFilter()
    if by in KEPT_DIMENSIONS and not (
        flt.mission or flt.date_from or flt.date_to or flt.training_id
    ):
        from app.services.figures import read

        if by not in DIMENSIONS:
            raise UserError(
                Phrase(
                    "Cannot group by '{by}'; choose one of: {items}.",
                    by=by,
                    items=", ".join(DIMENSIONS),
                )
            )
        with inst.db.reading() as session:
            return read.drill(session, by, key, flt.include_cancelled)
    return recount_drill_down(inst, by, key, flt)


def recount_drill_down(
    inst: Installation, by: str, key: str, flt: ReportFilter | None = None
) -> list[str]:
    """``drill_down`` from the records: the reference, and the filtered path."""
    cte, params = _base(flt or ReportFilter())
    sql = (
        cte
        + ", "
        + _keyed_sql(by, inst.db.is_server)
        + " SELECT DISTINCT t.id, t.start_date, t.title FROM keyed "
        "JOIN trainings t ON t.id = keyed.tid "
        "WHERE keyed.k = :drill_key ORDER BY t.start_date DESC, t.title, t.id"
    )
    with inst.db.reading() as session:
        return [str(r[0]) for r in session.execute(text(sql), {**params, "drill_key": key})]


# --- exports ---------------------------------------------------------------------------------

HQ_TABLES = (*DIMENSIONS, "trainings")


def breakdown_sheet(
    inst: Installation, by: str, flt: ReportFilter | None = None, lang: str = "en"
) -> Sheet:
    """One breakdown as a typed, tagged table (the same tags as ``export-table``)."""
    lang = check_language(lang)
    title = tr(lang, DIMENSION_TITLES.get(by, by))
    headers = [title, tr(lang, "Trainings"), tr(lang, "Participants"), tr(lang, "Women"),
               tr(lang, "Men"), tr(lang, "Women (%)"), tr(lang, "Completed")]  # fmt: skip
    cells: list[list[Cell]] = []
    for r in breakdown(inst, by, flt):
        label = tr(lang, r.label) if by == "sex" else r.label
        if by in AUDIT_TITLES:
            label = group_label(by, r.key, lang)
        if by == "quarter":
            label = r.key.replace("-Q", "Q")  # HXL's (and ISO's) way: 2024Q3
        share = Share(r.women_share) if r.women_share is not None else None
        cells.append([label, r.trainings, r.participants, r.women, r.men, share, r.completed])
    kinds = [by, "trainings", "participants", "women", "men", "women_share", "completed"]
    return Sheet(title, headers, cells, tags_for(kinds))


def trainings_sheet(inst: Installation, flt: ReportFilter | None = None, lang: str = "en") -> Sheet:
    """One row per training with its unique participants, dates as dates."""
    lang = check_language(lang)
    headers, rows = trainings_table(inst, flt)
    done = completed_by(inst, "training", flt or ReportFilter())
    titles = [tr(lang, h) for h in headers]
    titles.append(tr(lang, "Completed"))
    cells: list[list[Cell]] = [
        [code, title, _day(start), _day(end), kind, status, people, women, tid, done.get(tid, 0)]
        for code, title, start, end, kind, status, people, women, tid in rows
    ]
    kinds = ["mission", "title", "start", "end", "kind", "status", "participants", "women",
             "training_id", "completed"]  # fmt: skip
    return Sheet(tr(lang, "Trainings"), titles, cells, tags_for(kinds))


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def hq_sheet(inst: Installation, by: str, flt: ReportFilter | None, lang: str) -> Sheet:
    if by == "trainings":
        return trainings_sheet(inst, flt, lang)
    if by not in DIMENSIONS:
        raise UserError(
            Phrase(
                "There is no HQ table '{by}'; choose one of: {items}.",
                by=by,
                items=", ".join(HQ_TABLES),
            )
        )
    return breakdown_sheet(inst, by, flt, lang)


def export_hq_tables(
    inst: Installation,
    path: Path,
    by: str = "mission",
    flt: ReportFilter | None = None,
    lang: str = "en",
    hxl: bool = False,
    csv_dialect: str | None = None,
) -> Written:
    """An .xlsx gets every HQ table, one sheet each (``by`` first); a CSV the ``by`` table."""
    path = Path(path)
    tables = [by] if path.suffix.lower() == ".csv" else [by] + [t for t in HQ_TABLES if t != by]
    sheets = []
    for table in tables:
        sheet = hq_sheet(inst, table, flt, lang)
        sheets.append(sheet if hxl else Sheet(sheet.name, sheet.headers, sheet.rows))
    return write_tables(path, sheets, csv_dialect, check_language(lang))


def export_consolidated(
    inst: Installation,
    path: Path,
    by: str = "mission",
    flt: ReportFilter | None = None,
    hxl: bool = True,
    csv_dialect: str | None = None,
    lang: str = "en",
) -> Path:
    """The dashboard's export: one table (``by``) to .xlsx or .csv."""
    sheet = hq_sheet(inst, by, flt, lang)
    if not hxl:
        sheet = Sheet(sheet.name, sheet.headers, sheet.rows)
    return write_tables(Path(path), [sheet], csv_dialect, check_language(lang)).path


def trainings_table(
    inst: Installation, flt: ReportFilter | None = None
) -> tuple[list[str], list[list[Any]]]:
    """One row per training with its unique participants, for HQ's consolidated export."""
    cte, params = _base(flt or ReportFilter())
    sql = (
        cte
        + """
        SELECT m.code, t.title, t.start_date, t.end_date, t.kind, t.status,
               count(DISTINCT pairs.pid),
               count(DISTINCT CASE WHEN pp.sex = 'F' THEN pairs.pid END), t.id
        FROM sel JOIN trainings t ON t.id = sel.id
        JOIN missions m ON m.id = t.mission_id
        LEFT JOIN pairs ON pairs.tid = t.id
        LEFT JOIN people pp ON pp.id = pairs.pid
        GROUP BY t.id ORDER BY m.code, t.start_date, t.title
        """
    )
    with inst.db.reading() as session:
        rows = session.execute(text(sql), params).all()
    headers = ["Mission", "Title", "Start", "End", "Kind", "Status", "Participants", "Women", "Id"]
    return headers, [[str(c) if i in (2, 3) else c for i, c in enumerate(r)] for r in rows]
