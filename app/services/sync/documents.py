"""Where a signed PDF received in a bundle is kept: a name made from its content.

The manifest's file name is the sender's choice; two bundles could name the same file
and replace each other's PDF. Received files are stored as ``received-<sha256>.pdf``
instead: one content, one name, so a stored file is never replaced by other bytes
(writing the same content again changes nothing), and every row pointing at it finds
exactly the PDF it recorded. ``store_received_document`` is the one place received
files are written: at-rest encryption and HQ's time-stamp hook in here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.fileio import write_atomically
from app.services.installation import Installation


def received_file_name(sha256: str) -> str:
    return f"received-{sha256}.pdf"


def store_received_document(inst: Installation, content: bytes) -> tuple[str, Path | None]:
    """Keep ``content`` under its content-hash name; returns (file name, path written or None).

    The path is None when that very content was already stored (nothing was written).
    """
    sha = hashlib.sha256(content).hexdigest()
    name = received_file_name(sha)
    target = inst.paths.documents / name
    if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == sha:
        return name, None
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, content)
    return name, target
