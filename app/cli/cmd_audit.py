"""Audit commands (issue 19): ``perdiem`` (the payment sheet) and ``evidence add|list``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli import EXIT_OK, Context
from app.cli.common import print_json, print_table

if TYPE_CHECKING:
    from app.services.audit.evidence import EvidenceInfo


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("perdiem", help="the per-diem and transport payment sheet of a training")
    p.add_argument("training", metavar="TRAINING", help="id, id prefix or title")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.xlsx",
                   help="a signed .pdf or an .xlsx")  # fmt: skip
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="document language")
    p.add_argument("--passphrase-file", metavar="FILE", help="else MUSTER_PASSPHRASE (PDF only)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_perdiem)

    p = sub.add_parser("evidence", help="files attached to a training: scans, photos")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser("add", help="attach a file to a training (or one of its sessions)")
    q.add_argument("training", metavar="TRAINING", help="id, id prefix or title")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--session", metavar="ID", help="the session (id, id prefix or date)")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(handler=cmd_evidence_add)
    q = actions.add_parser("list", help="the files attached to a training, with their SHA-256")
    q.add_argument("training", metavar="TRAINING", help="id, id prefix or title")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(handler=cmd_evidence_list)


def cmd_perdiem(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from app.services.audit.perdiem_sheet import export_perdiem
    from app.services.identity import require_identity, unlock_private_key
    from app.services.trainings import resolve_training
    from app.services.vault import cli_passphrase

    inst = ctx.installation
    training_id = resolve_training(inst, args.training)
    out = Path(args.output)
    key = None
    if out.suffix.lower() == ".pdf":
        require_identity(inst)
        key = unlock_private_key(inst, cli_passphrase(args.passphrase_file))
    result = export_perdiem(inst, training_id, out, args.lang, key)
    if args.json:
        print_json(result.to_json())
        return EXIT_OK
    totals = ", ".join(f"{v} {c}" for c, v in result.totals.items()) or "nothing"
    kind = "Signed payment sheet" if result.format == "pdf" else "Payment sheet"
    print(f"{kind} written to {result.path}: {result.people} people paid, total {totals}.")
    return EXIT_OK


def _evidence_json(e: EvidenceInfo) -> dict[str, object]:
    return {"id": e.id, "training_id": e.training_id, "session_id": e.session_id,
            "session_date": e.session_date or None, "kind": e.kind, "file_name": e.file_name,
            "media_type": e.media_type, "size": e.size, "sha256": e.sha256,
            "caption": e.caption, "available": e.available}  # fmt: skip


def cmd_evidence_add(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from app.services.audit.evidence import add_evidence
    from app.services.sheets import resolve_session
    from app.services.trainings import get_training, resolve_training

    inst = ctx.installation
    training_id = resolve_training(inst, args.training)
    session_id = None
    if args.session:
        session_id = resolve_session(get_training(inst, training_id), args.session).id
    info = add_evidence(inst, training_id, Path(args.file), session_id=session_id)
    if args.json:
        print_json(_evidence_json(info))
    else:
        print(f"Attached {info.file_name} ({info.size} bytes, SHA-256 {info.sha256}).")
    return EXIT_OK


def cmd_evidence_list(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.audit.evidence import list_evidence
    from app.services.trainings import resolve_training

    inst = ctx.installation
    files = list_evidence(inst, resolve_training(inst, args.training))
    if args.json:
        print_json([_evidence_json(e) for e in files])
        return EXIT_OK
    if not files:
        print("No evidence files are attached to this training.")
        return EXIT_OK
    print_table(
        ["File", "Kind", "Session", "Bytes", "SHA-256"],
        [[e.file_name, e.kind, e.session_date or "training", str(e.size), e.sha256]
         for e in files],
    )  # fmt: skip
    return EXIT_OK
