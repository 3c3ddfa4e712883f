"""``muster enrolment set FILE`` / ``enrolment show``: the field keeps HQ's enrolment."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import EXIT_OK, Context
from app.errors import UserError
from app.l10n import Phrase


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("enrolment", help="the enrolment certificate HQ issued for this device")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser("set", help="keep the enrolment certificate HQ sent (bundles carry it)")
    q.add_argument("file", metavar="FILE")
    q.set_defaults(handler=cmd_set)
    q = actions.add_parser("show", help="say whether this device is enrolled, and by whom")
    q.set_defaults(handler=cmd_show)


def cmd_set(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.enrolment import set_enrolment

    try:
        pem = Path(args.file).read_bytes()
    except OSError as exc:
        raise UserError(
            Phrase("Cannot read {file}: {strerror}.", file=args.file, strerror=exc.strerror)
        ) from None
    issuer = set_enrolment(ctx.installation, pem)
    print(f"Enrolled by {issuer}. Every bundle you export now carries this enrolment.")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.display import shown
    from app.services.sync.enrolment import describe_certificate_issuer, load_enrolment

    pem = load_enrolment(ctx.installation)
    if pem is None:
        print("This device is not enrolled by HQ; HQ trusts it only if it added your certificate.")
        return EXIT_OK
    from cryptography import x509

    try:
        cert = x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise UserError(
            Phrase("The enrolment certificate kept here is damaged; ask HQ for a new one.")
        ) from None
    print(
        f"Enrolled by {shown(describe_certificate_issuer(cert))}, valid until "
        f"{cert.not_valid_after_utc:%Y-%m-%d}."
    )
    return EXIT_OK
