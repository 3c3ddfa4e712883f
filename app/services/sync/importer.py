"""Importing bundles (with a dry-run preview), the import log, devices and missing bundles.

Every bundle of a batch is read and checked whole first (``read``); then one write
transaction is opened, in which each is checked against the signer's rights
(``rights``), merged (``merge``), logged, its revocations kept and the clock advanced;
one refusal anywhere rolls everything back. A preview is the same run ending in
ROLLBACK, so its figures (and its refusals) are exactly what the import would do (the
DHIS2 "dry run" approach).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from app.db.base import utcnow
from app.db.raw import (
    advance_clock,
    begin_write,
    get_setting,
    is_postgres,
    put_setting,
    raw_connection,
    roomy_cache,
)
from app.errors import UserError, user_error_from_sqlite
from app.l10n import Phrase
from app.services import figures
from app.services.installation import Installation
from app.services.sync.display import shown
from app.services.sync.merge import local_states, make_knowledge, merge_tables
from app.services.sync.read import (
    AgeIdentities,
    Progress,
    VerifiedBundle,
    _no_progress,
    read_bundle,
)
from app.services.sync.rights import check_references, check_rights
from app.services.sync.schema import fail

SETTING_REQUIRE_ENCRYPTION = "sync.require_encryption"
SHOWN_MISSING = 10


def _now_text() -> str:
    return utcnow().isoformat(sep=" ", timespec="microseconds")


@dataclass(frozen=True)
class Missing:
    """Sequence numbers of a device that never arrived: the first few, and how many in all."""

    first: tuple[int, ...] = ()
    count: int = 0

    def __bool__(self) -> bool:
        return self.count > 0

    def __iter__(self) -> Iterator[int]:
        return iter(self.first)

    def __len__(self) -> int:
        return self.count

    def text(self) -> str:
        shown_numbers = ", ".join(str(s) for s in self.first)
        more = self.count - len(self.first)
        if more > 0:
            return Phrase("{numbers} and {more:,} more", numbers=shown_numbers, more=more)
        return shown_numbers

    def sentence(self, who: str) -> str:
        if self.count == 1:
            return Phrase("Bundle {numbers} of {who} is missing.", numbers=self.text(), who=who)
        return Phrase("Bundles {numbers} of {who} are missing.", numbers=self.text(), who=who)


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
    missing: Missing = Missing()  # this device's bundles still missing after this one
    rights: str = ""  # "field device of MONUSCO" / "HQ"

    def total(self, key: str) -> int:
        return sum(c.get(key, 0) for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return not self.already_received and any(
            self.total(k) for k in ("new", "updated", "deleted")
        )

    def sentence(self) -> str:
        device = shown(self.device_name or self.device_id[:8])
        who = (
            Phrase("bundle {seq} from {device} ({mission})", seq=self.seq, device=device,
                   mission=shown(self.mission))
            if self.mission
            else Phrase("bundle {seq} from {device}", seq=self.seq, device=device)
        )  # fmt: skip
        name = shown(self.file_name)
        if self.already_received:
            return Phrase(
                "{name}: {who} was already imported; nothing changed.", name=name, who=who
            )
        conflicts = self.total("conflicts")
        return Phrase(
            "{name}: {who}: {new} new, {updated} updated, {deleted} deleted records"
            "{conflicts}{documents}{unchanged}.",
            name=name, who=who, new=self.total("new"), updated=self.total("updated"),
            deleted=self.total("deleted"),
            conflicts=Phrase(", {n} conflicts to review", n=conflicts) if conflicts else "",
            documents=Phrase(", {n} signed documents", n=self.documents) if self.documents else "",
            unchanged="" if self.changed else Phrase(" (nothing changed)"),
        )  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file_name, "device_id": self.device_id,
            "device_name": self.device_name, "mission": self.mission, "seq": self.seq,
            "full": self.full, "signer": self.signer, "fingerprint": self.fingerprint,
            "rights": self.rights, "already_received": self.already_received,
            "new": self.total("new"), "updated": self.total("updated"),
            "deleted": self.total("deleted"), "unchanged": self.total("unchanged"),
            "conflicts": self.total("conflicts"), "documents": self.documents,
            "missing": list(self.missing.first), "missing_count": self.missing.count,
            "tables": self.counts,
        }  # fmt: skip


@dataclass(frozen=True)
class ImportOutcome:
    summaries: tuple[ImportSummary, ...]
    dry_run: bool
    gaps: dict[str, Missing] = field(default_factory=dict)  # device -> missing seqs

    @property
    def changed(self) -> bool:
        return any(s.changed for s in self.summaries)

    def gap_sentences(self, names: dict[str, str] | None = None) -> list[str]:
        names = names or {}
        return [
            missing.sentence(shown(names.get(device) or f"device {device[:8]}"))
            for device, missing in self.gaps.items()
        ]


# --- import -------------------------------------------------------------------------------


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a bundle's records are parsed and merged.

    A big bundle is millions of small lists and strings, none in a cycle; the collector
    would scan them again and again as they are made (a third of the import's time for
    100,000 participants). Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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

        with gc_paused():
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
        raise UserError(Phrase("No bundle to import."))
    with gc_paused():  # one pause for both steps, the records freed before it ends
        bundles = read_bundles(inst, files, age_identities, progress)
        try:
            return apply_bundles(
                inst, bundles, dry_run=dry_run, progress=progress, time_stamp_key=time_stamp_key
            )
        finally:
            # Freed by reference counting now: re-enabled with them still alive, the
            # collector would first scan every record list once (0.1 s per 100,000 people).
            bundles.clear()


def apply_bundles(
    inst: Installation,
    bundles: Sequence[VerifiedBundle],
    *,
    dry_run: bool = False,
    progress: Progress = _no_progress,
    time_stamp_key: Callable[[], Any] | None = None,  # HQ's time-stamp key, asked when needed
) -> ImportOutcome:
    if not dry_run:
        from app.services.backups import backup_before

        backup_before(inst, "import")  # the file's; a server's import is one transaction
    written_docs: list[Path] = []
    who = importer_name(inst)
    try:
        # Every reference is checked before anything is written (check_references).
        with (
            gc_paused(),
            raw_connection(inst.db.engine, references_checked=True) as conn,
            roomy_cache(conn),
        ):
            begin_write(conn)
            try:
                if is_postgres(conn):
                    who = f"{who}, role {conn.execute('SELECT current_user').fetchone()[0]}"
                summaries = []
                seen_in_batch: set[str] = set()
                for i, bundle in enumerate(bundles):
                    progress(i, len(bundles), f"merging {bundle.name}")
                    summaries.append(
                        _apply_one(
                            inst, conn, bundle, seen_in_batch, written_docs, time_stamp_key, who
                        )
                    )
                gaps = gaps_of(conn)
                devices = {b.manifest.device_id for b in bundles}
                summaries = [
                    replace(s, missing=gaps.get(s.device_id, Missing()))
                    if s.device_id in devices
                    else s
                    for s in summaries
                ]
                conn.execute("ROLLBACK" if dry_run else "COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
    except BaseException as exc:
        for doc in written_docs:
            doc.unlink(missing_ok=True)
        mapped = user_error_from_sqlite(exc)
        if mapped is not None:
            raise mapped from exc
        raise
    if dry_run:
        for doc in written_docs:
            doc.unlink(missing_ok=True)
    progress(len(bundles), len(bundles), "done")
    return ImportOutcome(tuple(summaries), dry_run, gaps)


def importer_name(inst: Installation) -> str:
    """Who is importing, for the import log: the analyst's name and certificate."""
    name = inst.profile().name or "(no profile)"
    fingerprint = inst.get_setting("identity.fingerprint")
    return f"{name} ({fingerprint[:16]})" if fingerprint else name


