"""Core commands: demo, trainings, report."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from app.cli import EXIT_OK, Context
from app.cli.common import parse_date, print_json, print_table
from app.l10n import Phrase

if TYPE_CHECKING:
    from app.services.trainings import TrainingRow


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    about = (
        "load the demo data: a field installation loads its own mission's pilot activity, "
        "HQ all three"
    )
    p = sub.add_parser("demo", help=about, description=about[0].upper() + about[1:] + ".")
    p.add_argument("--mission", metavar="CODE", help="only this mission's part (e.g. MONUSCO)")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("trainings", help="list the trainings")
    p.add_argument("--json", action="store_true", help="one JSON object per training")
    p.add_argument("--mission", metavar="CODE", help="only this mission's trainings")
    p.set_defaults(handler=cmd_trainings)

    p = sub.add_parser("report", help="consolidated figures")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--mission", metavar="CODE", help="only this mission")
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="trainings ending on or after DATE"
    )
    p.add_argument(
        "--to", dest="date_to", metavar="DATE", help="trainings starting on or before DATE"
    )
    p.add_argument("--training", metavar="TRAINING", help="one training (id, id prefix or title)")
    p.add_argument(
        "--rebuild", action="store_true",
        help="recompute the kept figures from every record first (one transaction)",
    )  # fmt: skip
    p.set_defaults(handler=cmd_report)


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.demo import demo_missions, load_demo

    profile = ctx.installation.profile()
    own = profile.role == "field" and profile.mission in demo_missions()
    result = load_demo(ctx.installation, args.mission)
    scope = (
        f" for {args.mission.upper()}"
        if args.mission
        else f" for {profile.mission} (a field installation loads its own mission's demo)"
        if own
        else ""
    )
    if result.changed:
        counts = ", ".join(
            _count(n, word)
            for n, word in (
                (result.trainings, "training"),
                (result.sessions, "session"),
                (result.people, "person"),
                (result.enrolments, "enrolment"),
                (result.attendance, "attendance mark"),
                (result.evaluation, "test score and feedback record"),
            )
        )
        print(f"Demo data loaded{scope}: {counts}.")
    else:
        print("The demo data is already loaded; nothing changed.")
    return EXIT_OK


def _count(n: int, word: str) -> str:
    """'1 training', '3 trainings', '2 people'."""
    plural = "people" if word == "person" else f"{word}s"
    return f"{n} {word if n == 1 else plural}"


def cmd_trainings(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.trainings import TrainingFilter, list_trainings

    rows = list_trainings(ctx.installation, TrainingFilter(mission=args.mission, descending=False))
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "mission": r.mission,
                    "title": r.title,
                    "kind": r.kind,
                    "status": r.status,
                    "start": r.start.isoformat(),
                    "end": r.end.isoformat(),
                    "locations": r.locations,
                    "sessions": r.session_count,
                    "participants": r.participant_count,
                }
                for r in rows
            ]
        )
        return EXIT_OK
    if not rows:
        print("No trainings yet. 'muster demo' loads example data.")
        return EXIT_OK
    print_table(
        ["ID", "MISSION", "START", "END", "SESSIONS", "PARTICIPANTS", "TITLE"],
        [_training_cells(r) for r in rows],
    )
    return EXIT_OK


def _training_cells(r: TrainingRow) -> list[str]:
    return [
        r.id[:8],
        r.mission,
        r.start.isoformat(),
        r.end.isoformat(),
        str(r.session_count),
        str(r.participant_count),
        r.title,
    ]


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    from app.errors import UserError
    from app.services.reports import ReportFilter, build_report
    from app.services.trainings import resolve_training

    date_from = parse_date(args.date_from, Phrase("start date (--from)"))
    date_to = parse_date(args.date_to, Phrase("end date (--to)"))
    if date_from and date_to and date_to < date_from:
        raise UserError(Phrase("The --to date is before the --from date."))
    inst = ctx.installation
    if args.rebuild:
        from app.services.reports import rebuild_figures

        seconds = rebuild_figures(inst)
        print(f"Figures rebuilt from the records in {seconds:.1f} s.", file=sys.stderr)
    training_id = resolve_training(inst, args.training) if args.training else None
    if args.mission:
        from app.services.reference import find_mission

        if find_mission(inst, args.mission) is None:
            raise UserError(
                Phrase("There is no mission with the code {code}.", code=args.mission.upper())
            )
    report = build_report(
        inst,
        ReportFilter(
            mission=args.mission, date_from=date_from, date_to=date_to, training_id=training_id
        ),
    )
    if args.json:
        print_json(report.to_json())
        return EXIT_OK
    share = f"{report.women_share:.0%}" if report.women_share is not None else "–"
    rate = f"{report.attendance_rate:.0%}" if report.attendance_rate is not None else "–"
    print(f"Trainings:     {report.trainings}")
    print(f"Sessions:      {report.sessions}")
    print(f"Participants:  {report.participants} (women {share})")
    print(f"Attendances:   {report.attendances} (attendance rate {rate})")
    for title, mapping in (
        ("By mission", report.by_mission),
        ("By category", report.by_category),
        ("By sex", report.by_sex),
        ("By partner", report.by_partner),
    ):
        print(f"\n{title}:")
        for name, count in mapping.items():
            print(f"  {name:<40} {count:>7}")
    return EXIT_OK
