"""``muster documents TRAINING``: the signed PDFs kept for a training (made or received)."""

from __future__ import annotations

import argparse

from app.cli import EXIT_OK, Context
from app.cli.common import print_json, print_table


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "documents", help="the signed PDFs kept for a training (made here or received)"
    )
    p.add_argument("training", metavar="TRAINING", help="id, id prefix or title")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_documents)


def cmd_documents(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.documents import list_documents
    from app.services.trainings import resolve_training

    inst = ctx.installation
    docs = list_documents(inst, resolve_training(inst, args.training))
    if args.json:
        print_json(
            [
                {
                    "id": d.id,
                    "kind": d.kind,
                    "path": str(d.path),
                    "created_at": d.created_at.isoformat(timespec="seconds"),
                    "signer": d.signer,
                    "signer_fingerprint": d.signer_fingerprint,
                    "received": d.received,
                    "available": d.available,
                }
                for d in docs
            ]
        )
        return EXIT_OK
    if not docs:
        print("No signed documents for this training yet. 'muster pdf' makes one.")
        return EXIT_OK
    print_table(
        ["CREATED (UTC)", "SIGNER", "FROM", "FILE"],
        [
            [
                d.created_at.strftime("%Y-%m-%d %H:%M"),
                d.signer,
                "received" if d.received else "this installation",
                str(d.path) if d.available else f"{d.path} (missing)",
            ]
            for d in docs
        ],
    )
    return EXIT_OK
