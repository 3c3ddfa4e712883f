"""Data bundles: what a field installation sends to HQ on a USB stick, and how HQ reads them.

A bundle is a ZIP archive, optionally encrypted to HQ with age (X25519 +
ChaCha20-Poly1305, authenticated), so a lost stick reveals no names. Inside:

- ``manifest.json``: format, schema revision, device, sequence number, time,
  full/incremental, version range, what the device had seen from others, and
  every member with its size and SHA-256;
- ``manifest.sig``: ECDSA P-256 / SHA-256 signature of ``manifest.json`` by the
  installation's key (the identity of issue 4), and ``certificate.pem``;
- ``data/<table>.json``: ``{"columns": [...], "rows": [[...], ...]}`` with the
  values exactly as SQLite stores them (ISO dates, 0/1 booleans, JSON text);
- ``documents/<id>.pdf``: signed summaries made since the last export.

Reading never trusts the file: size caps before opening, a whitelist of member
names, no duplicates, links, directories or encrypted entries, caps on entries,
bytes and compression ratio while streaming (never ``extractall``), every hash
against the signed manifest, the signature, trust, the schema revision, and strict
validation of every record, all before the database is touched.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sqlite3
import stat
import struct
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Table, Text
from sqlalchemy.types import JSON

from app.db.base import SEED_DEVICE, Base, sync_tables, utcnow
from app.db.models import (
    ATTENDANCE_STATUSES,
    PARTNER_KINDS,
    PARTNER_ROLES,
    SEXES,
    TRAINING_KINDS,
    TRAINING_STATUSES,
)
from app.errors import UserError
from app.fileio import write_atomically

if TYPE_CHECKING:
    from app.services.installation import Installation

BUNDLE_FORMAT = "muster-bundle"
FORMAT_VERSION = 1
SUFFIX = ".muster"
AGE_MAGIC = b"age-encryption.org/v1\n"
ZIP_MAGIC = b"PK\x03\x04"

# Caps against hostile files. A 100,000-participant bundle is about 40 MiB unpacked.
MAX_BUNDLE_BYTES = 1 << 30  # on disk
MAX_TOTAL_BYTES = 2 << 30  # unpacked
MAX_ENTRIES = 2000
MAX_RATIO = 100  # unpacked / packed, for members above RATIO_FLOOR
RATIO_FLOOR = 1 << 20
MAX_MANIFEST_BYTES = 4 << 20
MAX_TEXT = 100_000  # characters in one Text value

MEMBER_RE = re.compile(
    r"^(manifest\.json|manifest\.sig|certificate\.pem|enrolment\.pem|data/[a-z_]{1,40}\.json"
    r"|documents/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.pdf)$"
)
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")

# Allowed values of the columns that have a CHECK constraint.
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("partners", "kind"): PARTNER_KINDS,
    ("trainings", "kind"): TRAINING_KINDS,
    ("trainings", "status"): TRAINING_STATUSES,
    ("training_partners", "role"): PARTNER_ROLES,
    ("people", "sex"): SEXES,
    ("attendance", "status"): ATTENDANCE_STATUSES,
}
SYNC_COLUMNS = ("id", "created_at", "updated_at", "updated_by", "version")


class BundleError(UserError):
    """A bundle that cannot be imported; the message says why in one sentence."""


class UntrustedSignerError(BundleError):
    """A well-formed bundle signed by someone this installation does not trust (yet)."""

    def __init__(self, message: str, signer: SignerInfo) -> None:
        super().__init__(message)
        self.signer = signer


# --- data classes ----------------------------------------------------------------------


@dataclass(frozen=True)
class SignerInfo:
    name: str
    title: str
    mission: str
    role: str
    device_id: str
    fingerprint: str
    certificate_pem: bytes


@dataclass(frozen=True)
class DocumentEntry:
    id: str
    training_id: str | None
    kind: str
    file_name: str
    sha256: str
    created_at: str


@dataclass(frozen=True)
class Manifest:
    schema: str
    device_id: str
    device_name: str
    mission: str
    seq: int
    created_at: str
    full: bool
    since_version: int
    upto_version: int
    seen: dict[str, int]
    members: dict[str, tuple[int, str]]  # name -> (size, sha256)
    counts: dict[str, int]
    documents: tuple[DocumentEntry, ...]
    packed: dict[str, str] = field(default_factory=dict)  # name -> sha256 of compressed bytes


@dataclass
class TableData:
    columns: tuple[str, ...]
    rows: list[list[Any]]


@dataclass
class VerifiedBundle:
    """A bundle that passed every check, ready to merge; nothing was written yet."""

    path: Path
    manifest: Manifest
    manifest_sha256: str
    signer: SignerInfo
    encrypted: bool
    tables: dict[str, TableData]
    documents: dict[str, bytes] = field(default_factory=dict)
    enrolled_by: str = ""  # trusted through an HQ enrolment (the device is added on import)

    @property
    def record_count(self) -> int:
        return sum(len(t.rows) for t in self.tables.values())


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

    @property
    def records(self) -> int:
        return sum(self.counts.values())


Progress = Callable[[int, int, str], None]


def _no_progress(_done: int, _total: int, _what: str) -> None:
    return None


# --- schema description ------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnRule:
    name: str
    kind: str  # "str", "text", "int", "bool", "date", "datetime", "json"
    nullable: bool
    max_length: int | None
    references: str | None  # parent table name


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def column_rules(table_name: str) -> tuple[ColumnRule, ...]:
    """How each column of a synced table is validated, read from the model."""
    rules = []
    for col in _ordered_columns(table_name):
        t = col.type
        if isinstance(t, Boolean):
            kind = "bool"
        elif isinstance(t, DateTime):
            kind = "datetime"
        elif isinstance(t, Date):
            kind = "date"
        elif isinstance(t, Integer):
            kind = "int"
        elif isinstance(t, JSON):
            kind = "json"
        elif isinstance(t, Text):
            kind = "text"
        elif isinstance(t, String):
            kind = "str"
        else:  # pragma: no cover - a new column type needs a rule here
            raise TypeError(f"no bundle rule for {table_name}.{col.name}: {t!r}")
        fks = list(col.foreign_keys)
        rules.append(
            ColumnRule(
                name=col.name,
                kind=kind,
                nullable=bool(col.nullable) and not col.primary_key,
                max_length=getattr(t, "length", None),
                references=fks[0].column.table.name if fks else None,
            )
        )
    return tuple(rules)


def _ordered_columns(table_name: str) -> list[Any]:
    """The table's columns with ``id`` first: bundles and merges rely on ``row[0]`` being it."""
    columns = list(_table(table_name).columns)
    return sorted(columns, key=lambda c: c.name != "id")


