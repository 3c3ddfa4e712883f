"""Signed documents of a training: summaries made here and those received from the field.

Each summary signed on this installation is archived under ``documents/`` and
recorded; bundles carry them to HQ, where the import stores them the same way. So
from any training one can open (and re-verify) the exact PDFs its figures were
reported in, whoever made them.

Storage: every file kept in the data folder (these PDFs, and bundles the app
keeps) is sealed with the data key (AES-256-GCM, app/services/vault/sealed.py)
and decrypted only to be read: :func:`store_document` / :func:`read_document`,
and :func:`viewing_copy` for the PDF reader or the verifier, which need a file:
that plaintext copy lives in a private temporary folder outside the data folder,
removed when Muster exits.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.db.models import Document, TrustedSigner
from app.fileio import write_atomically
from app.services.installation import Installation

_viewing_dir: Path | None = None


# --- storage: sealed with the data key ---------------------------------------------------


def keep_file(inst: Installation, path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` (inside the data folder), sealed with the data key."""
    from app.services.vault.sealed import seal

    sealed = seal(inst.key, data) if inst.key is not None else data
    return write_atomically(Path(path), sealed, private=True)


def read_kept(inst: Installation, path: Path) -> bytes:
    """The plaintext of a file written by :func:`keep_file` (OSError when it is gone)."""
    from app.services.vault.sealed import is_sealed, unseal

    blob = Path(path).read_bytes()
    if inst.key is None or not is_sealed(blob):
        return blob  # a plaintext folder (only while an old release's folder is upgraded)
    return unseal(inst.key, blob, Path(path).name)


def document_path(inst: Installation, name: str) -> Path:
    return inst.paths.documents / Path(name).name


def store_document(inst: Installation, data: bytes, name: str) -> str:
    """Keep a signed document as ``documents/<name>``, sealed; returns the stored name."""
    path = document_path(inst, name)
    keep_file(inst, path, data)
    return path.name


def read_document(inst: Installation, name: str) -> bytes:
    """The bytes of a kept document, decrypted (OSError when the file is gone)."""
    return read_kept(inst, document_path(inst, name))


def viewing_copy(inst: Installation, name: str) -> Path:
    """A plaintext copy of a kept document for a PDF reader, outside the data folder."""
    global _viewing_dir
    data = read_document(inst, name)
    if _viewing_dir is None or not _viewing_dir.is_dir():
        _viewing_dir = Path(tempfile.mkdtemp(prefix="muster-view-"))  # 0700
        atexit.register(shutil.rmtree, _viewing_dir, True)
    target = _viewing_dir / Path(name).name
    return write_atomically(target, data, private=True)


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    training_id: str | None
    kind: str  # "summary"
    path: Path
    created_at: datetime
    signer: str  # the signer's name when known here, else the start of the fingerprint
    signer_fingerprint: str
    received: bool  # made on another device and carried here by a bundle
    available: bool  # the file is still in the documents folder
    lang: str = ""  # "en" / "fr"; "" when not recorded (received, or made before 0003)
    names_included: bool | None = None  # None when not recorded


def _own_signer(inst: Installation) -> dict[str, str]:
    """This installation's own fingerprint -> its signer's name (not in the trusted list)."""
    from app.services.identity import load_identity

    identity = load_identity(inst)
    return {identity.fingerprint: identity.name} if identity is not None else {}


def list_documents(inst: Installation, training_id: str | None = None) -> list[DocumentInfo]:
    """The training's signed documents (all when ``training_id`` is None), newest first."""
    with inst.db.reading() as session:
        query = select(Document).order_by(Document.created_at.desc(), Document.id)
        if training_id is not None:
            query = query.where(Document.training_id == training_id)
        rows = session.scalars(query).all()
        names = dict(session.execute(select(TrustedSigner.fingerprint, TrustedSigner.name)).all())
        own_name = _own_signer(inst)
        own = inst.device_id
        out = []
        for doc in rows:
            path = inst.paths.documents / Path(doc.file_name).name
            fingerprint = doc.signer_fingerprint
            out.append(
                DocumentInfo(
                    id=doc.id,
                    training_id=doc.training_id,
                    kind=doc.kind,
                    path=path,
                    created_at=doc.created_at,
                    signer=names.get(fingerprint)
                    or own_name.get(fingerprint)
                    or fingerprint[:16].upper(),
                    signer_fingerprint=fingerprint,
                    received=bool(doc.source_device) and doc.source_device != own,
                    available=path.is_file(),
                    lang=doc.lang,
                    names_included=doc.names_included,
                )
            )
        return out
