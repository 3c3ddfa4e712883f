"""Document commands: ``pdf`` (signed summary), ``sheet`` (sign-in sheets), ``verify``."""

from __future__ import annotations

import argparse
import sys

from app.cli import EXIT_OK, EXIT_REFUSED, Context
from app.cli.common import print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("pdf", help="export a training's signed summary PDF")
    p.add_argument("training", metavar="TRAINING", help="id, id prefix or title")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write it")
    p.add_argument(
        "--no-names", action="store_true", help="aggregate figures only: no participant names"
    )
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="document language")
    p.add_argument("--passphrase-file", metavar="FILE", help="else MUSTER_PASSPHRASE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_pdf)

    p = sub.add_parser("sheet", help="print sign-in sheets for a training's sessions")
    p.add_argument("training", metavar="TRAINING", help="id, id prefix or title")
    p.add_argument("--session", metavar="ID", help="only this session (id, id prefix or date)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write it")
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="document language")
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    p.set_defaults(handler=cmd_sheet)

    p = sub.add_parser(
        "verify",
        help="check a signed PDF: who signed, when, intact, trusted",
        description="Exit 0 when the PDF is intact and signed by a trusted signer, 1 otherwise.",
    )
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_verify)


def cmd_pdf(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from app.services.identity import require_identity, unlock_private_key
    from app.services.pdf import SummaryOptions, export_summary
    from app.services.trainings import resolve_training
    from app.services.vault import cli_passphrase

    inst = ctx.installation
    training_id = resolve_training(inst, args.training)
    require_identity(inst)
    key = unlock_private_key(inst, cli_passphrase(args.passphrase_file))
    result = export_summary(
        inst,
        training_id,
        Path(args.output),
        key,
        SummaryOptions(lang=args.lang, include_names=not args.no_names),
    )
    if args.json:
        print_json(
            {
                "path": str(result.path),
                "document_id": result.document_id,
                "sha256": result.sha256,
                "fingerprint": result.fingerprint,
                "pages": result.pages,
                "participants": result.participants,
                "names_included": result.names_included,
            }
        )
    else:
        print(
            f"Signed summary written to {result.path} ({result.pages} pages, "
            f"document {result.document_id})."
        )
    return EXIT_OK


def cmd_sheet(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from app.services.sheets import export_sheets
    from app.services.trainings import resolve_training

    inst = ctx.installation
    training_id = resolve_training(inst, args.training)
    result = export_sheets(inst, training_id, Path(args.output), args.session, args.lang)
    if args.json:
        print_json({"path": str(result.path), "sessions": result.sessions,
                    "pages": result.pages, "participants": result.participants})  # fmt: skip
        return EXIT_OK
    print(
        f"Sign-in sheets written to {result.path}: {result.sessions} session(s), "
        f"{result.pages} pages, {result.participants} participants pre-filled."
    )
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from app.services.signing import describe_result, verify_pdf

    result = verify_pdf(ctx.installation, Path(args.file))
    if args.json:
        print_json(result.to_json())
    else:
        for label, value in describe_result(result):
            print(f"{label + ':':<19}{value}")
        for problem in result.problems[1:]:
            print(f"{'Also:':<19}{problem}")
    if not result.ok:
        print(f"muster: {result.verdict}", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK
