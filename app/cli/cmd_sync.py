"""Sync commands: export, import, hq-key, trust, receipt, conflicts, devices, import-log."""

from __future__ import annotations

import argparse
import functools
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import EXIT_OK, EXIT_REFUSED, Context
from app.cli.common import print_json, print_table
from app.errors import UserError
from app.l10n import Phrase

if TYPE_CHECKING:
    from app.services.installation import Installation


def _passphrase_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="read the passphrase from FILE (default: the MUSTER_PASSPHRASE variable)",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="write a signed bundle of the changes for HQ")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="bundle file (.muster)")
    p.add_argument("--full", action="store_true", help="everything, not only what changed")
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    _passphrase_option(p)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help="import bundles from field installations")
    p.add_argument("files", nargs="+", metavar="FILE", help="bundle files (.muster)")
    p.add_argument("--dry-run", action="store_true", help="only say what would change")
    p.add_argument("--json", action="store_true", help="machine-readable summary")
    _passphrase_option(p)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("hq-key", help="HQ's encryption key for bundles")
    hk = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = hk.add_parser("export", help="(HQ) write HQ's public key for field installations")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--json", action="store_true", help="print what was written as JSON")
    _passphrase_option(q)
    q.set_defaults(handler=cmd_hq_key_export)
    q = hk.add_parser("set", help="(field) encrypt bundles to the HQ key in FILE")
    q.add_argument("file", metavar="FILE")
    q.add_argument(
        "--yes", action="store_true",
        help="accept a first HQ key without a question (never replaces a key already set)",
    )  # fmt: skip
    q.set_defaults(handler=cmd_hq_key_set)
    q = hk.add_parser("add", help="(field) encrypt bundles to another HQ analyst's key too")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--yes", action="store_true", help="add a key not signed by a trusted HQ")
    q.set_defaults(handler=cmd_hq_key_add)
    q = hk.add_parser("remove", help="(field) stop encrypting to a key added with 'add'")
    q.add_argument("recipient", metavar="AGE_KEY", help="the key, age1… ('hq-key show')")
    q.set_defaults(handler=cmd_hq_key_remove)
    q = hk.add_parser("require", help="(HQ) refuse, or accept again, bundles not encrypted")
    q.add_argument("setting", choices=("on", "off"))
    q.set_defaults(handler=cmd_hq_key_require)
    q = hk.add_parser("show", help="the HQ key bundles are encrypted to")
    q.set_defaults(handler=cmd_hq_key_show)

    p = sub.add_parser("trust", help="the signers whose bundles this installation accepts")
    tr = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = tr.add_parser("add", help="trust the signer of a certificate or bundle file")
    q.add_argument("file", metavar="CERT_OR_BUNDLE")
    q.add_argument("--yes", action="store_true", help="do not ask to confirm the fingerprint")
    q.add_argument("--note", default="", help="a note to keep with it")
    q.add_argument(
        "--role",
        choices=("field", "hq"),
        help="the rights it gets here (default: what its certificate says)",
    )
    q.add_argument("--mission", metavar="CODE",
                   help="the mission whose records a field device may change (default: "
                   "what its certificate says)")  # fmt: skip
    q.add_argument(
        "--enrol",
        metavar="FILE",
        help="HQ only: also sign an enrolment certificate for this device into FILE; every "
        "HQ installation that trusts this HQ then trusts the device",
    )
    q.add_argument("--json", action="store_true",
                   help="print what was trusted (and written) as JSON; details go to stderr")  # fmt: skip
    _passphrase_option(q)
    q.set_defaults(handler=cmd_trust_add)
    q = tr.add_parser("list", help="list trusted signers")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_trust_list)
    q = tr.add_parser("remove", help="stop trusting a signer (its next bundles cannot undo it)")
    q.add_argument("fingerprint", metavar="FINGERPRINT")
    q.set_defaults(handler=cmd_trust_remove)
    q = tr.add_parser("revoke", help="(HQ) revoke a device everywhere: signed, travels in "
                      "bundles and receipts")  # fmt: skip
    q.add_argument("fingerprint", metavar="FINGERPRINT")
    q.add_argument("--reason", default="", help="why, kept with the revocation")
    q.add_argument("--enrolment-only", action="store_true",
                   help="revoke only the HQ enrolment it is trusted by (a wrong mission, say): "
                   "a new enrolment accepts the device again")  # fmt: skip
    _passphrase_option(q)
    q.set_defaults(handler=cmd_trust_revoke)
    q = tr.add_parser("revocations", help="the device and enrolment revocations known here")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_trust_revocations)

    p = sub.add_parser("receipt", help="receipts: what HQ has received")
    rc = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = rc.add_parser("write", help="(HQ) write a signed receipt of the bundles received")
    q.add_argument("-o", "--output", required=True, metavar="FILE")
    q.add_argument("--device", metavar="ID", help="only this device's bundles")
    q.add_argument("--json", action="store_true", help="print what was written as JSON")
    _passphrase_option(q)
    q.set_defaults(handler=cmd_receipt_write)
    q = rc.add_parser("import", help="(field) read HQ's receipt")
    q.add_argument("file", metavar="FILE")
    q.set_defaults(handler=cmd_receipt_import)

    p = sub.add_parser("conflicts", help="records edited on two devices at once")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="include resolved ones")
    p.set_defaults(handler=cmd_conflicts)

    p = sub.add_parser("devices", help="devices heard from, last bundle, missing bundles")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_devices)

    p = sub.add_parser("import-log", help="bundles imported, newest first")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import_log)


