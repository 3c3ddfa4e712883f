"""The report's queries use indexes: no table scan of attendance, enrolments or people.

The statements ``build_report`` really runs are captured from the engine and
explained on the same (small, real) database. A whole-database report has to read
every enrolment, but through a covering index; filtered reports must not read
more than the selected trainings' rows.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import event

from app.services.reports import ReportFilter, build_report
from app.services.trainings import search_training_ids

BIG_TABLES = ("attendance", "enrolments", "people")


def _plans(inst, flt: ReportFilter) -> list[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    """Each statement the report runs, explained on its own connection as it runs."""
    plans: list[tuple[str, list[str]]] = []

    def explain(_conn, cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        query = re.sub(r"^\s*CREATE TEMP TABLE \w+ AS", "", statement)
        if query.lstrip().upper().startswith(("SELECT", "WITH")):
            rows = cursor.connection.execute(f"EXPLAIN QUERY PLAN {query}", parameters)
            plans.append((statement, [row[3] for row in rows.fetchall()]))

    event.listen(inst.db.engine, "before_cursor_execute", explain)
    try:
        build_report(inst, flt)
    finally:
        event.remove(inst.db.engine, "before_cursor_execute", explain)
    assert len(plans) >= 8, "the report's statements were not captured"
    return plans


def _aliases(statement: str) -> dict[str, str]:
    """alias -> table for the big tables named in ``statement``."""
    found = {}
    for table in BIG_TABLES:
        for alias in re.findall(rf"\b{table}\s+(?:AS\s+)?(\w+)", statement, re.IGNORECASE):
            found[alias] = table
        found[table] = table
    return found


def _table_scans(plans: list[tuple[str, list[str]]]) -> list[str]:
    bad = []
    for statement, lines in plans:
        aliases = _aliases(statement)
        for line in lines:
            match = re.match(r"SCAN (\w+)(.*)", line)
            if match and match.group(1) in aliases and "COVERING INDEX" not in match.group(2):
                bad.append(f"{line}  <-  {' '.join(statement.split())[:120]}")
    return bad


def _full_index_scans(plans: list[tuple[str, list[str]]]) -> list[str]:
    found = []
    for statement, lines in plans:
        aliases = _aliases(statement)
        found += [line for line in lines
                  if (m := re.match(r"SCAN (\w+)", line)) and m.group(1) in aliases]  # fmt: skip
    return found


def test_whole_report_reads_big_tables_only_through_indexes(demo_installation) -> None:  # type: ignore[no-untyped-def]
    plans = _plans(demo_installation, ReportFilter())
    assert _table_scans(plans) == []


@pytest.mark.parametrize(
    "flt",
    [
        ReportFilter(mission="UNSMIL"),
        ReportFilter(date_from=date(2024, 1, 1), date_to=date(2024, 12, 31)),
        ReportFilter(mission="MONUSCO", date_from=date(2024, 6, 1)),
    ],
    ids=["mission", "dates", "mission+dates"],
)
def test_filtered_reports_never_scan_big_tables(demo_installation, flt: ReportFilter) -> None:  # type: ignore[no-untyped-def]
    plans = _plans(demo_installation, flt)
    assert _table_scans(plans) == []
    assert _full_index_scans(plans) == []


def test_one_training_report_searches_by_index(demo_installation) -> None:  # type: ignore[no-untyped-def]
    training_id = search_training_ids(demo_installation)[0]
    plans = _plans(demo_installation, ReportFilter(training_id=training_id))
    assert _table_scans(plans) == []
    assert _full_index_scans(plans) == []
    joined = "\n".join(line for _, lines in plans for line in lines)
    assert "ix_enrolments_training_live" in joined
    assert "ix_attendance_session_live" in joined
