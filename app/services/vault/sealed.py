"""Files kept in the data folder (signed PDFs, bundles), sealed with the data key.

AES-256-GCM with a key derived from the data key by HKDF (so the file key and
the database key differ), a random 96-bit nonce per file, and a short header
naming the format. The tag covers the whole file: a changed byte fails to open.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from app.errors import UserError
from app.l10n import Phrase

MAGIC = b"MUSTER-SEALED-1\n"
_NONCE = 12


def file_key(data_key: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, None, b"muster sealed files v1").derive(data_key)


def seal(data_key: bytes, plain: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(_NONCE)
    return MAGIC + nonce + AESGCM(file_key(data_key)).encrypt(nonce, plain, MAGIC)


def is_sealed(blob: bytes) -> bool:
    return blob.startswith(MAGIC)


def unseal(data_key: bytes, blob: bytes, name: str = "the file") -> bytes:
    """The plaintext of a sealed file; UserError when it is damaged or not ours."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_sealed(blob):
        raise UserError(Phrase("{name} is not one of Muster's encrypted files.", name=name))
    nonce = blob[len(MAGIC) : len(MAGIC) + _NONCE]
    try:
        return AESGCM(file_key(data_key)).decrypt(nonce, blob[len(MAGIC) + _NONCE :], MAGIC)
    except InvalidTag:
        raise UserError(
            Phrase("{name} is damaged, or was encrypted by another installation.", name=name)
        ) from None


def file_is_sealed(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False