# --- helpers ----------------------------------------------------------------------------------


def _age_identities(args: argparse.Namespace, inst: Installation) -> Any:
    """A function giving HQ's decryption key, asking the passphrase only when needed."""
    from app.services.sync import hq_key
    from app.services.vault import cli_passphrase

    @cache
    def unlock() -> tuple[Any, ...]:
        if not hq_key.has_hq_secret(inst):
            return ()
        return tuple(
            hq_key.unlock_hq_identities(
                inst, cli_passphrase(getattr(args, "passphrase_file", None))
            )
        )

    return lambda: list(unlock())


def _time_stamp_key(args: argparse.Namespace, inst: Installation) -> Any:
    """HQ's time-stamping key for received PDFs, unlocked only when a document arrives."""
    from app.services.signing import hq_time_stamp_key
    from app.services.vault import cli_passphrase

    return cache(lambda: hq_time_stamp_key(inst, lambda: cli_passphrase(args.passphrase_file)))


def _signing_key(args: argparse.Namespace, inst: Installation) -> Any:
    from app.services.identity import require_identity, unlock_private_key
    from app.services.vault import cli_passphrase

    require_identity(inst)
    return unlock_private_key(inst, cli_passphrase(args.passphrase_file))


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    sys.stderr.write(f"{question} [y/N] ")  # stdout may be JSON a script reads
    sys.stderr.flush()
    answer = input().strip().lower()
    return answer in ("y", "yes", "o", "oui")