def _device_names(conn: Any) -> dict[str, str]:
    return {d: n for d, n in conn.execute("SELECT device_id, name FROM devices")}


def _check_encryption(conn: Any, bundle: VerifiedBundle) -> None:
    """No silent downgrade: a device that sent encrypted bundles does not send plain ones."""
    if bundle.encrypted:
        return
    name = bundle.name
    if get_setting(conn, SETTING_REQUIRE_ENCRYPTION) == "1":
        raise fail(
            Phrase(
                "{name} is not encrypted, and this installation requires encrypted bundles: ask "
                "the focal point to load HQ's key ('muster hq-key set') and export again; "
                "refused.",
                name=name,
            )
        )
    row = conn.execute(
        "SELECT sends_encrypted, name FROM devices WHERE device_id = ?",
        (bundle.manifest.device_id,),
    ).fetchone()
    if row and row[0]:
        raise fail(
            Phrase(
                "{name} is not encrypted, but the earlier bundles of {shown} were: it may not "
                "come from them, or their laptop lost HQ's key; ask them to load HQ's key and "
                "export again; refused.",
                name=name,
                shown=shown(row[1] or "this device"),
            )
        )


def _apply_one(
    inst: Installation,
    conn: Any,
    bundle: VerifiedBundle,
    seen_in_batch: set[str],
    written_docs: list[Path],
    time_stamp_key: Callable[[], Any] | None = None,
    who: str = "",
) -> ImportSummary:
    m, signer = bundle.manifest, bundle.signer
    base = dict(
        file_name=bundle.path.name, device_id=m.device_id, device_name=m.device_name,
        mission=m.mission if signer.is_hq else signer.mission, seq=m.seq, full=m.full, signer=signer.name,
        fingerprint=signer.fingerprint, rights="HQ" if signer.is_hq else
        f"field device of {signer.mission}",
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
    _check_encryption(conn, bundle)
    states = local_states(conn, bundle.tables)
    new_docs = [
        (d.id, d.training_id)
        for d in m.documents
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (d.id,)).fetchone() is None
    ]
    check_rights(conn, bundle.name, signer, bundle.tables, states, new_docs, _device_names(conn))
    check_references(conn, bundle.name, bundle.tables, states)
    local_device = inst.device_id
    result = merge_tables(
        conn, bundle.tables, states, source_device=m.device_id, source_seen=m.seen,
        local_device=local_device, knowledge_of=make_knowledge(conn, local_device),
    )  # fmt: skip
    # The report figures, in this same transaction.
    figures.refresh(
        figures.DbApiRunner(conn, inst.db.engine.dialect), **figures.touched_by_rows(bundle.tables)
    )
    # The clock moves past everything seen (bounded by read.check_clocks), so the next
    # local edit wins over it.
    advance_clock(conn, max(result.max_version, m.upto_version))
    _remember_seen(conn, m.device_id, m.seen)
    if signer.enrolled_by:
        _trust_enrolled_device(conn, bundle)
    if bundle.revocations:
        from app.services.sync.revocation import rows_for, store

        store(conn, rows_for(inst, bundle.revocations))
    documents = _store_documents(
        inst, conn, bundle, {d for d, _ in new_docs}, written_docs, time_stamp_key
    )
    from app.services.audit.evidence_sync import store_received

    store_received(inst, conn, bundle.evidence, written_docs)  # evidence files (issue 19)
    counts = {t: c.as_dict() for t, c in result.counts.items()}
    _log(conn, bundle, counts, documents, who)
    return ImportSummary(**base, already_received=False, counts=counts, documents=documents)  # type: ignore[arg-type]


