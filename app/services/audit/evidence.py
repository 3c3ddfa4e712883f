"""Evidence files: scans of signed sheets, photos and other files attached to a training.

A file is kept inside the data folder, sealed with the data key like every kept file
(``documents.keep_file``), under its SHA-256: ``evidence/<sha256>``. One content, one
name: a file attached twice is stored once, and nothing can replace the bytes a
record's hash names. The signed summary lists each file's SHA-256, bundles carry the
files (``evidence_sync``), and :func:`read_evidence` checks the hash on every read.

Caps, each refused with one sentence: a file of at most 20 MiB, 100 MiB and 200 files
per training (a bundle carries at most 128 MiB of them; the rest follow in the next).
What a file is comes from its first bytes, never from its name.
"""

from __future__ import annotations

import atexit
import hashlib
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Row, Select, func, select

from app.db.audit_models import EVIDENCE_KINDS, EvidenceFile
from app.db.models import Location, TrainingSession
from app.errors import NotFoundError, UserError
from app.fileio import write_atomically
from app.l10n import Phrase
from app.services.documents import keep_file, read_kept
from app.services.installation import Installation
from app.services.trainings import _live_training
from app.textnorm import clean_text

MiB = 1 << 20
MAX_FILE_BYTES = 20 * MiB
MAX_TRAINING_BYTES = 100 * MiB
MAX_TRAINING_FILES = 200
SHA256_RE = re.compile(r"^[0-9a-f]{64}\Z")
# Raster formats Qt decodes for thumbnails, told by their first bytes.
IMAGE_TYPES = {"image/jpeg": "jpeg", "image/png": "png", "image/gif": "gif",
               "image/webp": "webp", "image/tiff": "tiff", "image/bmp": "bmp"}  # fmt: skip
KIND_LABELS = {
    "sign_in_sheet": "Signed sign-in sheet",
    "photo": "Photo",
    "payment_sheet": "Signed payment sheet",
    "other": "Other file",
}
_viewing: Path | None = None


def media_type(data: bytes) -> str:
    """The file's type from its first bytes (its name could say anything)."""
    head = data[:16]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if head.startswith(b"BM"):
        return "image/bmp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return "application/octet-stream"


@dataclass(frozen=True)
class EvidenceInfo:
    id: str
    training_id: str
    session_id: str | None
    session_date: str  # ISO date of the session, "" for the training as a whole
    session_place: str
    kind: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    caption: str
    created_at: datetime
    available: bool  # the file is in this installation's data folder

    @property
    def is_image(self) -> bool:
        return self.media_type in IMAGE_TYPES


def evidence_path(inst: Installation, sha256: str) -> Path:
    """Where the file with this hash is kept (the hash is checked: never a path)."""
    if not SHA256_RE.match(sha256):
        raise ValueError("not a SHA-256")
    return inst.paths.evidence / sha256


