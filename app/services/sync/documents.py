"""Where a signed PDF received in a bundle is kept: a name made from its content.

The manifest's file name is the sender's choice; two bundles could name the same file
and replace each other's PDF. Received files are stored as ``received-<sha256>.pdf``
instead (the hash of the bytes the sender signed): one content, one name, so a stored
file is never replaced by other bytes, and every row pointing at it finds exactly the
PDF it recorded. ``store_received_document`` is the one place received files are
written: sealed with the data key (at rest), after HQ's document time-stamp.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.l10n import Phrase
from app.services.documents import document_path, read_document, store_document
from app.services.installation import Installation
from app.services.sync.display import shown


def received_file_name(sha256: str) -> str:
    return f"received-{sha256}.pdf"


def store_received_document(
    inst: Installation,
    content: bytes,
    time_stamp_key: Callable[[], Any] | None = None,
    file_name: str = "",
) -> tuple[str, str, Path | None]:
    """Keep ``content`` under its content-hash name.

    Returns (file name, SHA-256 of the stored bytes, path written or None). HQ adds its
    document time-stamp first when ``time_stamp_key`` gives a key (issue 16), so the
    stored bytes, and their hash, are the time-stamped PDF. The path is None when that
    very content was already stored (nothing was written, nothing replaced).
    """
    name = received_file_name(hashlib.sha256(content).hexdigest())
    target = document_path(inst, name)
    if target.is_file():
        try:
            kept = read_document(inst, name)
        except (OSError, UserError):  # gone or damaged: written again from the bundle
            kept = None
        if kept is not None:
            return name, hashlib.sha256(kept).hexdigest(), None
    key = time_stamp_key() if time_stamp_key is not None else None
    if key is not None:  # HQ vouches for when it received the PDF
        from pyhanko.pdf_utils.misc import PdfError

        from app.services.signing import timestamp_received_pdf

        try:
            content = timestamp_received_pdf(content, key)
        except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
            raise UserError(
                Phrase(
                    "A document in this bundle ({shown}) is not a readable PDF, so HQ cannot "
                    "time-stamp it; refused.",
                    shown=shown(file_name or name),
                )
            ) from exc
    store_document(inst, content, name)
    return name, hashlib.sha256(content).hexdigest(), target
