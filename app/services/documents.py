"""Signed documents of a training: summaries made here and those received from the field.

Each summary signed on this installation is archived under ``documents/`` and
recorded; bundles carry them to HQ, where the import stores them the same way. So
from any training one can open (and re-verify) the exact PDFs its figures were
reported in, whoever made them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.db.models import Document, TrustedSigner
from app.services.installation import Installation


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
