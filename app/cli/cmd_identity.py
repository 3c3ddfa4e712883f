"""Identity commands: ``init`` (profile, signing key, recovery key), ``identity`` (show /
export) and ``passphrase`` (change it, reset it with the recovery key, new recovery key)."""

from __future__ import annotations

import argparse

from app.cli import EXIT_OK, Context
from app.cli.common import print_json
from app.l10n import Phrase


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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

    p = sub.add_parser(
        "passphrase",
        help="change the passphrase, or set a new one with the recovery key",
        description="The passphrase unlocks the data and the signing key. The current one "
        "comes from MUSTER_PASSPHRASE or --passphrase-file, a new one from "
        "MUSTER_NEW_PASSPHRASE or --new-passphrase-file.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser("change", help="replace the passphrase (the data is not rewritten)")
    q.add_argument("--new-passphrase-file", metavar="FILE", help="else MUSTER_NEW_PASSPHRASE")
    q.set_defaults(handler=cmd_passphrase_change)
    q = actions.add_parser(
        "reset", help="forgotten passphrase: unlock with the recovery key and set a new one"
    )
    q.add_argument(
        "--recovery-key-file", metavar="FILE", help="else MUSTER_RECOVERY_KEY", default=None
    )
    q.add_argument("--new-passphrase-file", metavar="FILE", help="else MUSTER_NEW_PASSPHRASE")
    q.set_defaults(handler=cmd_passphrase_reset)
    q = actions.add_parser(
        "recovery-key", help="make a new recovery key (the previous one stops working)"
    )
    q.set_defaults(handler=cmd_recovery_key)


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    from app.errors import UserError
    from app.services.identity import create_identity, format_fingerprint
    from app.services.installation import Profile
    from app.services.vault import cli_passphrase

    if args.role == "field" and not (args.mission or "").strip():
        raise UserError(
            Phrase(
                "A field installation needs its mission: add --mission CODE (e.g. --mission "
                "MONUSCO)."
            )
        )
    passphrase = cli_passphrase(args.passphrase_file)
    profile = Profile(
        name=args.name,
        title=args.title,
        mission=args.mission or "",
        role=args.role,
        email=args.email or "",
    )
    from app.services.identity import check_passphrase, load_identity

    if load_identity(ctx.installation) is None:  # before anything is made with it
        check_passphrase(passphrase, [profile.name, profile.title, profile.mission, profile.email])
    info = create_identity(ctx.installation, profile, passphrase)
    print(f"Identity created for {info.name} ({info.title}, {info.mission or 'HQ'}).")
    print(f"Certificate fingerprint: {format_fingerprint(info.fingerprint)}")
    print("Send your certificate to HQ with 'muster identity --export FILE'.")
    _print_recovery_key(ctx)
    return EXIT_OK


def _print_recovery_key(ctx: Context) -> None:
    from app.services import vault

    shown = vault.issue_recovery_key(ctx.paths, ctx.key())
    print()
    print(f"Recovery key:  {shown}")
    print(
        "Write it down or print it now, and keep it away from this computer: it unlocks "
        "your data if you forget your passphrase, and Muster will not show it again. "
        "Anyone who has it and this computer can read your data."
    )


def _new_passphrase(args: argparse.Namespace) -> str:
    from app.services.vault import cli_passphrase

    return cli_passphrase(args.new_passphrase_file, env="MUSTER_NEW_PASSPHRASE")


def _done_sentence(result: object) -> str:
    extra = ""
    if getattr(result, "hq_key_left", False):
        extra = (
            " The HQ key that opens bundles still needs the old passphrase: make a new one "
            "with 'muster hq-key export' if it is forgotten."
        )
    return "The passphrase is changed; the data was not rewritten." + extra


def cmd_passphrase_change(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.passphrase import change_passphrase

    new = _new_passphrase(args)
    result = change_passphrase(ctx.installation, ctx.passphrase(), new)
    print(_done_sentence(result))
    return EXIT_OK


def cmd_passphrase_reset(args: argparse.Namespace, ctx: Context) -> int:
    import os
    from pathlib import Path

    from app.errors import UserError
    from app.services import vault
    from app.services.installation import open_installation
    from app.services.passphrase import reset_with_recovery_key

    if args.recovery_key_file:
        try:
            recovery = Path(args.recovery_key_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(
                Phrase(
                    "Cannot read the recovery key file {file}: {strerror}.",
                    file=args.recovery_key_file,
                    strerror=exc.strerror,
                )
            ) from None
    else:
        recovery = os.environ.get("MUSTER_RECOVERY_KEY", "")
        if not recovery:
            raise UserError(
                Phrase(
                    "No recovery key given: set MUSTER_RECOVERY_KEY or use --recovery-key-file "
                    "FILE."
                )
            )
    new = _new_passphrase(args)
    key = vault.unlock_with_recovery_key(ctx.paths, recovery)
    ctx._installation = open_installation(ctx.paths, key=key)
    result = reset_with_recovery_key(ctx.installation, new)
    print(_done_sentence(result))
    return EXIT_OK


def cmd_recovery_key(args: argparse.Namespace, ctx: Context) -> int:
    _ = ctx.installation  # the passphrase must be right before a new key is made
    _print_recovery_key(ctx)
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