def _read_capped(path: Path) -> bytes:
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UserError(Phrase("{name} is not a file.", name=path.name))
        if size > MAX_FILE_BYTES:
            raise UserError(
                Phrase("{name} is {size} MiB; an evidence file can be {cap} MiB at most. "
                       "Scan at a lower resolution or split it.", name=path.name,
                       size=f"{size / MiB:.1f}", cap=MAX_FILE_BYTES // MiB)
            )  # fmt: skip
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UserError(Phrase("There is no file {path}.", path=str(path))) from None
    except OSError as exc:
        raise UserError(Phrase("Cannot read {name}: {why}.", name=path.name,
                               why=exc.strerror or str(exc))) from None  # fmt: skip
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise UserError(Phrase("{name} is too big for an evidence file.", name=path.name))
    if not data:
        raise UserError(Phrase("{name} is empty.", name=path.name))
    return data


def add_evidence(
    inst: Installation,
    training_id: str,
    path: Path,
    session_id: str | None = None,
    kind: str | None = None,
    caption: str = "",
) -> EvidenceInfo:
    """Attach the file at ``path`` to the training (or one of its sessions)."""
    data = _read_capped(path)
    digest = hashlib.sha256(data).hexdigest()
    detected = media_type(data)
    kind = kind or ("photo" if detected in IMAGE_TYPES else "other")
    if kind not in EVIDENCE_KINDS:
        raise UserError(
            Phrase("Choose what the file is: {kinds}.", kinds=", ".join(EVIDENCE_KINDS))
        )
    name = clean_text(Path(path).name)[:200] or digest[:12]
    with inst.db.transaction() as session:
        _live_training(session, training_id)
        if session_id is not None:
            owner = session.get(TrainingSession, session_id)
            if owner is None or owner.deleted or owner.training_id != training_id:
                raise NotFoundError(Phrase("That session is not one of this training's."))
        count, total = session.execute(
            select(func.count(), func.coalesce(func.sum(EvidenceFile.size), 0)).where(
                EvidenceFile.training_id == training_id, EvidenceFile.deleted.is_(False)
            )
        ).one()
        if count >= MAX_TRAINING_FILES:
            raise UserError(Phrase("A training can hold {cap} evidence files at most.",
                                   cap=MAX_TRAINING_FILES))  # fmt: skip
        if total + len(data) > MAX_TRAINING_BYTES:
            raise UserError(
                Phrase("This training's evidence files would pass {cap} MiB; remove some "
                       "first or scan at a lower resolution.", cap=MAX_TRAINING_BYTES // MiB)
            )  # fmt: skip
        target = evidence_path(inst, digest)
        if not target.is_file():
            keep_file(inst, target, data)  # sealed; content-addressed, so never replaced
        row = EvidenceFile(
            training_id=training_id, session_id=session_id, kind=kind, file_name=name,
            media_type=detected, size=len(data), sha256=digest, caption=clean_text(caption)[:300],
        )  # fmt: skip
        session.add(row)
        session.flush()
        row_id = row.id
    return get_evidence(inst, row_id)


def _infos(inst: Installation, rows: Sequence[Row[EvidenceFile, date, str]]
           ) -> list[EvidenceInfo]:  # fmt: skip
    return [
        EvidenceInfo(
            e.id, e.training_id, e.session_id, day.isoformat() if day else "", place or "",
            e.kind, e.file_name, e.media_type, e.size, e.sha256, e.caption, e.created_at,
            SHA256_RE.match(e.sha256) is not None and evidence_path(inst, e.sha256).is_file(),
        )
        for e, day, place in rows
    ]  # fmt: skip


def _query() -> Select[EvidenceFile, date, str]:
    # Only a session of the record's own training is shown as its session (an outer join:
    # date and place are None for a record of the whole training).
    return (
        select(EvidenceFile, TrainingSession.date, Location.name)
        .outerjoin(
            TrainingSession,
            (TrainingSession.id == EvidenceFile.session_id)
            & (TrainingSession.training_id == EvidenceFile.training_id),
        )
        .outerjoin(Location, Location.id == TrainingSession.location_id)
        .where(EvidenceFile.deleted.is_(False))
    )


def list_evidence(inst: Installation, training_id: str) -> list[EvidenceInfo]:
    """The training's evidence files: the training's own first, then by session date."""
    with inst.db.reading() as session:
        rows = session.execute(
            _query()
            .where(EvidenceFile.training_id == training_id)
            .order_by(
                TrainingSession.date.is_not(None),
                TrainingSession.date,
                EvidenceFile.created_at,
                EvidenceFile.id,
            )
        ).all()
        return _infos(inst, rows)


def get_evidence(inst: Installation, evidence_id: str) -> EvidenceInfo:
    with inst.db.reading() as session:
        rows = session.execute(_query().where(EvidenceFile.id == evidence_id)).all()
        if not rows:
            raise NotFoundError(Phrase("That evidence file no longer exists."))
        return _infos(inst, rows[:1])[0]


def read_evidence(inst: Installation, evidence_id: str) -> tuple[EvidenceInfo, bytes]:
    """The file's bytes, checked against the SHA-256 its record (and the summary) names."""
    info = get_evidence(inst, evidence_id)
    try:
        data = read_kept(inst, evidence_path(inst, info.sha256))
    except (OSError, ValueError):
        raise UserError(
            Phrase("The file {name} is not in this installation's data folder (it has not "
                   "arrived yet, or it was lost).", name=info.file_name)
        ) from None  # fmt: skip
    if hashlib.sha256(data).hexdigest() != info.sha256:
        raise UserError(Phrase("The kept copy of {name} is damaged: its SHA-256 differs.",
                               name=info.file_name))  # fmt: skip
    return info, data


def remove_evidence(inst: Installation, evidence_id: str) -> None:
    """Take the file off the training (the record is kept as deleted, like every record)."""
    with inst.db.transaction() as session:
        row = session.get(EvidenceFile, evidence_id)
        if row is None or row.deleted:
            raise NotFoundError(Phrase("That evidence file no longer exists."))
        row.deleted = True


def save_copy(inst: Installation, evidence_id: str, destination: Path) -> Path:
    """A plaintext copy of the file at ``destination`` (outside the data folder)."""
    _info, data = read_evidence(inst, evidence_id)
    return write_atomically(Path(destination), data)


def viewing_copy(inst: Installation, evidence_id: str) -> Path:
    """A plaintext copy for the system's viewer, in a private folder removed at exit."""
    global _viewing
    info, data = read_evidence(inst, evidence_id)
    if _viewing is None or not _viewing.is_dir():
        _viewing = Path(tempfile.mkdtemp(prefix="muster-evidence-"))
        atexit.register(shutil.rmtree, _viewing, True)
    return write_atomically(_viewing / f"{info.sha256[:12]}-{Path(info.file_name).name}", data,
                            private=True)  # fmt: skip
