"""``muster hq-tables``: HQ's consolidated tables across missions, to .xlsx or .csv.

An .xlsx file gets every table, one sheet each (the ``--by`` table first); a .csv file
holds the ``--by`` table. Same typed cells, CSV dialects and HXL hashtags as
``export-table`` (moved here from the sync commands).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import EXIT_OK, Context
from app.cli.common import parse_date
from app.cli.export_options import add_export_options, report_written

TABLES = (
    "mission",
    "category",
    "sex",
    "partner",
    "month",
    "quarter",
    "year",
    "age_band",
    "disability",
    "trainings",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "hq-tables",
        help="consolidated tables across missions: an .xlsx gets every table, a .csv one",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.xlsx or FILE.csv")
    p.add_argument(
        "--by",
        choices=TABLES,
        default="mission",
        help="the table of a .csv file, the first sheet of an .xlsx file, which holds every "
        "table (default: mission)",
    )
    p.add_argument("--mission", metavar="CODE", help="only this mission")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="trainings ending on/after")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="trainings starting on/before")
    add_export_options(p)
    p.set_defaults(handler=cmd_hq_tables)


def cmd_hq_tables(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.hq import export_hq_tables
    from app.services.reports import ReportFilter

    flt = ReportFilter(
        mission=args.mission,
        date_from=parse_date(args.date_from, "start date"),
        date_to=parse_date(args.date_to, "end date"),
    )
    written = export_hq_tables(ctx.installation, Path(args.output), args.by, flt, args.lang,
                               args.hxl, args.csv_dialect)  # fmt: skip
    names = ", ".join(name for name, _rows, _columns in written.tables)
    report_written(args, written, f"Consolidated tables written to {written.path}: {names}")
    return EXIT_OK
