"""Identity commands: ``init`` (profile + signing key) and ``identity`` (show / export)."""

from __future__ import annotations

import argparse

from app.cli import EXIT_OK, Context
from app.cli.common import print_json


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "init",
        help="set up this installation: your profile, signing key and certificate",
        description="Save your profile and create the key that signs your PDFs. The "
        "passphrase comes from MUSTER_PASSPHRASE or --passphrase-file.",
    )
    p.add_argument("--name", required=True, help="your full name")
    p.add_argument("--title", required=True, help="your title, e.g. 'Training focal point'")
    p.add_argument("--mission", metavar="CODE", help="mission code (required for field)")
    p.add_argument("--role", choices=("field", "hq"), default="field", help="default: field")
    p.add_argument("--email", default="", help="your e-mail address (optional)")
    p.add_argument("--passphrase-file", metavar="FILE", help="file whose first line is it")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("identity", help="show this installation's certificate fingerprint")
    p.add_argument("--export", metavar="FILE", help="write the certificate (for HQ) to FILE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_identity)


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    from app.errors import UserError
    from app.services.identity import cli_passphrase, create_identity, format_fingerprint
    from app.services.installation import Profile

    if args.role == "field" and not (args.mission or "").strip():
        raise UserError(
            "A field installation needs its mission: add --mission CODE (e.g. --mission MONUSCO)."
        )
    passphrase = cli_passphrase(args.passphrase_file)
    profile = Profile(
        name=args.name,
        title=args.title,
        mission=args.mission or "",
        role=args.role,
        email=args.email or "",
    )
    info = create_identity(ctx.installation, profile, passphrase)
    print(f"Identity created for {info.name} ({info.title}, {info.mission or 'HQ'}).")
    print(f"Certificate fingerprint: {format_fingerprint(info.fingerprint)}")
    print("Send your certificate to HQ with 'muster identity --export FILE'.")
    return EXIT_OK


def cmd_identity(args: argparse.Namespace, ctx: Context) -> int:
    from pathlib import Path

    from app.services.identity import export_certificate, format_fingerprint, require_identity

    info = require_identity(ctx.installation)
    if args.export:
        path = export_certificate(ctx.installation, Path(args.export))
        if not args.json:
            print(f"Certificate written to {path}.")
    if args.json:
        print_json(
            {
                "name": info.name,
                "title": info.title,
                "mission": info.mission,
                "role": info.role,
                "email": info.email,
                "device_id": info.device_id,
                "fingerprint": info.fingerprint,
                "created_at": info.created_at.isoformat(),
                "exported_to": args.export,
            }
        )
        return EXIT_OK
    print(f"Name:         {info.name}")
    print(f"Title:        {info.title}")
    print(f"Mission:      {info.mission or '–'} ({info.role})")
    print(f"Device:       {info.device_id}")
    print(f"Created:      {info.created_at:%Y-%m-%d}")
    print(f"Fingerprint:  {format_fingerprint(info.fingerprint)}")
    print(f"              ({info.fingerprint})")
    return EXIT_OK