# --- export / import ------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync import export_bundle

    inst = ctx.installation
    result = export_bundle(inst, Path(args.output), _signing_key(args, inst), full=args.full)
    if args.json:
        print_json(
            {
                "path": str(result.path), "seq": result.seq, "full": result.full,
                "encrypted": result.encrypted, "records": result.records,
                "counts": result.counts, "documents": result.documents,
                "size": result.size, "sha256": result.sha256,
            }
        )  # fmt: skip
        return EXIT_OK
    kind = "full" if result.full else "incremental"
    lock = "encrypted for HQ" if result.encrypted else "NOT encrypted (no HQ key set)"
    if result.recipients > 1:
        lock = f"encrypted for HQ ({result.recipients} keys: any of them opens it)"
    print(
        f"Bundle {result.seq} ({kind}) written to {result.path}: {result.records} records, "
        f"{result.documents} signed documents, {result.size / 1024:,.0f} KiB, signed, {lock}."
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync import import_bundles

    inst = ctx.installation
    outcome = import_bundles(
        inst, [Path(f) for f in args.files], _age_identities(args, inst), dry_run=args.dry_run,
        time_stamp_key=_time_stamp_key(args, inst),
    )  # fmt: skip
    names = {s.device_id: s.device_name for s in outcome.summaries}
    if args.json:
        print_json(
            {
                "dry_run": outcome.dry_run,
                "changed": outcome.changed,
                "bundles": [s.to_json() for s in outcome.summaries],
                "gaps": {d: list(m.first) for d, m in outcome.gaps.items()},
                "gap_counts": {d: m.count for d, m in outcome.gaps.items()},
            }
        )
        return EXIT_OK
    if args.dry_run:
        print("Preview only: nothing was written.")
    for summary in outcome.summaries:
        print(summary.sentence())
    for line in outcome.gap_sentences(names):
        print(line)
    if not outcome.changed and not args.dry_run:
        print("Nothing changed.")
    return EXIT_OK


# --- hq-key ---------------------------------------------------------------------------------


def cmd_hq_key_export(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.hq_key import export_hq_key
    from app.services.vault import cli_passphrase

    info = export_hq_key(ctx.installation, Path(args.file), cli_passphrase(args.passphrase_file))
    if args.json:
        print_json({"path": str(Path(args.file).resolve()), "recipient": info.recipient,
                    "name": info.name, "fingerprint": info.fingerprint})  # fmt: skip
        return EXIT_OK
    print(f"HQ key written to {args.file}: {info.recipient}")
    print("Give this file to every field installation ('muster hq-key set FILE').")
    return EXIT_OK


def cmd_hq_key_set(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.identity import format_fingerprint
    from app.services.sync.display import shown
    from app.services.sync.hq_key import HqKeyConfirmationNeeded, set_hq_key

    inst, path = ctx.installation, Path(args.file)
    try:
        info = set_hq_key(inst, path, confirmed=args.yes)
    except HqKeyConfirmationNeeded as need:
        if not sys.stdin.isatty():
            raise
        shown_info = need.info
        print(f"HQ key:      {shown_info.recipient}")
        if shown_info.fingerprint:
            print(f"HQ:          {shown(shown_info.name)}")
            print(f"Fingerprint: {format_fingerprint(shown_info.fingerprint)}")
        if shown_info.replaces:
            print(f"It replaces: {shown_info.replaces}")
        if not _confirm("Check this fingerprint with HQ. Use this key?"):
            print("HQ's key was not changed.", file=sys.stderr)
            return EXIT_REFUSED
        info = set_hq_key(inst, path, confirmed=True, allow_replace=True)
    print(f"Bundles will be encrypted to HQ's key {info.recipient}.")
    if info.fingerprint:
        print(f"HQ: {shown(info.name)}, fingerprint {format_fingerprint(info.fingerprint)}.")
    return EXIT_OK


def cmd_hq_key_add(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.identity import format_fingerprint
    from app.services.sync.display import shown
    from app.services.sync.hq_key import HqKeyConfirmationNeeded, add_hq_key, field_recipients

    inst, path = ctx.installation, Path(args.file)
    try:
        info = add_hq_key(inst, path, confirmed=args.yes)
    except HqKeyConfirmationNeeded as need:
        if not sys.stdin.isatty():
            raise
        print(f"HQ key:      {need.info.recipient}")
        if need.info.fingerprint:
            print(f"HQ analyst:  {shown(need.info.name)}")
            print(f"Fingerprint: {format_fingerprint(need.info.fingerprint)}")
        if not _confirm("Check this fingerprint with HQ. Add this key?"):
            print("No key was added.", file=sys.stderr)
            return EXIT_REFUSED
        info = add_hq_key(inst, path, confirmed=True)
    who = f" ({shown(info.name)})" if info.name else ""
    print(f"Bundles will be encrypted to {info.recipient}{who} too: "
          f"{len(field_recipients(inst))} HQ keys in all.")  # fmt: skip
    return EXIT_OK


def cmd_hq_key_remove(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.hq_key import remove_hq_key

    if not remove_hq_key(ctx.installation, args.recipient):
        raise UserError(
            Phrase(
                "That key was not added with 'muster hq-key add' ('muster hq-key show' lists them)."
            )
        )
    print("Bundles will no longer be encrypted to that key.")
    return EXIT_OK


def cmd_hq_key_show(_args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.display import shown
    from app.services.sync.hq_key import field_recipient, team_keys
    from app.services.sync.importer import encryption_required

    recipient = field_recipient(ctx.installation)
    if not recipient:
        print("No HQ key is set: bundles are signed but not encrypted.")
    else:
        print(recipient)
        for key in team_keys(ctx.installation):
            print(f"{key.recipient}  {shown(key.name)}".rstrip())
    if encryption_required(ctx.installation):
        print("Bundles that are not encrypted are refused here.")
    return EXIT_OK


def cmd_hq_key_require(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.importer import require_encryption

    require_encryption(ctx.installation, args.setting == "on")
    print(
        "Bundles that are not encrypted are now refused."
        if args.setting == "on"
        else "Bundles that are not encrypted are accepted again (unless their device sent "
        "encrypted ones before)."
    )
    return EXIT_OK


# --- trust ----------------------------------------------------------------------------------


def _certificate_of(args: argparse.Namespace, inst: Installation) -> bytes:
    from app.services.sync import AGE_MAGIC, ZIP_MAGIC, read_certificate

    path = Path(args.file)
    try:
        head = path.read_bytes()[: len(AGE_MAGIC)]
    except OSError as exc:
        raise UserError(
            Phrase("Cannot read {path}: {strerror}.", path=path, strerror=exc.strerror)
        ) from None
    if head.startswith((AGE_MAGIC, ZIP_MAGIC)):
        return read_certificate(path, _age_identities(args, inst))
    return path.read_bytes()[: 1 << 20]


def cmd_trust_add(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.identity import describe_certificate, format_fingerprint
    from app.services.sync.display import shown
    from app.services.sync.trust import add_trusted

    inst = ctx.installation
    cert = describe_certificate(_certificate_of(args, inst))
    role = args.role or (cert.role if cert.role in ("field", "hq") else "field")
    mission = (args.mission or cert.mission).upper()
    if args.enrol and role != "field":
        raise UserError(Phrase("Only field devices are enrolled; add --role field."))
    say = functools.partial(print, file=sys.stderr if args.json else sys.stdout)
    say(f"Signer:      {shown(cert.name)}" + (f", {shown(cert.title)}" if cert.title else ""))
    say(f"Claims:      {shown(cert.mission) or '-'} ({shown(cert.role) or 'field'})")
    say(f"Device:      {shown(cert.device_id)}")
    say(f"Fingerprint: {format_fingerprint(cert.fingerprint)}")
    rights = (
        "HQ: may change everything"
        if role == "hq"
        else (f"field device of {shown(mission)}: may change that mission's trainings only")
    )
    say(f"Rights here: {rights}")
    if not args.yes and not _confirm("Check this fingerprint with the signer. Trust them?"):
        print("Not trusted. Add --yes to confirm without a question.", file=sys.stderr)
        return EXIT_REFUSED
    add_trusted(inst, cert.certificate_pem, note=args.note, role=role, mission=mission)
    say(f"{shown(cert.name)} is now trusted.")
    enrolment = _write_enrolment(args, inst, cert.certificate_pem, mission) if args.enrol else None
    if enrolment:
        say(f"Enrolment certificate written to {enrolment}; send it to {shown(cert.name)} "
            "('muster enrolment set FILE').")  # fmt: skip
    if args.json:
        print_json({"name": cert.name, "device_id": cert.device_id,
                    "fingerprint": cert.fingerprint, "role": role,
                    "mission": mission if role == "field" else "",
                    "enrolment": str(enrolment) if enrolment else None})  # fmt: skip
    return EXIT_OK


def _write_enrolment(
    args: argparse.Namespace, inst: Installation, certificate_pem: bytes, mission: str
) -> Path:
    """Sign an enrolment certificate for the device just trusted; returns where it went."""
    from app.fileio import write_atomically
    from app.services.identity import unlock_private_key
    from app.services.sync.enrolment import issue_enrolment
    from app.services.vault import cli_passphrase

    key = unlock_private_key(inst, cli_passphrase(args.passphrase_file))
    pem = issue_enrolment(inst, certificate_pem, key, mission=mission)
    return Path(write_atomically(Path(args.enrol), pem))


def cmd_trust_list(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.identity import format_fingerprint
    from app.services.sync.display import shown
    from app.services.sync.trust import list_trusted

    rows = list_trusted(ctx.installation)
    if args.json:
        print_json(
            [
                {
                    "fingerprint": r.fingerprint, "name": r.name, "title": r.title,
                    "mission": r.mission, "role": r.role, "device_id": r.device_id,
                    "added_at": r.added_at.isoformat(timespec="seconds"), "note": r.note,
                    "enrolment_serial": r.enrolment_serial,
                }
                for r in rows
            ]
        )  # fmt: skip
        return EXIT_OK
    if not rows:
        print("No trusted signers yet. 'muster trust add FILE' adds one.")
        return EXIT_OK
    print_table(
        ["NAME", "ROLE", "MISSION", "ADDED", "FINGERPRINT"],
        [
            [shown(r.name, 40), r.role, shown(r.mission, 32), r.added_at.date().isoformat(),
             format_fingerprint(r.fingerprint, 4)]
            for r in rows
        ],
    )  # fmt: skip
    return EXIT_OK


def cmd_trust_remove(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.trust import remove_trusted

    remove_trusted(ctx.installation, args.fingerprint)
    print("Removed from the trusted list; its bundles are refused here from now on.")
    return EXIT_OK


def cmd_trust_revoke(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.identity import unlock_private_key
    from app.services.sync.display import shown
    from app.services.sync.revocation import revocation_target, revoke
    from app.services.vault import cli_passphrase

    inst = ctx.installation
    revocation_target(inst, args.fingerprint, args.enrolment_only)  # before the passphrase
    key = unlock_private_key(inst, cli_passphrase(args.passphrase_file))
    done = revoke(inst, args.fingerprint, key, args.reason, args.enrolment_only)
    name, info = shown(done.signer.name), done.revocation
    if done.enrolment_only:  # the trust it gave is withdrawn; no sticky removal
        print(f"{name}'s enrolment (serial {(info.enrolment_serial or '')[:12]}) is revoked (on "
              f"{info.revoked_at:%Y-%m-%d %H:%M} UTC); a new enrolment accepts the device "
              "again. The revocation travels in your next bundles and receipts.")  # fmt: skip
        return EXIT_OK
    print(f"{name}'s device is revoked (on {info.revoked_at:%Y-%m-%d %H:%M} UTC). "
          "The revocation travels in your next bundles and receipts.")  # fmt: skip
    return EXIT_OK


def cmd_trust_revocations(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.display import shown
    from app.services.sync.revocation import list_revocations

    rows = list_revocations(ctx.installation)
    if args.json:
        print_json([{"device_id": r.device_id, "device_name": r.device_name,
                     "key_sha256": r.key_sha256, "issuer": r.issuer_name,
                     "revoked_at": r.revoked_at.isoformat(timespec="seconds"),
                     "enrolment_serial": r.enrolment_serial} for r in rows])  # fmt: skip
        return EXIT_OK
    if not rows:
        print("No device has been revoked.")
        return EXIT_OK
    print_table(["DEVICE", "NAME", "REVOKED", "REVOKED BY", "WHEN (UTC)"],
                [[r.device_id[:8], shown(r.device_name, 40),
                  f"enrolment {r.enrolment_serial[:12]}" if r.enrolment_serial else "device",
                  shown(r.issuer_name, 40), f"{r.revoked_at:%Y-%m-%d %H:%M}"] for r in rows])  # fmt: skip
    return EXIT_OK


# --- receipts -------------------------------------------------------------------------------


def cmd_receipt_write(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.receipts import write_receipt

    inst = ctx.installation
    result = write_receipt(inst, Path(args.output), _signing_key(args, inst), args.device)
    if args.json:
        print_json({"path": str(result.path), "bundles": result.bundles,
                    "devices": result.devices})  # fmt: skip
        return EXIT_OK
    print(
        f"Receipt written to {result.path}: {result.bundles} bundles from "
        f"{result.devices} devices, signed."
    )
    return EXIT_OK


def cmd_receipt_import(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.receipts import import_receipt

    print(import_receipt(ctx.installation, Path(args.file)).sentence())
    return EXIT_OK


# --- listings -------------------------------------------------------------------------------


def cmd_conflicts(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.conflicts import list_conflicts

    rows = list_conflicts(ctx.installation, include_resolved=args.all)
    if args.json:
        print_json(
            [
                {
                    "id": c.id,
                    "table": c.table_name,
                    "record": c.record_id,
                    "kept": c.kept,
                    "other": c.other,
                    "detected_at": c.detected_at,
                    "resolved": c.resolved,
                }
                for c in rows
            ]
        )
        return EXIT_OK
    if not rows:
        print("No conflicts to review.")
        return EXIT_OK
    table_rows = []
    for c in rows:
        diffs = "; ".join(f"{k}: {a!r} (kept) / {b!r}" for k, a, b in c.differences()[:3])
        table_rows.append([c.id[:8], c.table_name, c.record_id[:8], c.detected_at, diffs])
    print_table(["ID", "TABLE", "RECORD", "DETECTED", "DIFFERENCES"], table_rows)
    return EXIT_OK


def cmd_devices(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.display import shown
    from app.services.sync.importer import device_statuses

    rows = device_statuses(ctx.installation)
    if args.json:
        print_json(
            [
                {
                    "device_id": d.device_id,
                    "name": d.name,
                    "mission": d.mission,
                    "fingerprint": d.fingerprint,
                    "last_seq": d.last_seq,
                    "last_received_at": d.last_received_at.isoformat(timespec="seconds")
                    if d.last_received_at
                    else None,
                    "bundles": d.bundles,
                    "missing": list(d.missing.first),
                    "missing_count": d.missing.count,
                }
                for d in rows
            ]
        )
        return EXIT_OK
    if not rows:
        print("No bundles received yet.")
        return EXIT_OK
    print_table(
        ["DEVICE", "NAME", "MISSION", "LAST BUNDLE", "RECEIVED (UTC)", "MISSING"],
        [
            [
                d.device_id[:8],
                shown(d.name, 40),
                shown(d.mission, 32),
                str(d.last_seq),
                d.last_received_at.strftime("%Y-%m-%d %H:%M") if d.last_received_at else "",
                d.missing.text() or "-",
            ]
            for d in rows
        ],
    )
    for d in rows:
        if d.missing:
            print(d.missing_sentence())
    return EXIT_OK


def cmd_import_log(args: argparse.Namespace, ctx: Context) -> int:
    from app.services.sync.display import shown
    from app.services.sync.importer import import_log

    rows = import_log(ctx.installation)
    if args.json:
        print_json([r.__dict__ for r in rows])  # names as stored (cleaned on import)
        return EXIT_OK
    if not rows:
        print("No bundles imported yet.")
        return EXIT_OK
    print_table(
        [
            "RECEIVED (UTC)",
            "FROM",
            "MISSION",
            "BUNDLE",
            "NEW",
            "UPDATED",
            "DELETED",
            "CONFLICTS",
            "IMPORTED BY",
        ],
        [
            [
                r.received_at[:16],
                shown(r.device_name or r.device_id[:8], 40),
                shown(r.mission, 32),
                str(r.seq) + (" (full)" if r.full else ""),
                str(r.total("new")),
                str(r.total("updated")),
                str(r.total("deleted")),
                str(r.total("conflicts")),
                shown(r.imported_by, 80),
            ]
            for r in rows
        ],
    )
    return EXIT_OK