def _log(conn: Any, bundle: VerifiedBundle, counts: dict[str, Any], documents: int,
         who: str) -> None:  # fmt: skip
    m = bundle.manifest
    summary_json = {
        "full": m.full, "documents": documents, "counts": counts,
        "device_name": m.device_name, "mission": m.mission,
    }  # fmt: skip
    now = _now_text()
    conn.execute(
        "INSERT INTO bundles_received (sha256, device_id, seq, created_at, received_at, "
        "signer_fingerprint, file_name, summary, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            bundle.manifest_sha256, m.device_id, m.seq, m.created_at.replace("T", " "), now,
            bundle.signer.fingerprint, bundle.path.name[:300], json.dumps(summary_json),
            who[:300],
        ),
    )  # fmt: skip
    conn.execute(
        "INSERT INTO devices (device_id, name, mission, fingerprint, last_seq, last_received_at, "
        "sends_encrypted) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET "
        "name = excluded.name, mission = excluded.mission, fingerprint = excluded.fingerprint, "
        "last_seq = CASE WHEN excluded.last_seq > devices.last_seq THEN excluded.last_seq "
        "ELSE devices.last_seq END, last_received_at = excluded.last_received_at, "
        "sends_encrypted = (devices.sends_encrypted OR excluded.sends_encrypted)",
        (m.device_id, m.device_name, bundle.signer.mission if not bundle.signer.is_hq else "",
         bundle.signer.fingerprint, m.seq, now, int(bundle.encrypted)),
    )  # fmt: skip


def _remember_seen(conn: Any, device: str, seen: dict[str, int]) -> None:
    key = f"sync.seen.{device}"
    value = get_setting(conn, key)
    merged = json.loads(value) if value else {}
    for k, v in seen.items():
        merged[k] = max(int(merged.get(k, 0)), v)
    put_setting(conn, key, json.dumps(merged, sort_keys=True))


def _trust_enrolled_device(conn: Any, bundle: VerifiedBundle) -> None:
    """A device enrolled by a trusted HQ joins the trusted list (with the enrolment's rights),
    so its PDFs verify here; a removed entry stays removed."""
    s = bundle.signer
    conn.execute(
        "INSERT INTO trusted_signers (fingerprint, name, title, mission, role, device_id, "
        "certificate_pem, added_at, note, key_sha256, enrolment_serial) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(fingerprint) DO NOTHING",
        (
            s.fingerprint, s.name[:300], s.title[:300], s.mission[:32], s.role, s.device_id,
            s.certificate_pem.decode("ascii"), _now_text(),
            f"enrolled by HQ {s.enrolled_by}"[:500], s.key_sha256, s.enrolment_serial or None,
        ),
    )  # fmt: skip


