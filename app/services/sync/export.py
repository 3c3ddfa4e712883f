"""Exporting a bundle: what changed since the last export, signed, encrypted to HQ.

The whole export is one write transaction: the next sequence number is taken, the
tables are read as one snapshot, the file is written and the export recorded before
COMMIT. So two ``muster export`` runs at once never share a sequence number: the second
waits (up to ``EXPORT_WAIT_S``) for the first to finish, or is refused with a sentence
(on PostgreSQL the same with the advisory write lock: two analysts exporting from the
shared database get consecutive numbers).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.db.base import SEED_DEVICE, utcnow
from app.db.models import sync_tables
from app.db.raw import (
    begin_write,
    current_clock,
    is_postgres,
    raw_connection,
    seen_versions,
    select_in,
)
from app.errors import UserError
from app.fileio import write_atomically
from app.l10n import Phrase
from app.services.documents import read_document
from app.services.sync.container import SUFFIX, pack_bundle
from app.services.sync.manifest import BUNDLE_FORMAT, FORMAT_VERSION
from app.services.sync.schema import column_rules, table_columns

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey

    from app.services.installation import Installation

EXPORT_WAIT_S = 60


@dataclass(frozen=True)
class ExportResult:
    path: Path
    seq: int
    full: bool
    encrypted: bool
    counts: dict[str, int]
    documents: int
    size: int
    sha256: str
    recipients: int = 0  # how many HQ keys can open it (0: not encrypted)

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def _fk_closure(conn: Any, picked: dict[str, dict[str, tuple[Any, ...]]]) -> None:
    """Add the parent rows that picked rows refer to, so every bundle stands on its own.

    A bundle may arrive before an older one it depends on; carrying the (unchanged)
    parents keeps foreign keys resolvable whatever the order, and an unchanged row
    changes nothing where it arrives.
    """
    for table in reversed(sync_tables()):
        rules = column_rules(table)
        columns = table_columns(table)
        pending = True
        while pending:  # people refer to people (merged_into_id): repeat until stable
            pending = False
            needed: dict[str, set[str]] = {}
            for rule in rules:
                if rule.references is None:
                    continue
                pos = columns.index(rule.name)
                for row in picked.get(table, {}).values():
                    ref = row[pos]
                    if ref is not None and ref not in picked.get(rule.references, {}):
                        needed.setdefault(rule.references, set()).add(ref)
            for parent, ids in needed.items():
                sql = f"SELECT {', '.join(table_columns(parent))} FROM {parent} WHERE id IN"
                bucket = picked.setdefault(parent, {})
                for row in select_in(conn, sql, ids):
                    bucket[row[0]] = row
                if parent == table:
                    pending = True


def _sign(private_key: EllipticCurvePrivateKey, data: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    return private_key.sign(data, ec.ECDSA(hashes.SHA256()))


BUSY = Phrase(
    "Another export or import is running on this installation; try again when it has finished."
)


def _take_lock(conn: Any) -> None:
    if is_postgres(conn):
        import psycopg

        try:
            begin_write(conn, wait_s=EXPORT_WAIT_S)
        except psycopg.errors.LockNotAvailable:
            raise UserError(BUSY) from None
        return
    conn.execute(f"PRAGMA busy_timeout={EXPORT_WAIT_S * 1000}")
    try:
        begin_write(conn)
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF in (5, 6):  # BUSY, LOCKED
            raise UserError(BUSY) from None
        raise
    finally:
        from app.db.engine import BUSY_TIMEOUT_MS

        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


@dataclass(frozen=True)
class _Snapshot:
    """What one export sends, read inside its write transaction."""

    seq: int
    since: int  # versions above this travel (0: everything)
    upto: int  # the clock when it was read
    full: bool
    picked: dict[str, dict[str, tuple[Any, ...]]]  # table -> id -> row
    seen: dict[str, int]  # device -> highest version received from it
    docs: list[Any]  # signed documents not sent yet


def _snapshot(conn: Any, device: str, full: bool) -> _Snapshot:
    last = conn.execute(
        "SELECT seq, upto_version FROM bundles_sent ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    seq = (last[0] if last else 0) + 1
    since = 0 if (full or last is None) else int(last[1])
    upto = current_clock(conn)
    picked: dict[str, dict[str, tuple[Any, ...]]] = {}
    for table in sync_tables():
        cols = ", ".join(table_columns(table))
        where = "" if full else " WHERE version > ?"
        params = () if full else (since,)
        picked[table] = {
            row[0]: row for row in conn.execute(f"SELECT {cols} FROM {table}{where}", params)
        }
    if not full:
        _fk_closure(conn, picked)
    seen = seen_versions(conn, sync_tables(), exclude=[device, SEED_DEVICE])
    docs = conn.execute(
        "SELECT id, training_id, kind, file_name, sha256, created_at FROM documents "
        "WHERE exported_seq IS NULL AND source_device IN ('', ?) ORDER BY created_at",
        (device,),
    ).fetchall()
    return _Snapshot(seq, since, upto, full, picked, seen, docs)


def _members(inst: Installation, picked: dict[str, Any], docs: list[Any]
             ) -> tuple[dict[str, bytes], dict[str, int], list[dict[str, Any]]]:  # fmt: skip
    members: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for table in sync_tables():
        rows = list(picked.get(table, {}).values())  # rowid order: inserts fastest
        counts[table] = len(rows)
        payload = {"columns": list(table_columns(table)), "rows": [list(r) for r in rows]}
        members[f"data/{table}.json"] = json.dumps(
            payload, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
    doc_entries: list[dict[str, Any]] = []
    for doc_id, training_id, kind, file_name, _sha, created_at in docs:
        try:
            content = read_document(inst, file_name)
        except OSError:
            continue  # a document whose file is gone cannot travel; it stays pending
        doc_entries.append({
            "id": doc_id, "training_id": training_id, "kind": kind,
            "file_name": Path(file_name).name, "sha256": hashlib.sha256(content).hexdigest(),
            "created_at": str(created_at),
        })  # fmt: skip
        members[f"documents/{doc_id}.pdf"] = content
    from app.services.sync.revocation import all_envelopes

    revocations = all_envelopes(inst)
    if revocations:  # travel with every bundle: to other HQs, and through the field
        members["revocations.json"] = json.dumps(revocations, sort_keys=True).encode("utf-8")
    return members, counts, doc_entries


def export_bundle(
    inst: Installation,
    out: Path,
    private_key: EllipticCurvePrivateKey,
    *,
    full: bool = False,
    recipient: str | None = None,
) -> ExportResult:
    """Write a signed (and, with an HQ ``recipient``, encrypted) bundle of recent changes.

    ``recipient`` defaults to every HQ key set here (``hq-key set``, then ``hq-key add``).
    changed locally since the previous export travels (or everything with ``full``),
    deleted records included, plus the parents they refer to.
    """
    from app.services.identity import require_identity
    from app.services.sync import hq_key

    identity = require_identity(inst)
    profile = inst.profile()
    device = inst.device_id
    if identity.device_id and identity.device_id != device:
        raise UserError(
            Phrase(
                "The signing identity belongs to another installation (its device id differs). "
                "Create a new identity for this one."
            )
        )
    recipients = [recipient] if recipient else []
    if recipient is None:
        recipients = hq_key.field_recipients(inst)
    sender = {"device_id": device, "device_name": profile.name or identity.name,
              "mission": profile.mission, "role": profile.role}  # fmt: skip
    out = Path(out)
    if out.suffix.lower() != SUFFIX:
        out = out.with_name(out.name + SUFFIX)
    with raw_connection(inst.db.engine) as conn:
        _take_lock(conn)
        snap = _snapshot(conn, device, full)
        members, counts, doc_entries = _bundle_members(inst, conn, snap, identity.certificate_pem)
        manifest = _manifest(sender, snap, counts, doc_entries)
        data, manifest_bytes = pack_bundle(manifest, members, lambda raw: _sign(private_key, raw))
        data = _encrypted_for(recipients, data)
        write_atomically(out, data)
        _record_export(conn, snap, out, manifest_bytes, doc_entries)
        conn.execute("COMMIT")
    return ExportResult(
        path=out, seq=snap.seq, full=full, encrypted=bool(recipients), recipients=len(recipients),
        counts=counts, documents=len(doc_entries), size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )  # fmt: skip


def _bundle_members(
    inst: Installation, conn: Any, snap: _Snapshot, certificate_pem: bytes
) -> tuple[dict[str, bytes], dict[str, int], list[dict[str, Any]]]:
    """Every member of the bundle but the manifest: (members, rows per table, documents)."""
    from app.services.audit.consent import redact_people_rows
    from app.services.audit.evidence_sync import export_members
    from app.services.sync.enrolment import load_enrolment

    redact_people_rows(conn, snap.picked)  # people who may not be named travel without names
    members, counts, doc_entries = _members(inst, snap.picked, snap.docs)
    members.update(export_members(inst, conn, snap.seq, snap.full))  # evidence files not sent yet
    members["certificate.pem"] = certificate_pem
    enrolment = load_enrolment(inst)
    if enrolment is not None:  # lets every HQ that trusts the enrolling HQ accept us
        members["enrolment.pem"] = enrolment
    return members, counts, doc_entries


def _manifest(
    sender: dict[str, Any], snap: _Snapshot, counts: dict[str, int],
    doc_entries: list[dict[str, Any]],
) -> dict[str, Any]:  # fmt: skip
    """The manifest's fields (``pack_bundle`` adds the members' digests)."""
    from app.db.migrate import head_revision

    return {
        "format": BUNDLE_FORMAT, "format_version": FORMAT_VERSION, "schema": head_revision(),
        **sender, "seq": snap.seq,
        "created_at": utcnow().isoformat(timespec="seconds"), "full": snap.full,
        "since_version": snap.since, "upto_version": snap.upto, "seen": snap.seen,
        "counts": counts, "documents": doc_entries,
    }  # fmt: skip


def _encrypted_for(recipients: list[str], data: bytes) -> bytes:
    """One file any of the recipients opens (age: a stanza per recipient); none: as it is."""
    if not recipients:
        return data
    import pyrage

    return pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(r) for r in recipients])


def _record_export(
    conn: Any, snap: _Snapshot, out: Path, manifest_bytes: bytes,
    doc_entries: list[dict[str, Any]],
) -> None:  # fmt: skip
    """Note the bundle sent and its documents as exported (committed with the export)."""
    conn.execute(
        'INSERT INTO bundles_sent (seq, created_at, "full", upto_version, file_name, sha256) '
        "VALUES (?, ?, ?, ?, ?, ?)",
        (snap.seq, utcnow().isoformat(sep=" ", timespec="microseconds"), int(snap.full),
         snap.upto, out.name[:300], hashlib.sha256(manifest_bytes).hexdigest()),
    )  # fmt: skip
    for entry in doc_entries:
        conn.execute("UPDATE documents SET exported_seq = ? WHERE id = ?", (snap.seq, entry["id"]))
