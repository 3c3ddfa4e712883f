"""Participant lists in and out, and one record per person.

``muster participants import TRAINING FILE`` reads an .xlsx or .csv list. Without a
terminal, or with ``--yes``, it uses the automatic column mapping, merges only
certain matches, skips rows that are not people and prints what it did; at a
terminal it shows the mapping and asks about possible duplicates first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import EXIT_OK, Context
from app.cli.common import parse_date, print_json, print_table
from app.cli.export_options import add_export_options, report_written, wants_personal_tags
from app.errors import UserError
from app.l10n import Phrase

if TYPE_CHECKING:
    from app.services.installation import Installation
    from app.services.participant_import import ImportDecisions, ImportPreview


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("participants", help="import or export a training's participant list")
    psub = p.add_subparsers(dest="participants_command", metavar="ACTION", required=True)

    imp = psub.add_parser("import", help="import participants from an .xlsx or .csv file")
    imp.add_argument("training", metavar="TRAINING", help="training id, id prefix or title")
    imp.add_argument("file", metavar="FILE", help=".xlsx or .csv file")
    imp.add_argument("--sheet", metavar="NAME", help="sheet of the workbook (default: the first)")
    imp.add_argument(
        "--yes", "-y", action="store_true", help="do not ask: automatic mapping, certain merges"
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    imp.set_defaults(handler=cmd_import)

    exp = psub.add_parser("export", help="export a training's participants to .xlsx or .csv")
    exp.add_argument("training", metavar="TRAINING", help="training id, id prefix or title")
    exp.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.xlsx or FILE.csv")
    add_export_options(exp, personal=True)
    exp.set_defaults(handler=cmd_export)

    tab = sub.add_parser("export-table", help="export one report table to .xlsx or .csv")
    tab.add_argument(
        "table",
        metavar="TABLE",
        help="by_mission, by_category, by_sex, by_partner, by_organisation, "
        "by_category_sex or by_session",
    )
    tab.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.xlsx or FILE.csv")
    tab.add_argument("--mission", metavar="CODE", help="only this mission")
    tab.add_argument("--from", dest="date_from", metavar="DATE", help="trainings ending on/after")
    tab.add_argument("--to", dest="date_to", metavar="DATE", help="trainings starting on/before")
    tab.add_argument("--training", metavar="TRAINING", help="one training (id, prefix or title)")
    add_export_options(tab)
    tab.set_defaults(handler=cmd_export_table)

    ppl = sub.add_parser("people", help="possible duplicate people, and merging them")
    ppl_sub = ppl.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    dup = ppl_sub.add_parser("duplicates", help="list people who are probably the same person")
    dup.add_argument("--json", action="store_true", help="machine-readable output")
    dup.add_argument("--min-score", type=float, default=0.7, help="0..1 (default 0.7)")
    dup.set_defaults(handler=cmd_duplicates)
    mrg = ppl_sub.add_parser("merge", help="merge OTHER into KEEP (attendance is kept)")
    mrg.add_argument("keep", metavar="KEEP", help="id (or id prefix) of the record to keep")
    mrg.add_argument("other", metavar="OTHER", help="id (or id prefix) of the record merged in")
    mrg.set_defaults(handler=cmd_merge)


# --- import ------------------------------------------------------------------------------------


def _interactive(args: argparse.Namespace) -> bool:
    return not args.yes and sys.stdin.isatty()


def _ask(question: str) -> bool:
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in ("y", "yes", "o", "oui")


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from app.services import participant_import as pi
    from app.services.trainings import resolve_training

    inst = ctx.installation
    training_id = resolve_training(inst, args.training)
    data = pi.read_sheet(Path(args.file), args.sheet)
    mapping = pi.auto_mapping(inst, training_id, data)
    preview = pi.build_preview(inst, training_id, data, mapping)
    where = f" (sheet {data.sheet!r})" if data.sheet else ""
    print(f"{Path(args.file).name}{where}: header on row {data.header_line}, "
          f"{len(data.rows)} row(s).")  # fmt: skip
    print("Columns:")
    for line in pi.describe_mapping(data, preview.mapping, preview.sessions):
        print(f"  {line}")
    decisions: pi.ImportDecisions | None = pi.ImportDecisions()
    if _interactive(args):
        decisions = _ask_decisions(preview)
        if decisions is None:
            print("Nothing imported.")
            return EXIT_OK
    if args.dry_run:
        _print_preview(preview)
        print("Dry run: nothing was written.")
        return EXIT_OK
    result = pi.apply_import(inst, preview, decisions)
    for line in result.summary_lines():
        print(line)
    return EXIT_OK


def _print_preview(preview: ImportPreview) -> None:
    valid = preview.valid_rows
    print(f"{len(valid)} row(s) to import, {len(preview.skipped_rows)} to skip.")
    for row in preview.rows:
        if row.skipped:
            print(f"  row {row.line}: {row.full_name or '(no name)'}: skipped, {row.skip_reason}")
        elif row.default_person:
            print(f"  row {row.line}: {row.full_name}: same as {row.matches[0].full_name}")
        elif row.matches:
            m = row.matches[0]
            print(f"  row {row.line}: {row.full_name}: new, may be {m.full_name} ({m.score:.2f})")
        for problem in row.problems:
            print(f"  row {row.line}: {problem}")


def _ask_decisions(preview: ImportPreview) -> ImportDecisions | None:
    from app.services import participant_import as pi

    people: dict[int, str] = {}
    for row in preview.possible_duplicates:
        for match in row.matches:
            org = f", {match.organisation}" if match.organisation else ""
            if _ask(
                f"Row {row.line}: is {row.full_name!r} the same person as "
                f"{match.full_name!r}{org} ({', '.join(match.reasons)})?"
            ):
                people[row.line] = match.person_id
                break
    values: dict[tuple[str, str], str | None] = {}
    for choice in preview.choices:
        if choice.certain or not choice.candidates:
            continue
        best = choice.candidates[0]
        if not _ask(f"Is the {choice.field} {choice.raw!r} the same as {best.label!r}?"):
            values[(choice.field, choice.key)] = None
    count = len(preview.valid_rows)
    if not _ask(f"Import {count} participant(s) into {preview.training_title!r}?"):
        return None
    return pi.ImportDecisions(people=people, values=values)


# --- export ------------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.participants_export import export_participants
    from app.services.trainings import resolve_training

    inst = ctx.installation
    training_id = resolve_training(inst, args.training)
    personal = wants_personal_tags(args)
    written = export_participants(inst, training_id, Path(args.output), args.lang,
                                  args.hxl or personal, args.csv_dialect, personal)  # fmt: skip
    report_written(args, written, f"Wrote {written.rows} participant(s) to {written.path}")
    return EXIT_OK


def cmd_export_table(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.participants_export import export_report_table
    from app.services.reports import ReportFilter
    from app.services.trainings import resolve_training

    inst = ctx.installation
    flt = ReportFilter(
        mission=args.mission,
        date_from=parse_date(args.date_from, Phrase("start date")),
        date_to=parse_date(args.date_to, Phrase("end date")),
        training_id=resolve_training(inst, args.training) if args.training else None,
    )
    written = export_report_table(inst, args.table, Path(args.output), flt, args.lang, args.hxl,
                                  args.csv_dialect)  # fmt: skip
    report_written(args, written, f"Wrote {written.rows} row(s) to {written.path}")
    return EXIT_OK


# --- people ------------------------------------------------------------------------------------


def cmd_duplicates(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.duplicates import find_duplicate_pairs

    pairs = find_duplicate_pairs(ctx.installation, min_score=args.min_score)
    if args.json:
        print_json(
            [
                {
                    "score": p.score,
                    "reasons": list(p.reasons),
                    "people": [
                        {
                            "id": s.person.id,
                            "full_name": s.person.full_name,
                            "sex": s.person.sex,
                            "organisation": s.person.organisation,
                            "trainings": list(s.trainings),
                        }
                        for s in (p.first, p.second)
                    ],
                }
                for p in pairs
            ]
        )
        return EXIT_OK
    if not pairs:
        print("No possible duplicates found.")
        return EXIT_OK
    print_table(
        ["SCORE", "FIRST", "ID", "SECOND", "ID", "WHY"],
        [
            [f"{p.score:.2f}", p.first.person.full_name, p.first.person.id[:8],
             p.second.person.full_name, p.second.person.id[:8], ", ".join(p.reasons)]
            for p in pairs
        ],
    )  # fmt: skip
    print("Merge with: muster people merge KEEP_ID OTHER_ID")
    return EXIT_OK


def _resolve_person(inst: Installation, ref: str) -> str:
    from sqlalchemy import select

    from app.db.models import Person

    ref = ref.strip()
    if len(ref) < 4:
        raise UserError(
            Phrase("'{ref}' is too short; give at least 4 characters of the person's id.", ref=ref)
        )
    with inst.db.reading() as session:
        ids = session.scalars(
            select(Person.id).where(Person.id.like(f"{ref}%"), Person.deleted.is_(False)).limit(2)
        ).all()
    if not ids:
        raise UserError(Phrase("There is no person with the id {ref}.", ref=ref))
    if len(ids) > 1:
        raise UserError(
            Phrase("More than one person's id starts with {ref}; give more characters.", ref=ref)
        )
    return ids[0]


def cmd_merge(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.duplicates import merge_people

    inst = ctx.installation
    keep = _resolve_person(inst, args.keep)
    other = _resolve_person(inst, args.other)
    info = merge_people(inst, keep, other)
    print(f"Merged into {info.full_name} ({info.id}); every registration and attendance kept.")
    return EXIT_OK