def _store_documents(inst: Installation, conn: Any, bundle: VerifiedBundle, new: set[str],
                     written: list[Path],
                     time_stamp_key: Callable[[], Any] | None = None) -> int:  # fmt: skip
    """Keep the signed PDFs that travelled (under their content hash), so HQ can open them."""
    from app.services.sync.documents import store_received_document

    stored = 0
    for entry in bundle.manifest.documents:
        if entry.id not in new:
            continue
        stored += 1
        file_name, sha256, path = store_received_document(
            inst, bundle.documents[entry.id], time_stamp_key, entry.file_name
        )
        if path is not None:
            written.append(path)
        conn.execute(
            "INSERT INTO documents (id, training_id, kind, file_name, sha256, signer_fingerprint, "
            "source_device, created_at, exported_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.id, entry.training_id, entry.kind, file_name, sha256,
                bundle.signer.fingerprint, bundle.manifest.device_id,
                entry.created_at.replace("T", " "), bundle.manifest.seq,
            ),
        )  # fmt: skip
    return stored


def gaps_of(conn: Any) -> dict[str, Missing]:
    """Per device, the sequence numbers below its newest one that never arrived.

    Worked out from the sorted numbers received (never by walking the range between
    them), so a hostile ``seq`` cannot make it slow. A full bundle carries everything,
    so numbers before the newest full one are not missing.
    """
    received: dict[str, list[int]] = {}
    last_full: dict[str, int] = {}
    for device, seq, summary in conn.execute(
        "SELECT device_id, seq, summary FROM bundles_received ORDER BY device_id, seq"
    ):
        received.setdefault(device, []).append(int(seq))
        try:
            full = bool(json.loads(summary).get("full")) if summary else False
        except (ValueError, AttributeError):
            full = False
        if full:
            last_full[device] = max(last_full.get(device, 0), int(seq))
    gaps = {}
    for device, seqs in received.items():
        first: list[int] = []
        previous, count = last_full.get(device, 0), 0
        for seq in seqs:
            if seq <= previous:
                continue
            if seq > previous + 1:
                count += seq - previous - 1
                first.extend(range(previous + 1, min(seq, previous + 1 + SHOWN_MISSING)))
            previous = seq
        if count:
            gaps[device] = Missing(tuple(first[:SHOWN_MISSING]), count)
    return gaps


# --- the import log and devices -------------------------------------------------------------


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
    imported_by: str = ""  # the analyst (and database role) who imported it

    def total(self, key: str) -> int:
        return sum(c.get(key, 0) for c in self.counts.values())


def import_log(inst: Installation) -> list[ReceivedBundle]:
    """Every bundle this installation imported, newest first."""
    with raw_connection(inst.db.engine) as conn:
        rows = conn.execute(
            "SELECT sha256, device_id, seq, created_at, received_at, file_name, summary, "
            "imported_by FROM bundles_received ORDER BY received_at DESC, device_id, seq DESC"
        ).fetchall()
    out = []
    for sha, device, seq, created, received, file_name, summary, who in rows:
        data = json.loads(summary) if summary else {}
        out.append(
            ReceivedBundle(
                sha, device, data.get("device_name", ""), data.get("mission", ""), int(seq),
                bool(data.get("full")), str(created or "")[:19], str(received)[:19], file_name,
                data.get("counts", {}), int(data.get("documents", 0)), who or "",
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
    missing: Missing

    def missing_sentence(self) -> str:
        if not self.missing:
            return ""
        return self.missing.sentence(shown(self.name or f"device {self.device_id[:8]}"))


def device_statuses(inst: Installation) -> list[DeviceStatus]:
    """Every device heard from: its last bundle and the ones that never arrived."""
    with raw_connection(inst.db.engine) as conn:
        gaps = gaps_of(conn)
        counts = dict(
            conn.execute("SELECT device_id, count(*) FROM bundles_received GROUP BY device_id")
        )
        rows = conn.execute(
            "SELECT device_id, name, mission, fingerprint, last_seq, last_received_at "
            "FROM devices ORDER BY mission, name"
        ).fetchall()
    return [
        DeviceStatus(
            device, name, mission, fp, int(seq),
            datetime.fromisoformat(str(at)) if at else None, int(counts.get(device, 0)),
            gaps.get(device, Missing()),
        )
        for device, name, mission, fp, seq, at in rows
    ]  # fmt: skip


def require_encryption(inst: Installation, required: bool) -> None:
    """HQ's policy: refuse every plaintext bundle (from any device) when ``required``."""
    inst.set_settings({SETTING_REQUIRE_ENCRYPTION: "1" if required else "0"})


def encryption_required(inst: Installation) -> bool:
    return inst.get_setting(SETTING_REQUIRE_ENCRYPTION) == "1"
