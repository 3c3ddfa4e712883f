"""Importing bundles (with a dry-run preview), the import log, gaps, conflicts and receipts.

Every bundle of a batch is read and checked whole first (see ``bundles``); only
then is one write transaction opened, in which all of them are merged, logged and
the clock advanced; one failure anywhere rolls everything back. A preview is the
same run ending in ROLLBACK, so its figures are exactly what the import would do
(the DHIS2 "dry run" approach).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.db.base import utcnow
from app.db.cipher import DB_API_ERRORS
from app.errors import UserError, user_error_from_sqlite
from app.services.bundles import (
    AgeIdentities,
    BundleError,
    Progress,
    VerifiedBundle,
    _no_progress,
    _raw_connection,
    read_bundle,
)
from app.services.installation import Installation
from app.services.merge import TableCounts, make_knowledge, merge_tables

RECEIPT_FORMAT = "muster-receipt"
MAX_RECEIPT_BYTES = 8 << 20


def _now_text() -> str:
    return utcnow().isoformat(sep=" ", timespec="microseconds")


@dataclass(frozen=True)
class ImportSummary:
    """What one bundle did (or, in a preview, would do)."""

    file_name: str
    device_id: str
    device_name: str
    mission: str
    seq: int
    full: bool
    signer: str
    fingerprint: str
    already_received: bool
    counts: dict[str, dict[str, int]]
    documents: int = 0
    missing: tuple[int, ...] = ()  # this device's bundles still missing after this one

    def total(self, key: str) -> int:
        return sum(c.get(key, 0) for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return not self.already_received and any(
            self.total(k) for k in ("new", "updated", "deleted")
        )

    def sentence(self) -> str:
        who = f"bundle {self.seq} from {self.device_name or self.device_id[:8]}"
        if self.mission:
            who += f" ({self.mission})"
        if self.already_received:
            return f"{self.file_name}: {who} was already imported; nothing changed."
        parts = [
            f"{self.total('new')} new",
            f"{self.total('updated')} updated",
            f"{self.total('deleted')} deleted",
        ]
        text = f"{self.file_name}: {who}: " + ", ".join(parts) + " records"
        if self.total("conflicts"):
            text += f", {self.total('conflicts')} conflicts to review"
        if self.documents:
            text += f", {self.documents} signed documents"
        if not self.changed:
            text += " (nothing changed)"
        return text + "."

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file_name,
            "device_id": self.device_id,
            "device_name": self.device_name,
            "mission": self.mission,
            "seq": self.seq,
            "full": self.full,
            "signer": self.signer,
            "fingerprint": self.fingerprint,
            "already_received": self.already_received,
            "new": self.total("new"),
            "updated": self.total("updated"),
            "deleted": self.total("deleted"),
            "unchanged": self.total("unchanged"),
            "conflicts": self.total("conflicts"),
            "documents": self.documents,
            "missing": list(self.missing),
            "tables": self.counts,
        }


@dataclass(frozen=True)
class ImportOutcome:
    summaries: tuple[ImportSummary, ...]
    dry_run: bool
    gaps: dict[str, tuple[int, ...]] = field(default_factory=dict)  # device -> missing seqs

    @property
    def changed(self) -> bool:
        return any(s.changed for s in self.summaries)

    def gap_sentences(self, names: dict[str, str] | None = None) -> list[str]:
        names = names or {}
        lines = []
        for device, missing in self.gaps.items():
            who = names.get(device) or f"device {device[:8]}"
            shown = ", ".join(str(s) for s in missing[:10]) + (" …" if len(missing) > 10 else "")
            noun = "bundle" if len(missing) == 1 else "bundles"
            lines.append(
                f"{noun.capitalize()} {shown} of {who} {'is' if len(missing) == 1 else 'are'} missing."
            )
        return lines


# --- import -------------------------------------------------------------------------------


def read_bundles(
    inst: Installation,
    files: Sequence[Path],
    age_identities: AgeIdentities | None = None,
    progress: Progress = _no_progress,
) -> list[VerifiedBundle]:
    """Check every file completely before anything is written."""
    bundles = []
    for index, path in enumerate(files):

        def step(done: int, total: int, what: str, index: int = index) -> None:
            progress(index * total + done, len(files) * total, what)

        bundles.append(read_bundle(inst, Path(path), age_identities, progress=step))
    return bundles


def import_bundles(
    inst: Installation,
    files: Sequence[Path],
    age_identities: AgeIdentities | None = None,
    *,
    dry_run: bool = False,
    progress: Progress = _no_progress,
    time_stamp_key: Callable[[], Any] | None = None,
) -> ImportOutcome:
    """Check all ``files``, then merge them in one transaction (rolled back when ``dry_run``)."""
    if not files:
        raise UserError("No bundle to import.")
    bundles = read_bundles(inst, files, age_identities, progress)
    return apply_bundles(
        inst, bundles, dry_run=dry_run, progress=progress, time_stamp_key=time_stamp_key
    )


def apply_bundles(
    inst: Installation,
    bundles: Sequence[VerifiedBundle],
    *,
    dry_run: bool = False,
    progress: Progress = _no_progress,
    time_stamp_key: Callable[[], Any] | None = None,  # HQ's TimeStampKey, asked when needed
) -> ImportOutcome:
    if not dry_run:
        from app.services.backups import backup_before

        backup_before(inst, "import")
    conn = _raw_connection(inst)
    written_docs: list[Path] = []
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            summaries = []
            seen_in_batch: set[str] = set()
            for i, bundle in enumerate(bundles):
                progress(i, len(bundles), f"merging {bundle.path.name}")
                summaries.append(
                    _apply_one(
                        inst, conn, bundle, seen_in_batch, dry_run, written_docs, time_stamp_key
                    )
                )
            gaps = _gaps(conn)
            devices = {b.manifest.device_id for b in bundles}
            summaries = [
                _with_missing(s, gaps.get(s.device_id, ())) if s.device_id in devices else s
                for s in summaries
            ]
            if dry_run:
                conn.execute("ROLLBACK")
            else:
                conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            for doc in written_docs:
                doc.unlink(missing_ok=True)
            raise
    except DB_API_ERRORS as exc:
        mapped = user_error_from_sqlite(exc)
        if mapped is None:
            raise
        raise mapped from exc
    finally:
        conn.close()
    progress(len(bundles), len(bundles), "done")
    return ImportOutcome(tuple(summaries), dry_run, gaps)


def _with_missing(summary: ImportSummary, missing: tuple[int, ...]) -> ImportSummary:
    from dataclasses import replace

    return replace(summary, missing=missing)


def _apply_one(
    inst: Installation,
    conn: sqlite3.Connection,
    bundle: VerifiedBundle,
    seen_in_batch: set[str],
    dry_run: bool,
    written_docs: list[Path],
    time_stamp_key: Callable[[], Any] | None = None,
) -> ImportSummary:
    m = bundle.manifest
    base = dict(
        file_name=bundle.path.name, device_id=m.device_id, device_name=m.device_name,
        mission=m.mission, seq=m.seq, full=m.full, signer=bundle.signer.name,
        fingerprint=bundle.signer.fingerprint,
    )  # fmt: skip
    already = bundle.manifest_sha256 in seen_in_batch or (
        conn.execute(
            "SELECT 1 FROM bundles_received WHERE sha256 = ?", (bundle.manifest_sha256,)
        ).fetchone()
        is not None
    )
    if already:
        return ImportSummary(**base, already_received=True, counts={})  # type: ignore[arg-type]
    seen_in_batch.add(bundle.manifest_sha256)
    local_device = inst.device_id
    result = merge_tables(
        conn,
        bundle.tables,
        source_device=m.device_id,
        source_seen=m.seen,
        local_device=local_device,
        knowledge_of=make_knowledge(conn, local_device),
    )
    # The clock moves past everything seen, so the next local edit wins over it.
    top = max(result.max_version, m.upto_version)
    conn.execute(
        "INSERT INTO settings(key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE "
        "SET value = CAST(MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)",
        (str(top),),
    )
    _remember_seen(conn, m.device_id, m.seen)
    if bundle.enrolled_by:
        _trust_enrolled_device(conn, bundle)
    documents = _store_documents(inst, conn, bundle, dry_run, written_docs, time_stamp_key)
    counts = {t: c.as_dict() for t, c in result.counts.items()}
    summary_json = {
        "full": m.full,
        "documents": documents,
        "counts": counts,
        "device_name": m.device_name,
        "mission": m.mission,
    }
    now = _now_text()
    conn.execute(
        "INSERT INTO bundles_received (sha256, device_id, seq, created_at, received_at, "
        "signer_fingerprint, file_name, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            bundle.manifest_sha256, m.device_id, m.seq, m.created_at.replace("T", " "), now,
            bundle.signer.fingerprint, bundle.path.name[:300], json.dumps(summary_json),
        ),
    )  # fmt: skip
    conn.execute(
        "INSERT INTO devices (device_id, name, mission, fingerprint, last_seq, last_received_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET "
        "name = excluded.name, mission = excluded.mission, fingerprint = excluded.fingerprint, "
        "last_seq = max(devices.last_seq, excluded.last_seq), "
        "last_received_at = excluded.last_received_at",
        (m.device_id, m.device_name, m.mission, bundle.signer.fingerprint, m.seq, now),
    )
    return ImportSummary(**base, already_received=False, counts=counts, documents=documents)  # type: ignore[arg-type]


def _remember_seen(conn: sqlite3.Connection, device: str, seen: dict[str, int]) -> None:
    key = f"sync.seen.{device}"
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    merged = json.loads(row[0]) if row else {}
    for k, v in seen.items():
        merged[k] = max(int(merged.get(k, 0)), v)
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(merged, sort_keys=True)),
    )


def _trust_enrolled_device(conn: sqlite3.Connection, bundle: VerifiedBundle) -> None:
    """A device enrolled by a trusted HQ joins the trusted list, so its PDFs verify here."""
    s = bundle.signer
    conn.execute(
        "INSERT OR IGNORE INTO trusted_signers (fingerprint, name, title, mission, device_id, "
        "certificate_pem, added_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            s.fingerprint, s.name, s.title, s.mission, s.device_id,
            s.certificate_pem.decode("ascii"), _now_text(), f"enrolled by HQ {bundle.enrolled_by}",
        ),
    )  # fmt: skip


def _store_documents(
    inst: Installation,
    conn: sqlite3.Connection,
    bundle: VerifiedBundle,
    dry_run: bool,
    written: list[Path],
    time_stamp_key: Callable[[], Any] | None = None,
) -> int:
    """Keep the signed PDFs that travelled, so HQ can open them from the training."""
    stored = 0
    for entry in bundle.manifest.documents:
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (entry.id,)).fetchone():
            continue
        stored += 1
        if dry_run:
            continue
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", entry.file_name or "")[:120].strip("._")
        file_name = f"received-{safe or entry.id}" + ("" if safe.endswith(".pdf") else ".pdf")
        from app.services.documents import document_path, store_document

        content = bundle.documents[entry.id]
        key = time_stamp_key() if time_stamp_key is not None else None
        if key is not None:  # HQ vouches for when it received the PDF (issue 16)
            from app.services.signing import timestamp_received_pdf

            content = timestamp_received_pdf(content, key)
        target = document_path(inst, store_document(inst, content, file_name))
        written.append(target)
        conn.execute(
            "INSERT INTO documents (id, training_id, kind, file_name, sha256, signer_fingerprint, "
            "source_device, created_at, exported_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.id, entry.training_id, entry.kind, file_name,
                hashlib.sha256(content).hexdigest(),
                bundle.signer.fingerprint, bundle.manifest.device_id,
                entry.created_at.replace("T", " "), bundle.manifest.seq,
            ),
        )  # fmt: skip
    return stored


def _gaps(conn: sqlite3.Connection) -> dict[str, tuple[int, ...]]:
    """Per device, the sequence numbers below the newest one that never arrived.

    A full bundle carries everything, so numbers before the newest full one are not missing.
    """
    received: dict[str, set[int]] = {}
    last_full: dict[str, int] = {}
    for device, seq, summary in conn.execute(
        "SELECT device_id, seq, summary FROM bundles_received"
    ):
        received.setdefault(device, set()).add(int(seq))
        try:
            full = bool(json.loads(summary).get("full")) if summary else False
        except (ValueError, AttributeError):
            full = False
        if full:
            last_full[device] = max(last_full.get(device, 0), int(seq))
    gaps = {}
    for device, seqs in received.items():
        floor = last_full.get(device, 0)
        missing = tuple(s for s in range(floor + 1, max(seqs)) if s not in seqs)
        if missing:
            gaps[device] = missing
    return gaps


# --- the import log, devices, conflicts -----------------------------------------------------


@dataclass(frozen=True)
class ReceivedBundle:
    sha256: str
    device_id: str
    device_name: str
    mission: str
    seq: int
    full: bool
    created_at: str
    received_at: str
    file_name: str
    counts: dict[str, dict[str, int]]
    documents: int

    def total(self, key: str) -> int:
        return sum(c.get(key, 0) for c in self.counts.values())


def import_log(inst: Installation) -> list[ReceivedBundle]:
    """Every bundle this installation imported, newest first."""
    conn = _raw_connection(inst)
    try:
        rows = conn.execute(
            "SELECT sha256, device_id, seq, created_at, received_at, file_name, summary "
            "FROM bundles_received ORDER BY received_at DESC, device_id, seq DESC"
        ).fetchall()
    finally:
        conn.close()
    out = []
    for sha, device, seq, created, received, file_name, summary in rows:
        data = json.loads(summary) if summary else {}
        out.append(
            ReceivedBundle(
                sha, device, data.get("device_name", ""), data.get("mission", ""), int(seq),
                bool(data.get("full")), str(created or "")[:19], str(received)[:19], file_name,
                data.get("counts", {}), int(data.get("documents", 0)),
            )
        )  # fmt: skip
    return out


@dataclass(frozen=True)
class DeviceStatus:
    device_id: str
    name: str
    mission: str
    fingerprint: str
    last_seq: int
    last_received_at: datetime | None
    bundles: int
    missing: tuple[int, ...]

    def missing_sentence(self) -> str:
        if not self.missing:
            return ""
        shown = ", ".join(str(s) for s in self.missing[:10])
        who = self.name or f"device {self.device_id[:8]}"
        if len(self.missing) == 1:
            return f"Bundle {shown} of {who} is missing."
        return f"Bundles {shown}{' …' if len(self.missing) > 10 else ''} of {who} are missing."


def device_statuses(inst: Installation) -> list[DeviceStatus]:
    """Every device heard from: its last bundle and the ones that never arrived."""
    conn = _raw_connection(inst)
    try:
        gaps = _gaps(conn)
        counts = dict(
            conn.execute("SELECT device_id, count(*) FROM bundles_received GROUP BY device_id")
        )
        rows = conn.execute(
            "SELECT device_id, name, mission, fingerprint, last_seq, last_received_at "
            "FROM devices ORDER BY mission, name"
        ).fetchall()
    finally:
        conn.close()
    return [
        DeviceStatus(
            device, name, mission, fp, int(seq),
            datetime.fromisoformat(str(at)) if at else None, int(counts.get(device, 0)),
            gaps.get(device, ()),
        )
        for device, name, mission, fp, seq, at in rows
    ]  # fmt: skip


@dataclass(frozen=True)
class ConflictInfo:
    id: str
    table_name: str
    record_id: str
    kept: dict[str, Any]
    other: dict[str, Any]
    detected_at: str
    resolved: bool

    def differences(self) -> list[tuple[str, Any, Any]]:
        from app.services.merge import CONTENT_SKIP

        return [
            (k, self.kept.get(k), self.other.get(k))
            for k in self.kept
            if k not in CONTENT_SKIP and self.kept.get(k) != self.other.get(k)
        ]


def list_conflicts(inst: Installation, include_resolved: bool = False) -> list[ConflictInfo]:
    conn = _raw_connection(inst)
    try:
        where = "" if include_resolved else " WHERE resolved_at IS NULL"
        rows = conn.execute(
            "SELECT id, table_name, record_id, kept, other, detected_at, resolved_at "
            f"FROM sync_conflicts{where} ORDER BY detected_at DESC, table_name, record_id"
        ).fetchall()
    finally:
        conn.close()
    return [
        ConflictInfo(i, t, r, json.loads(k), json.loads(o), str(d)[:19], res is not None)
        for i, t, r, k, o, d, res in rows
    ]


def resolve_conflict(inst: Installation, conflict_id: str, use_other: bool = False) -> None:
    """Close a conflict; with ``use_other`` the losing version's content becomes a new edit."""
    from sqlalchemy import update

    from app.db.base import Base
    from app.db.models import SyncConflict
    from app.services.merge import CONTENT_SKIP

    with inst.db.transaction() as session:
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None:
            raise UserError("This conflict no longer exists.")
        if use_other:
            table = Base.metadata.tables[conflict.table_name]
            values = {k: v for k, v in conflict.other.items() if k not in CONTENT_SKIP}
            values["version"] = inst.db.clock.tick(session)
            values["updated_by"] = inst.device_id
            values["updated_at"] = utcnow()
            for col in table.columns:
                if col.name in values and values[col.name] is not None:
                    values[col.name] = _from_stored(col, values[col.name])
            session.execute(update(table).where(table.c.id == conflict.record_id).values(values))
        conflict.resolved_at = utcnow()