def table_columns(table_name: str) -> tuple[str, ...]:
    return tuple(c.name for c in _ordered_columns(table_name))


# --- export ------------------------------------------------------------------------------


def _raw_connection(inst: Installation) -> sqlite3.Connection:
    """A separate DB-API connection from the engine (keyed, autocommit), with Muster's pragmas."""
    conn = inst.db.raw_connection()
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA cache_size=-65536")
    return conn


def _current_clock(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM settings WHERE key = 'hlc'").fetchone()
    return int(row[0]) if row and row[0] else 0


def seen_versions(conn: sqlite3.Connection, exclude: Iterable[str] = ()) -> dict[str, int]:
    """Highest version this database holds per author device: what it has seen of each."""
    seen: dict[str, int] = {}
    skip = set(exclude) | {SEED_DEVICE}
    for table in sync_tables():
        for device, version in conn.execute(
            f"SELECT updated_by, max(version) FROM {table} GROUP BY updated_by"
        ):
            if device not in skip and version is not None:
                seen[device] = max(seen.get(device, 0), int(version))
    return seen


def _fk_closure(conn: sqlite3.Connection, picked: dict[str, dict[str, tuple]]) -> None:
    """Add the parent rows that picked rows refer to, so every bundle stands on its own.

    A bundle may arrive before an older one it depends on; carrying the (unchanged)
    parents keeps foreign keys resolvable whatever the order, and re-applying an
    unchanged row is a no-op under last-writer-wins.
    """
    tables = sync_tables()
    for table in reversed(tables):
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
                parent_cols = ", ".join(table_columns(parent))
                bucket = picked.setdefault(parent, {})
                id_list = sorted(ids)
                for start in range(0, len(id_list), 500):
                    chunk = id_list[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    for row in conn.execute(
                        f"SELECT {parent_cols} FROM {parent} WHERE id IN ({marks})", chunk
                    ):
                        bucket[row[0]] = row
                if parent == table:
                    pending = True


def _sign(private_key: Any, data: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    return private_key.sign(data, ec.ECDSA(hashes.SHA256()))  # type: ignore[no-any-return]


def export_bundle(
    inst: Installation,
    out: Path,
    private_key: Any,
    *,
    full: bool = False,
    recipient: str | None = None,
) -> ExportResult:
    """Write a signed (and, with an HQ ``recipient``, encrypted) bundle of recent changes.

    ``recipient`` defaults to the HQ key set with ``muster hq-key set``. Everything
    changed locally since the previous export travels (or everything with ``full``),
    deleted records included, plus the parents they refer to.
    """
    from app.db.migrate import head_revision
    from app.services import hq_key
    from app.services.identity import require_identity

    identity = require_identity(inst)
    profile = inst.profile()
    device = inst.device_id
    if identity.device_id and identity.device_id != device:
        raise UserError(
            "The signing identity belongs to another installation (its device id differs). "
            "Create a new identity for this one."
        )
    if recipient is None:
        recipient = hq_key.field_recipient(inst)
    out = Path(out)
    if out.suffix.lower() != SUFFIX:
        out = out.with_name(out.name + SUFFIX)

    conn = _raw_connection(inst)
    try:
        conn.execute("BEGIN")  # one consistent snapshot of every table
        last = conn.execute(
            "SELECT seq, upto_version FROM bundles_sent ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        seq = (last[0] if last else 0) + 1
        since = 0 if (full or last is None) else int(last[1])
        upto = _current_clock(conn)
        picked: dict[str, dict[str, tuple]] = {}
        for table in sync_tables():
            cols = ", ".join(table_columns(table))
            where = "" if full else " WHERE version > ?"
            params = () if full else (since,)
            picked[table] = {
                row[0]: row for row in conn.execute(f"SELECT {cols} FROM {table}{where}", params)
            }
        if not full:
            _fk_closure(conn, picked)
        seen = seen_versions(conn, exclude=[device])
        docs = conn.execute(
            "SELECT id, training_id, kind, file_name, sha256, created_at FROM documents "
            "WHERE exported_seq IS NULL AND source_device IN ('', ?) ORDER BY created_at",
            (device,),
        ).fetchall()
        conn.execute("ROLLBACK")
    finally:
        conn.close()

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
        from app.services.documents import read_document

        try:
            content = read_document(inst, file_name)
        except OSError:
            continue  # a document whose file is gone cannot travel; it stays pending
        doc_entries.append(
            {
                "id": doc_id,
                "training_id": training_id,
                "kind": kind,
                "file_name": Path(file_name).name,
                "sha256": hashlib.sha256(content).hexdigest(),
                "created_at": str(created_at),
            }
        )
        members[f"documents/{doc_id}.pdf"] = content
    members["certificate.pem"] = identity.certificate_pem
    from app.services.enrolment import load_enrolment

    enrolment = load_enrolment(inst)
    if enrolment is not None:  # lets every HQ that trusts the enrolling HQ accept us
        members["enrolment.pem"] = enrolment
    manifest = {
        "format": BUNDLE_FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": head_revision(),
        "device_id": device,
        "device_name": profile.name or identity.name,
        "mission": profile.mission,
        "role": profile.role,
        "seq": seq,
        "created_at": utcnow().isoformat(timespec="seconds"),
        "full": full,
        "since_version": since,
        "upto_version": upto,
        "seen": seen,
        "counts": counts,
        "documents": doc_entries,
    }
    data, manifest_bytes = pack_bundle(manifest, members, lambda raw: _sign(private_key, raw))
    encrypted = False
    if recipient:
        import pyrage

        data = pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(recipient)])
        encrypted = True
    write_atomically(out, data)
    sha = hashlib.sha256(data).hexdigest()
    with inst.db.transaction() as session:
        from app.db.models import BundleSent, Document

        session.add(
            BundleSent(
                seq=seq, created_at=utcnow(), full=full, upto_version=upto,
                file_name=out.name, sha256=hashlib.sha256(manifest_bytes).hexdigest(),
            )
        )  # fmt: skip
        for entry in doc_entries:
            doc = session.get(Document, entry["id"])
            if doc is not None:
                doc.exported_seq = seq
    return ExportResult(
        path=out, seq=seq, full=full, encrypted=encrypted, counts=counts,
        documents=len(doc_entries), size=len(data), sha256=sha,
    )  # fmt: skip


# --- reading ----------------------------------------------------------------------------


AgeIdentities = Callable[[], list[Any]]


_LOCAL_HEADER_SIZE = 30
SIGNED_STORED = ("manifest.json", "manifest.sig")


def _packed_bytes(archive: bytes, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes exactly as stored in the archive (compressed), header excluded."""
    start = info.header_offset
    name_len, extra_len = struct.unpack_from("<HH", archive, start + 26)
    begin = start + _LOCAL_HEADER_SIZE + name_len + extra_len
    return archive[begin : begin + info.compress_size]


def pack_bundle(
    manifest: dict[str, Any], members: dict[str, bytes], sign: Callable[[bytes], bytes]
) -> tuple[bytes, bytes]:
    """The bundle's ZIP (and its manifest), in which every byte is covered by the signature.

    Data members are deflated and the manifest records the SHA-256 of both their
    content and their compressed bytes; the manifest and its signature are stored
    uncompressed. So a flipped bit anywhere (even in deflate padding that would not
    change the content) is caught, on top of the header checks.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, content in sorted(members.items()):
            zf.writestr(name, content)
    archive = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        packed = {
            info.filename: hashlib.sha256(_packed_bytes(archive, info)).hexdigest()
            for info in zf.infolist()
        }
    manifest = {
        **manifest,
        "members": [
            {
                "name": name,
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                "packed_sha256": packed[name],
            }
            for name, content in sorted(members.items())
        ],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("manifest.json", manifest_bytes)
        zf.writestr("manifest.sig", sign(manifest_bytes))
    return buffer.getvalue(), manifest_bytes


def _fail(message: str) -> BundleError:
    return BundleError(message)


def _read_outer(path: Path, age_identities: AgeIdentities | None) -> tuple[bytes, bool]:
    """The ZIP bytes of a bundle file, decrypted when it is encrypted to HQ."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _fail(f"There is no file {path}.") from None
    except OSError as exc:
        raise _fail(f"Cannot read {path.name}: {exc.strerror}.") from None
    if not path.is_file():
        raise _fail(f"{path.name} is not a file.")
    if size == 0:
        raise _fail(f"{path.name} is empty: it is not a Muster bundle.")
    if size > MAX_BUNDLE_BYTES:
        raise _fail(
            f"{path.name} is {size / 2**20:,.0f} MiB, more than a bundle can be "
            f"({MAX_BUNDLE_BYTES >> 20} MiB); it is not a Muster bundle."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(f"Cannot read {path.name}: {exc.strerror}.") from None
    if data.startswith(AGE_MAGIC):
        identities = age_identities() if age_identities is not None else []
        if not identities:
            raise _fail(
                f"{path.name} is encrypted for HQ; only an installation holding the HQ key "
                "can open it."
            )
        import pyrage

        try:
            return pyrage.decrypt(data, identities), True
        except Exception:  # pyrage.DecryptError and friends
            raise _fail(
                f"{path.name} could not be decrypted: it is damaged, or it was encrypted "
                "for another HQ key."
            ) from None
    if data.startswith(ZIP_MAGIC):
        return data, False
    raise _fail(f"{path.name} is not a Muster bundle.")


def _open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise _fail(f"{name} is damaged: it is not a complete archive.") from None


def _checked_entries(zf: zipfile.ZipFile, data: bytes, name: str) -> list[zipfile.ZipInfo]:
    """Every entry and the archive's layout checked; odd numbers never escape as bugs."""
    try:
        infos = _check_entries(zf, name)
        check_layout(data, infos, name)
    except (ValueError, struct.error, OSError, EOFError, NotImplementedError, OverflowError):
        raise _fail(f"{name} is damaged: its archive structure does not add up.") from None
    return infos


def _check_entries(zf: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _fail(f"{name} holds {len(infos):,} files, far more than a bundle can; refused.")
    seen: set[str] = set()
    declared = 0
    for info in infos:
        member = info.filename
        if member in seen:
            raise _fail(f"{name} contains '{member}' twice; a bundle never does. Refused.")
        seen.add(member)
        if (
            member.startswith(("/", "\\"))
            or ".." in member.split("/")
            or "\\" in member
            or re.match(r"^[A-Za-z]:", member)
        ):
            raise _fail(f"{name} contains an unsafe path '{member}'; refused.")
        mode = info.external_attr >> 16
        if info.is_dir() or stat.S_ISDIR(mode):
            raise _fail(f"{name} contains a folder entry '{member}'; a bundle never does.")
        if stat.S_ISLNK(mode):
            raise _fail(f"{name} contains a link '{member}'; refused.")
        if not MEMBER_RE.match(member):
            raise _fail(f"{name} contains an unexpected file '{member}'; refused.")
        if info.flag_bits & 0x1:
            raise _fail(f"{name} contains a password-protected file '{member}'; refused.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _fail(f"{name} uses an unknown compression for '{member}'; refused.")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _fail(f"{name} looks like a zip bomb ('{member}' expands too much); refused.")
        declared += info.file_size
        if declared > MAX_TOTAL_BYTES:
            raise _fail(f"{name} would unpack to more than a bundle can hold; refused.")
    for info in infos:
        _check_local_header(zf, info, name)
    if zf.comment:
        raise _fail(f"{name} is damaged: its archive directory was altered.")
    for required in ("manifest.json", "manifest.sig", "certificate.pem"):
        if required not in seen:
            raise _fail(f"{name} has no {required}: it is not a complete Muster bundle.")
    return infos


_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_PLAIN_MODES = (0, 0o600 << 16, 0o644 << 16)


def _check_local_header(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Each entry's local header must repeat the central directory exactly.

    Content is covered by the hashes and the signature; this catches damage to the
    archive's own bookkeeping (times, flags, sizes) that zipfile would not notice.
    """
    damaged = _fail(f"{name} is damaged: its archive structure does not add up.")
    if (
        info.extra
        or info.comment
        or info.internal_attr
        or info.volume
        or info.external_attr not in _PLAIN_MODES
        or info.create_system not in (0, 3)
        or info.create_version != info.extract_version
    ):
        raise damaged
    fp = zf.fp
    if fp is None:  # pragma: no cover - the archive is open
        raise damaged
    fp.seek(info.header_offset)
    raw = fp.read(_LOCAL_HEADER.size)
    if len(raw) != _LOCAL_HEADER.size:
        raise damaged
    sig, version, flags, method, mtime, mdate, crc, csize, usize, nlen, xlen = _LOCAL_HEADER.unpack(
        raw
    )
    y, mo, d, h, mi, sec = info.date_time
    dos_time = (h << 11) | (mi << 5) | (sec // 2)
    dos_date = ((y - 1980) << 9) | (mo << 5) | d
    if (
        sig != ZIP_MAGIC
        or version != info.extract_version
        or flags != info.flag_bits
        or method != info.compress_type
        or (mtime, mdate) != (dos_time, dos_date)
        or (crc, csize, usize) != (info.CRC, info.compress_size, info.file_size)
        or nlen != len(info.orig_filename.encode("utf-8" if flags & 0x800 else "cp437"))
        or xlen != 0
    ):
        raise damaged


_CENTRAL_HEADER = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END_RECORD = struct.Struct("<4sHHHHIIH")


def check_layout(data: bytes, infos: list[zipfile.ZipInfo], name: str) -> None:
    """The archive must be laid out exactly as Muster writes it, byte for byte.

    Members sit back to back from offset 0, then the central directory, then the end
    record and nothing after it; every central entry repeats its local header and
    every field zipfile ignores (reserved bytes, disk numbers, entry counts) holds
    its plain value. With the hashes of the signed manifest this leaves no byte of
    a bundle that can change unnoticed.
    """
    damaged = _fail(f"{name} is damaged: its archive structure does not add up.")
    position = 0
    for info in infos:
        if info.header_offset != position:
            raise damaged
        name_len, extra_len = struct.unpack_from("<HH", data, position + 26)
        position += _LOCAL_HEADER_SIZE + name_len + extra_len + info.compress_size
        if info.flag_bits & 0x08:  # data descriptors are never written by Muster
            raise damaged
    central_start = position
    for info in infos:
        if position + _CENTRAL_HEADER.size > len(data):
            raise damaged
        (sig, made_by, needed, flags, method, mtime, mdate, crc, csize, usize, nlen, xlen,
         clen, disk, internal, external, offset) = _CENTRAL_HEADER.unpack_from(data, position)  # fmt: skip
        local = data[info.header_offset + 4 : info.header_offset + 26]
        expected_local = struct.pack("<HHHHHIII", needed, flags, method, mtime, mdate, crc,
                                     csize, usize)  # fmt: skip
        raw_name = data[position + _CENTRAL_HEADER.size : position + _CENTRAL_HEADER.size + nlen]
        local_name = data[info.header_offset + 30 : info.header_offset + 30 + nlen]
        if (
            sig != b"PK\x01\x02"
            or made_by >> 8 not in (0, 3)
            or (made_by & 0xFF) != needed
            or local != expected_local
            or (xlen, clen, disk, internal) != (0, 0, 0, 0)
            or external not in _PLAIN_MODES
            or offset != info.header_offset
            or raw_name != local_name
            or struct.unpack_from("<H", data, info.header_offset + 26)[0] != nlen
        ):
            raise damaged
        position += _CENTRAL_HEADER.size + nlen
    if position + _END_RECORD.size != len(data):
        raise damaged
    sig, disk, cd_disk, here, total, cd_size, cd_offset, comment_len = _END_RECORD.unpack_from(
        data, position
    )
    count = len(infos)
    if (sig, disk, cd_disk, here, total, cd_offset, comment_len) != (
        b"PK\x05\x06",
        0,
        0,
        count,
        count,
        central_start,
        0,
    ) or cd_size != position - central_start:
        raise damaged


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: list[int]) -> bytes:
    """Stream one member with caps on bytes and ratio, whatever its header claims."""
    limit = info.file_size
    chunks: list[bytes] = []
    total = 0
    try:
        with zf.open(info) as handle:
            while True:
                chunk = handle.read(1 << 20)
                if not chunk:
                    break
                total += len(chunk)
                budget[0] -= len(chunk)
                if total > limit or budget[0] < 0:
                    raise _fail(f"{name}: '{info.filename}' is bigger than it says; refused.")
                if total > RATIO_FLOOR and total > MAX_RATIO * max(info.compress_size, 1):
                    raise _fail(f"{name} looks like a zip bomb; refused.")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib_error(), EOFError, ValueError, OSError, NotImplementedError):
        raise _fail(
            f"{name} is damaged: '{info.filename}' inside it cannot be read (a bad copy?)."
        ) from None
    return b"".join(chunks)


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def _parse_manifest(raw: bytes, name: str) -> Manifest:
    bad = _fail(f"{name} has an invalid manifest; it is not a Muster bundle or it is damaged.")
    if len(raw) > MAX_MANIFEST_BYTES:
        raise bad
    try:
        m = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise bad from None
    if not isinstance(m, dict) or m.get("format") != BUNDLE_FORMAT:
        raise bad
    if m.get("format_version") != FORMAT_VERSION:
        raise _fail(
            f"{name} uses bundle format {m.get('format_version')!r}; this Muster reads format "
            f"{FORMAT_VERSION}. Install the Muster version that made it."
        )
    try:
        members: dict[str, tuple[int, str]] = {}
        packed: dict[str, str] = {}
        for entry in m["members"]:
            mname, size, sha = entry["name"], entry["size"], entry["sha256"]
            packed_sha = entry["packed_sha256"]
            if not (isinstance(mname, str) and MEMBER_RE.match(mname)):
                raise bad
            if mname in SIGNED_STORED:
                raise bad
            if not (isinstance(size, int) and size >= 0 and isinstance(sha, str)):
                raise bad
            if not (isinstance(packed_sha, str) and SHA_RE.match(packed_sha)):
                raise bad
            if not SHA_RE.match(sha) or mname in members:
                raise bad
            members[mname] = (size, sha)
            packed[mname] = packed_sha
        docs = []
        for d in m["documents"]:
            if not (UUID_RE.match(str(d["id"])) and SHA_RE.match(str(d["sha256"]))):
                raise bad
            tid = d.get("training_id")
            if tid is not None and not UUID_RE.match(str(tid)):
                raise bad
            docs.append(
                DocumentEntry(
                    id=d["id"], training_id=tid, kind=str(d["kind"])[:20],
                    file_name=Path(str(d["file_name"])).name[:300], sha256=d["sha256"],
                    created_at=str(d["created_at"])[:32],
                )
            )  # fmt: skip
        seen = {str(k): int(v) for k, v in dict(m["seen"]).items()}
        counts = {str(k): int(v) for k, v in dict(m["counts"]).items()}
        manifest = Manifest(
            schema=str(m["schema"]),
            device_id=str(m["device_id"]),
            device_name=str(m.get("device_name", ""))[:300],
            mission=str(m.get("mission", ""))[:32],
            seq=int(m["seq"]),
            created_at=str(m["created_at"])[:32],
            full=bool(m["full"]),
            since_version=int(m["since_version"]),
            upto_version=int(m["upto_version"]),
            seen=seen,
            members=members,
            counts=counts,
            documents=tuple(docs),
            packed=packed,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise bad from None
    if not UUID_RE.match(manifest.device_id) or manifest.seq < 1:
        raise bad
    return manifest


def _verify_signature(cert_pem: bytes, signature: bytes, manifest_raw: bytes, name: str) -> None:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        cert = x509.load_pem_x509_certificate(cert_pem)
        public = cert.public_key()
        if not isinstance(public, ec.EllipticCurvePublicKey):
            raise _fail(f"{name} is signed with an unsupported kind of key; refused.")
        public.verify(signature, manifest_raw, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise _fail(
            f"{name}'s signature does not match its content: it was changed after signing."
        ) from None
    except ValueError:
        raise _fail(f"{name} carries a damaged certificate; refused.") from None


def _check_trust(
    inst: Installation,
    cert_pem: bytes,
    manifest: Manifest,
    name: str,
    enrolment_pem: bytes | None = None,
) -> tuple[SignerInfo, str]:
    """The signer, and the HQ that enrolled it when that is why it is trusted here."""
    from app.services.identity import describe_certificate, format_fingerprint

    cert = describe_certificate(cert_pem)
    signer = SignerInfo(
        name=cert.name, title=cert.title, mission=cert.mission, role=cert.role,
        device_id=cert.device_id, fingerprint=cert.fingerprint,
        certificate_pem=cert.certificate_pem,
    )  # fmt: skip
    if cert.device_id != manifest.device_id:
        raise _fail(
            f"{name} says it comes from device {manifest.device_id[:8]} but is signed by the "
            f"certificate of device {cert.device_id[:8] or '?'}; refused."
        )
    trusted, _reason = is_trusted_for_sync(inst, cert.certificate_pem)
    if not trusted and enrolment_pem is not None:
        from app.services.enrolment import check_enrolment

        check = check_enrolment(inst, cert.certificate_pem, enrolment_pem)
        if check.trusted:
            return signer, check.hq_name
    if not trusted:
        where = f", {cert.mission}" if cert.mission else ""
        raise UntrustedSignerError(
            f"{name} is signed by {cert.name or 'an unknown person'}{where}, who is not in "
            f"your trusted list (fingerprint {format_fingerprint(cert.fingerprint)}). "
            "If you recognise them, check the fingerprint with them, trust them "
            f"('muster trust add {name}') and import again.",
            signer,
        )
    return signer, ""


def is_trusted_for_sync(inst: Installation, certificate_pem: bytes) -> tuple[bool, str]:
    """Trust for bundles: issue 4's trust list (own certificate + added by hand)."""
    from app.services.trust import is_trusted

    return is_trusted(inst, certificate_pem)


def _check_schema(manifest: Manifest, name: str) -> None:
    from alembic.script import ScriptDirectory

    from app.db.migrate import alembic_config, head_revision

    if manifest.schema == head_revision():
        return
    known = {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if manifest.schema not in known:
        raise _fail(
            f"{name} was made by a newer version of Muster (database schema "
            f"{manifest.schema[:20]}). Install the newer version to import it."
        )
    # An older known schema: its tables must still match column for column (checked below).


def read_bundle(
    inst: Installation,
    path: Path,
    age_identities: AgeIdentities | None = None,
    *,
    check_trust: bool = True,
    progress: Progress = _no_progress,
) -> VerifiedBundle:
    """Open and check a bundle completely; raise BundleError with one sentence if anything is wrong."""
    path = Path(path)
    name = path.name
    progress(0, 4, "reading")
    data, encrypted = _read_outer(path, age_identities)
    progress(1, 4, "checking")
    zf = _open_zip(data, name)
    with zf:
        infos = _checked_entries(zf, data, name)
        budget = [MAX_TOTAL_BYTES]
        raw: dict[str, bytes] = {
            info.filename: _read_member(zf, info, name, budget) for info in infos
        }
    manifest_raw = raw.pop("manifest.json")
    signature = raw.pop("manifest.sig")
    manifest = _parse_manifest(manifest_raw, name)
    if set(raw) != set(manifest.members):
        raise _fail(f"{name}'s files do not match its signed manifest: it was altered.")
    altered = _fail(
        f"{name}: a file inside it does not match the signed manifest; the bundle was altered "
        "or damaged."
    )
    for info in infos:
        if info.filename in SIGNED_STORED:
            if info.compress_type != zipfile.ZIP_STORED:
                raise altered
        elif hashlib.sha256(_packed_bytes(data, info)).hexdigest() != manifest.packed.get(
            info.filename
        ):
            raise altered
    del data
    for member, content in raw.items():
        size, sha = manifest.members[member]
        if len(content) != size or hashlib.sha256(content).hexdigest() != sha:
            raise altered
    cert_pem = raw.pop("certificate.pem")
    enrolment_pem = raw.pop("enrolment.pem", None)
    _verify_signature(cert_pem, signature, manifest_raw, name)
    enrolled_by = ""
    if check_trust:
        signer, enrolled_by = _check_trust(inst, cert_pem, manifest, name, enrolment_pem)
    else:
        from app.services.identity import describe_certificate

        c = describe_certificate(cert_pem)
        signer = SignerInfo(c.name, c.title, c.mission, c.role, c.device_id, c.fingerprint,
                            c.certificate_pem)  # fmt: skip
    _check_schema(manifest, name)
    progress(2, 4, "validating")
    tables: dict[str, TableData] = {}
    for member in list(raw):
        if member.startswith("data/"):
            table = member[5:-5]
            if table not in sync_tables():
                raise _fail(f"{name} contains data for an unknown table '{table}'; refused.")
            tables[table] = _parse_table(table, raw.pop(member), name)
    for table, count in manifest.counts.items():
        if table not in tables or len(tables[table].rows) != count:
            raise _fail(f"{name}'s record counts do not match its manifest; refused.")
    documents: dict[str, bytes] = {}
    doc_ids = {d.id: d for d in manifest.documents}
    for member in list(raw):
        if member.startswith("documents/"):
            doc_id = member[len("documents/") : -4]
            if doc_id not in doc_ids:
                raise _fail(f"{name} carries a document its manifest does not describe; refused.")
            content = raw.pop(member)
            if hashlib.sha256(content).hexdigest() != doc_ids[doc_id].sha256:
                raise _fail(f"{name}: a document does not match its manifest; refused.")
            documents[doc_id] = content
    if set(documents) != set(doc_ids):
        raise _fail(f"{name}'s manifest lists documents that are not in it; refused.")
    validate_records(inst, tables, name)
    progress(3, 4, "verified")
    return VerifiedBundle(
        path=path, manifest=manifest, manifest_sha256=hashlib.sha256(manifest_raw).hexdigest(),
        signer=signer, encrypted=encrypted, tables=tables, documents=documents,
        enrolled_by=enrolled_by,
    )  # fmt: skip


def read_certificate(path: Path, age_identities: AgeIdentities | None = None) -> bytes:
    """The signer's certificate from a bundle (after the integrity checks, before trust)."""
    path = Path(path)
    data, _ = _read_outer(path, age_identities)
    zf = _open_zip(data, path.name)
    with zf:
        infos = {i.filename: i for i in _checked_entries(zf, data, path.name)}
        budget = [MAX_TOTAL_BYTES]
        wanted = ("manifest.json", "manifest.sig", "certificate.pem")
        raw = {n: _read_member(zf, infos[n], path.name, budget) for n in wanted}
    manifest = _parse_manifest(raw["manifest.json"], path.name)
    size_sha = manifest.members.get("certificate.pem")
    if size_sha is None or hashlib.sha256(raw["certificate.pem"]).hexdigest() != size_sha[1]:
        raise _fail(f"{path.name}'s certificate does not match its manifest; refused.")
    _verify_signature(raw["certificate.pem"], raw["manifest.sig"], raw["manifest.json"], path.name)
    return raw["certificate.pem"]


def _parse_table(table: str, content: bytes, name: str) -> TableData:
    try:
        payload = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _fail(f"{name}: the {table} data is not valid; refused.") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("rows"), list):
        raise _fail(f"{name}: the {table} data is not valid; refused.")
    columns = tuple(payload.get("columns") or ())
    if columns != table_columns(table):
        raise _fail(
            f"{name}: the {table} data has other columns than this Muster; it was made by "
            "another version of Muster."
        )
    return TableData(columns=columns, rows=payload["rows"])


# --- strict validation ----------------------------------------------------------------------


def _check_value(rule: ColumnRule, value: Any) -> Any:
    """The value to store, or raise ValueError with a short reason."""
    if value is None:
        if rule.nullable:
            return None
        raise ValueError(f"{rule.name} is missing")
    kind = rule.kind
    if kind in ("str", "text"):
        if type(value) is not str:
            raise ValueError(f"{rule.name} is not text")
        limit = rule.max_length or MAX_TEXT
        if len(value) > limit:
            raise ValueError(f"{rule.name} is longer than {limit} characters")
        return value
    if kind == "int":
        if type(value) is not int:
            raise ValueError(f"{rule.name} is not a whole number")
        if not -(1 << 63) <= value < (1 << 63):
            raise ValueError(f"{rule.name} is out of range")
        return value
    if kind == "bool":
        if value is True or value is False:
            return int(value)
        if type(value) is int and value in (0, 1):
            return value
        raise ValueError(f"{rule.name} is not yes/no")
    if kind == "date":
        if type(value) is not str or not DATE_RE.match(value):
            raise ValueError(f"{rule.name} is not a date")
        date.fromisoformat(value)
        return value
    if kind == "datetime":
        if type(value) is not str or not DATETIME_RE.match(value):
            raise ValueError(f"{rule.name} is not a date and time")
        return value
    if kind == "json":
        if type(value) is not str or len(value) > MAX_TEXT:
            raise ValueError(f"{rule.name} is not valid")
        parsed = json.loads(value)
        if not (isinstance(parsed, list) and all(isinstance(x, str) for x in parsed)):
            raise ValueError(f"{rule.name} is not a list of names")
        return value
    raise ValueError(f"{rule.name} has an unknown type")  # pragma: no cover


def _column_ok(rule: ColumnRule, values: tuple[Any, ...], allowed: tuple[str, ...] | None) -> bool:
    """Whole-column checks with C-level loops; False sends the table to the row-by-row check."""
    if rule.nullable:
        values = tuple(v for v in values if v is not None)
        if not values:
            return True
    types = set(map(type, values))
    kind = rule.kind
    if kind in ("str", "text"):
        limit = rule.max_length or MAX_TEXT
        if types != {str} or max(map(len, values)) > limit:
            return False
    elif kind == "int":
        if types != {int} or min(values) < -(1 << 63) or max(values) >= (1 << 63):
            return False
    elif kind == "bool":
        if not types <= {int, bool} or not set(values) <= {0, 1}:
            return False
    elif kind == "date":
        if types != {str} or not all(map(DATE_RE.match, values)):
            return False
        try:
            all(map(date.fromisoformat, values))
        except ValueError:
            return False
    elif kind == "datetime":
        if types != {str} or not all(map(DATETIME_RE.match, values)):
            return False
    else:  # json and anything rare: the row-by-row check decides
        return False
    return allowed is None or set(values) <= set(allowed)


def _table_ok(table: str, data: TableData) -> bool:
    """The fast path of ``validate_records``: column by column instead of value by value."""
    rows = data.rows
    rules = column_rules(table)
    if not rows:
        return True
    if set(map(type, rows)) != {list} or set(map(len, rows)) != {len(rules)}:
        return False
    columns = list(zip(*rows, strict=True))
    ids = columns[0]
    if set(map(type, ids)) != {str} or not all(map(UUID_RE.match, ids)):
        return False
    if len(set(ids)) != len(ids) or not all(columns[data.columns.index("updated_by")]):
        return False
    for i, rule in enumerate(rules[1:], start=1):
        if not _column_ok(rule, columns[i], ENUMS.get((table, rule.name))):
            return False
    if table == "trainings":
        starts = columns[data.columns.index("start_date")]
        ends = columns[data.columns.index("end_date")]
        if any(map(str.__lt__, ends, starts)):
            return False
    return True


def validate_records(inst: Installation, tables: dict[str, TableData], name: str) -> None:
    """Check every record's types, enums, ids and references; normalise booleans in place."""
    known_ids: dict[str, set[str]] = {}
    for table in sync_tables():
        data = tables.get(table)
        if data is None:
            continue
        if _table_ok(table, data):
            known_ids[table] = {row[0] for row in data.rows}
            continue
        rules = column_rules(table)
        width = len(rules)
        enums = [
            (i, ENUMS[(table, r.name)]) for i, r in enumerate(rules) if (table, r.name) in ENUMS
        ]
        simple = [
            (i, r) for i, r in enumerate(rules) if r.kind not in ("str",) or r.max_length is None
        ]
        strs = [(i, r.max_length) for i, r in enumerate(rules) if r.kind == "str" and r.max_length]
        ids: set[str] = set()
        by_pos = data.columns.index("updated_by")
        for row in data.rows:
            try:
                if type(row) is not list or len(row) != width:
                    raise ValueError("it has the wrong number of fields")
                rid = row[0]
                if type(rid) is not str or not UUID_RE.match(rid):
                    raise ValueError("its id is not a valid id")
                if rid in ids:
                    raise ValueError("it appears twice")
                ids.add(rid)
                for i, limit in strs:
                    v = row[i]
                    if type(v) is not str:
                        if v is None and rules[i].nullable:
                            continue
                        raise ValueError(f"{rules[i].name} is not text")
                    if len(v) > limit:
                        raise ValueError(f"{rules[i].name} is longer than {limit} characters")
                for i, rule in simple:
                    row[i] = _check_value(rule, row[i])
                for i, allowed in enums:
                    if row[i] not in allowed:
                        raise ValueError(
                            f"{rules[i].name} '{row[i]}' is not one of {', '.join(allowed)}"
                        )
                if not row[by_pos]:
                    raise ValueError("it does not say which device changed it")
                if table == "trainings":
                    start = row[data.columns.index("start_date")]
                    end = row[data.columns.index("end_date")]
                    if end < start:
                        raise ValueError("it ends before it starts")
            except ValueError as exc:
                shown = row[0] if isinstance(row, list) and row and isinstance(row[0], str) else "?"
                raise _fail(
                    f"{name}: a {table} record ({str(shown)[:36]}) is not valid: {exc}; refused."
                ) from None
        known_ids[table] = ids
    _check_references(inst, tables, known_ids, name)


def _check_references(
    inst: Installation, tables: dict[str, TableData], known: dict[str, set[str]], name: str
) -> None:
    """Every foreign key must point at a record in the bundle or already in the database."""
    missing: dict[str, set[str]] = {}
    for table, data in tables.items():
        for i, rule in enumerate(column_rules(table)):
            if rule.references is None:
                continue
            inside = known.get(rule.references, set())
            outside = {row[i] for row in data.rows} - inside - {None}
            for ref in outside:
                if type(ref) is not str or not UUID_RE.match(ref):
                    raise _fail(f"{name}: a {table} record refers to an invalid id; refused.")
                missing.setdefault(rule.references, set()).add(ref)
    if not missing:
        return
    conn = _raw_connection(inst)
    try:
        for parent, ids in missing.items():
            id_list = sorted(ids)
            found: set[str] = set()
            for start in range(0, len(id_list), 500):
                chunk = id_list[start : start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(
                    r[0]
                    for r in conn.execute(f"SELECT id FROM {parent} WHERE id IN ({marks})", chunk)
                )
            if found != ids:
                raise _fail(
                    f"{name} refers to {parent.replace('_', ' ')} that neither it nor this "
                    "database holds; refused."
                )
    finally:
        conn.close()
