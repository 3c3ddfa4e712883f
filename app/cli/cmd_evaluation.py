"""Evaluation commands: ``certificates``, ``verify-certificate``, ``scores import``,
``completion``."""

from __future__ import annotations

import argparse

from app.cli import EXIT_OK, EXIT_REFUSED, Context
from app.cli.common import print_json, print_table


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "certificates",
        help="signed certificates for everyone who completed a training",
        description="One signed PDF per participant who completed the training (its rule), "
        "with a QR code that verifies offline; into a folder, or one .zip.",
    )
    p.add_argument("training", metavar="TRAINING", help="id, id prefix or title")
    p.add_argument("-o", "--output", required=True, metavar="FOLDER_OR_FILE.zip")
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="document language")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_certificates)

    p = sub.add_parser(
        "verify-certificate",
        help="check a certificate from its PDF or its QR code's text",
        description="Exit 0 only when the certificate is intact and its issuer trusted here; "
        "shows everything the issuer signed.",
    )
    p.add_argument("source", metavar="FILE.pdf|PAYLOAD")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_verify_certificate)

    p = sub.add_parser("scores", help="knowledge-test scores")
    scores = p.add_subparsers(dest="scores_command", metavar="ACTION", required=True)
    q = scores.add_parser(
        "import",
        help="read pre- and post-test scores from an .xlsx or .csv",
        description="Columns are recognised by their titles (names as in participant lists, "
        "'Pré-test', 'Post-test', 'Maximum'); every row is matched to a participant.",
    )
    q.add_argument("training", metavar="TRAINING", help="id, id prefix or title")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--sheet", metavar="NAME", help="the .xlsx sheet (default: the first)")
    q.add_argument("--max", type=int, metavar="N", help="the test's maximum score")
    q.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(handler=cmd_scores_import)

    p = sub.add_parser("completion", help="who completed a training, with hours attended")
    p.add_argument("training", metavar="TRAINING", help="id, id prefix or title")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_completion)


def cmd_certificates(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from app.services.evaluation.certificates import export_certificates
    from app.services.identity import require_identity, unlock_private_key
    from app.services.trainings import resolve_training

    inst = ctx.installation
    training_id = resolve_training(inst, args.training)
    require_identity(inst)
    key = unlock_private_key(inst, ctx.passphrase())
    result = export_certificates(inst, training_id, Path(args.output), key, args.lang)
    if args.json:
        print_json(
            {
                "path": str(result.path), "zip": result.zipped, "skipped": result.skipped,
                "certificates": [
                    {"certificate_id": c.certificate_id, "person_id": c.person_id,
                     "name": c.name, "file": c.file_name, "payload": c.payload}
                    for c in result.certificates
                ],
            }
        )  # fmt: skip
    else:
        print(
            f"{len(result.certificates)} certificates written to {result.path}"
            f" ({result.skipped} participants did not complete the training)."
        )
    return EXIT_OK


def cmd_verify_certificate(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.evaluation.certificates import describe_check, verify_certificate

    check = verify_certificate(ctx.installation, args.source)
    if args.json:
        print_json(check.to_json())
    else:
        for label, value in describe_check(check):
            print(f"{label}: {value}")
    return EXIT_OK if check.ok else EXIT_REFUSED


def cmd_scores_import(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.evaluation.scores_import import FIELD_LABELS, import_scores
    from app.services.trainings import resolve_training

    inst = ctx.installation
    training_id = resolve_training(inst, args.training)
    preview = import_scores(inst, training_id, args.file, args.sheet, args.max, args.dry_run)
    if args.json:
        print_json(
            {
                "dry_run": args.dry_run, "max_score": preview.max_score,
                "matched": preview.matched, "scores": len(preview.entries),
                "mapping": list(preview.mapping),
                "skipped": [{"line": s.line, "text": s.text, "reason": s.reason}
                            for s in preview.skipped],
            }
        )  # fmt: skip
        return EXIT_OK
    columns = ", ".join(FIELD_LABELS.get(m, m) for m in preview.mapping if m)
    verb = "would be written" if args.dry_run else "written"
    print(f"Columns: {columns}.")
    print(
        f"{len(preview.entries)} scores {verb} for {preview.matched} participants "
        f"(maximum {preview.max_score}); {len(preview.skipped)} rows skipped."
    )
    for s in preview.skipped:
        print(f"  line {s.line}: {s.text}: {s.reason}")
    return EXIT_OK


def cmd_completion(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.evaluation.completion import format_hours, training_completion
    from app.services.trainings import resolve_training

    inst = ctx.installation
    result = training_completion(inst, resolve_training(inst, args.training))
    if args.json:
        print_json(
            {
                "rule": result.rule.kind, "percent": result.rule.percent,
                "completed": result.completed, "participants": len(result.people),
                "people": [
                    {"person_id": p.person_id, "name": p.full_name, "expected": p.expected,
                     "attended": p.attended, "hours": p.hours, "completed": p.completed}
                    for p in result.people
                ],
            }
        )  # fmt: skip
        return EXIT_OK
    print(f"Rule: {result.rule.describe()}. Completed: {result.completed} of {len(result.people)}.")
    print_table(
        ["Name", "Sessions", "Hours", "Completed"],
        [[p.full_name, f"{p.attended}/{p.expected}", format_hours(p.hours),
          "yes" if p.completed else "no"] for p in result.people],
    )  # fmt: skip
    return EXIT_OK