def _from_stored(col: Any, value: Any) -> Any:
    from datetime import date as date_cls

    from sqlalchemy import Boolean, Date, DateTime
    from sqlalchemy.types import JSON

    if isinstance(col.type, DateTime) and isinstance(value, str):
        return datetime.fromisoformat(value)
    if isinstance(col.type, Date) and isinstance(value, str):
        return date_cls.fromisoformat(value)
    if isinstance(col.type, Boolean):
        return bool(value)
    if isinstance(col.type, JSON) and isinstance(value, str):
        return json.loads(value)
    return value


# --- receipts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptResult:
    path: Path
    bundles: int
    devices: int


@dataclass(frozen=True)
class ReceiptSummary:
    hq_name: str
    created_at: str
    acknowledged: tuple[int, ...]  # this installation's bundles HQ says it has
    not_received: tuple[int, ...]  # sent here but not in the receipt

    def sentence(self) -> str:
        got = ", ".join(str(s) for s in self.acknowledged) or "none"
        text = f"HQ ({self.hq_name or 'unknown'}) has received bundles: {got}."
        if self.not_received:
            text += " Not yet received: " + ", ".join(str(s) for s in self.not_received) + "."
        return text


def write_receipt(
    inst: Installation, out: Path, private_key: Any, device_id: str | None = None
) -> ReceiptResult:
    """A signed list of the bundles received here, for field installations to import."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.services.identity import require_identity

    identity = require_identity(inst)
    conn = _raw_connection(inst)
    try:
        sql = "SELECT device_id, seq, sha256, received_at FROM bundles_received"
        params: tuple[str, ...] = ()
        if device_id:
            sql += " WHERE device_id = ?"
            params = (device_id,)
        rows = conn.execute(sql + " ORDER BY device_id, seq", params).fetchall()
    finally:
        conn.close()
    body = json.dumps(
        {
            "format": RECEIPT_FORMAT,
            "format_version": 1,
            "hq_device": inst.device_id,
            "hq_name": identity.name,
            "created_at": utcnow().isoformat(timespec="seconds"),
            "bundles": [
                {"device_id": d, "seq": int(s), "sha256": h, "received_at": str(r)[:19]}
                for d, s, h, r in rows
            ],
        },
        ensure_ascii=False,
        sort_keys=True,
    ).encode("utf-8")
    signature = private_key.sign(body, ec.ECDSA(hashes.SHA256()))
    envelope = {
        "format": RECEIPT_FORMAT,
        "receipt": base64.b64encode(body).decode("ascii"),
        "signature": base64.b64encode(signature).decode("ascii"),
        "certificate_pem": identity.certificate_pem.decode("ascii"),
    }
    from app.fileio import write_atomically

    write_atomically(Path(out), json.dumps(envelope, indent=1).encode("utf-8"))
    return ReceiptResult(Path(out), len(rows), len({r[0] for r in rows}))


def import_receipt(inst: Installation, path: Path) -> ReceiptSummary:
    """Check HQ's signature on a receipt and mark the bundles HQ acknowledges."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.services import hq_key
    from app.services.identity import certificate_fingerprint
    from app.services.trust import is_trusted

    path = Path(path)
    bad = UserError(f"{path.name} is not a Muster receipt, or it is damaged.")
    try:
        if path.stat().st_size > MAX_RECEIPT_BYTES:
            raise bad
        envelope = json.loads(path.read_text(encoding="utf-8"))
        body = base64.b64decode(envelope["receipt"], validate=True)
        signature = base64.b64decode(envelope["signature"], validate=True)
        cert_pem = str(envelope["certificate_pem"]).encode("ascii")
        cert = x509.load_pem_x509_certificate(cert_pem)
    except FileNotFoundError:
        raise UserError(f"There is no file {path}.") from None
    except (OSError, ValueError, KeyError, TypeError, UnicodeError):
        raise bad from None
    public = cert.public_key()
    try:
        if not isinstance(public, ec.EllipticCurvePublicKey):
            raise InvalidSignature
        public.verify(signature, body, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise UserError(f"{path.name}'s signature does not match: it was altered.") from None
    hq_cert = hq_key.hq_certificate(inst)
    known_hq = hq_cert is not None and certificate_fingerprint(hq_cert) == certificate_fingerprint(
        cert_pem
    )
    if not known_hq and not is_trusted(inst, cert_pem)[0]:
        raise UserError(
            f"{path.name} is signed by someone this installation does not know as HQ. "
            "Load HQ's key file first ('muster hq-key set FILE')."
        )
    try:
        receipt = json.loads(body)
        if receipt.get("format") != RECEIPT_FORMAT:
            raise ValueError
        entries = [
            (str(e["device_id"]), int(e["seq"]), str(e["sha256"])) for e in receipt["bundles"]
        ]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise bad from None
    mine = inst.device_id
    acked_shas = {sha for device, _seq, sha in entries if device == mine}
    with inst.db.transaction() as session:
        from sqlalchemy import select

        from app.db.models import BundleSent

        sent = session.scalars(select(BundleSent).order_by(BundleSent.seq)).all()
        acknowledged, missing = [], []
        for b in sent:
            if b.sha256 in acked_shas:
                acknowledged.append(b.seq)
                if b.receipt_at is None:
                    b.receipt_at = utcnow()
            else:
                missing.append(b.seq)
    return ReceiptSummary(
        str(receipt.get("hq_name", "")), str(receipt.get("created_at", "")),
        tuple(acknowledged), tuple(missing),
    )  # fmt: skip


@dataclass(frozen=True)
class SentBundle:
    seq: int
    created_at: datetime
    full: bool
    file_name: str
    receipt_at: datetime | None


def sent_bundles(inst: Installation) -> list[SentBundle]:
    from sqlalchemy import select

    from app.db.models import BundleSent

    with inst.db.reading() as session:
        rows = session.scalars(select(BundleSent).order_by(BundleSent.seq.desc())).all()
        return [SentBundle(r.seq, r.created_at, r.full, r.file_name, r.receipt_at) for r in rows]


__all__ = [
    "BundleError",
    "ImportOutcome",
    "ImportSummary",
    "TableCounts",
    "import_bundles",
]
