"""Options and output shared by the commands that write a spreadsheet file.

``--csv-dialect`` (default: what ``--lang`` implies: ``excel-fr`` for French),
``--hxl``, ``--hxl-personal`` where the table names people, and ``--json``, which
prints what was written (path, format, dialect, tables with their rows and columns)
instead of the sentence.
"""

from __future__ import annotations

import argparse
import sys

from app.cli.common import print_json
from app.services.exports import CSV_DIALECTS, Written
from app.services.hxl_tags import PERSONAL_WARNING


def add_export_options(
    p: argparse.ArgumentParser, *, lang: bool = True, personal: bool = False
) -> None:
    if lang:
        p.add_argument("--lang", choices=("en", "fr"), default="en", help="column titles language")
    p.add_argument(
        "--csv-dialect",
        choices=tuple(CSV_DIALECTS),
        help="for a .csv file: excel (comma, decimal point) or excel-fr (semicolon, decimal "
        "comma, for a French Excel); default: excel-fr with --lang fr, else excel",
    )
    p.add_argument("--hxl", action="store_true", help="add a row of HXL hashtags")
    if personal:
        p.add_argument(
            "--hxl-personal",
            action="store_true",
            help="also tag names, phones and e-mails (implies --hxl; the file then marks "
            "who attended for any HXL tool)",
        )
    p.add_argument("--json", action="store_true", help="print what was written as JSON")


def wants_personal_tags(args: argparse.Namespace) -> bool:
    """True with --hxl-personal (after warning on stderr that the file identifies people)."""
    if not getattr(args, "hxl_personal", False):
        return False
    print(f"muster: {PERSONAL_WARNING}", file=sys.stderr)
    return True


def report_written(args: argparse.Namespace, written: Written, sentence: str) -> None:
    """``sentence`` (no final stop: the CSV dialect is added), or with ``--json``
    the description of the file written."""
    if args.json:
        print_json(written.to_json())
        return
    extra = f" ({CSV_DIALECTS[written.dialect].description})" if written.dialect else ""
    print(f"{sentence}{extra}.")
