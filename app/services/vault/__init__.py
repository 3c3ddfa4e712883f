"""Encryption at rest: the data key, unlocking it, and what it protects.

- keyfile: the random data key, wrapped by the passphrase (Argon2id) and by the
  recovery key, in ``keys/data-key.json``;
- strength: zxcvbn's estimate, refusing guessable passphrases in one sentence;
- sealed: AES-256-GCM for the files kept in the data folder;
- upgrade: an earlier release's plaintext folder converted in place.

The database itself is SQLCipher (app/db/cipher.py) keyed with the data key.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.l10n import Phrase
from app.paths import Paths
from app.services.vault import keyfile
from app.services.vault.keyfile import STRONG_KDF, KdfParams
from app.services.vault.strength import check_strength

PASSPHRASE_ENV = "MUSTER_PASSPHRASE"
SIGNING_KEY_FILE = "signing-key.pem"  # app/services/identity.py writes it
WRONG_PASSPHRASE = Phrase("The passphrase is not right.")
WRONG_RECOVERY_KEY = Phrase("That recovery key does not unlock this installation.")


def passphrase_from_environment() -> str:
    """``MUSTER_PASSPHRASE``, as the command line takes it; one sentence when unset."""
    value = os.environ.get(PASSPHRASE_ENV, "")
    if not value:
        raise UserError(
            Phrase(
                "No passphrase given: set {env} or use --passphrase-file FILE.",
                env=PASSPHRASE_ENV,
            ),
            field="passphrase",
        )
    return value


def cli_passphrase(passphrase_file: str | None, env: str = PASSPHRASE_ENV) -> str:
    """The passphrase from ``--passphrase-file`` (first line) or ``MUSTER_PASSPHRASE``."""
    if passphrase_file:
        try:
            text = Path(passphrase_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(
                Phrase(
                    "Cannot read the passphrase file {file}: {strerror}.",
                    file=passphrase_file,
                    strerror=exc.strerror,
                )
            ) from None
        value = text.splitlines()[0] if text.splitlines() else ""
        if not value:
            raise UserError(
                Phrase(
                    "The passphrase file {file} is empty.",
                    file=passphrase_file,
                )
            )
        return value
    value = os.environ.get(env, "")
    if not value:
        option = "--passphrase-file" if env == PASSPHRASE_ENV else "--new-passphrase-file"
        raise UserError(
            Phrase("No passphrase given: set {env} or use {option} FILE.", env=env, option=option)
        )
    return value


def open_signing_key(paths: Paths, passphrase: str) -> Any | None:
    """The signing key of ``paths`` opened with ``passphrase`` (None when there is none yet)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    file = paths.keys / SIGNING_KEY_FILE
    if not file.exists():
        return None
    try:
        key = serialization.load_pem_private_key(file.read_bytes(), passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        raise UserError(WRONG_PASSPHRASE, field="passphrase") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise UserError(
            Phrase("The signing key file is not an ECDSA key; it may have been replaced.")
        )
    return key


def has_key(paths: Paths) -> bool:
    return paths.data_key.exists()


def create_key(
    paths: Paths,
    passphrase: str,
    *,
    kdf: KdfParams = STRONG_KDF,
    user_inputs: Iterable[str] = (),
    check: bool = True,
) -> bytes:
    """A new data key, saved wrapped by ``passphrase`` (checked for strength first)."""
    if check:
        check_strength(passphrase, user_inputs)
    if has_key(paths):
        raise UserError(
            Phrase("This installation already has a key ({data_key}).", data_key=paths.data_key)
        )
    key = keyfile.new_data_key()
    paths.keys.mkdir(parents=True, exist_ok=True)
    keyfile.save(paths.data_key, keyfile.new_keyfile(key, passphrase, kdf))
    return key


def unlock(paths: Paths, passphrase: str) -> bytes:
    """The data key, unwrapped by the passphrase; "The passphrase is not right." otherwise."""
    key = keyfile.unwrap_with_passphrase(keyfile.load(paths.data_key), passphrase)
    if key is None:
        raise UserError(WRONG_PASSPHRASE, field="passphrase")
    return key


def unlock_with_recovery_key(paths: Paths, recovery_key: str) -> bytes:
    """The data key, unwrapped by the recovery key the user wrote down."""
    found = keyfile.load(paths.data_key)
    key = keyfile.unwrap_with_recovery(found, recovery_key)
    if key is None:
        raise UserError(WRONG_RECOVERY_KEY, field="recovery_key")
    return key


def has_recovery_key(paths: Paths) -> bool:
    return has_key(paths) and keyfile.load(paths.data_key).has_recovery


def issue_recovery_key(paths: Paths, key: bytes) -> str:
    """A new recovery key for ``key`` (any earlier one stops working); shown to the user once."""
    found = keyfile.load(paths.data_key)
    wrap, shown = keyfile.recovery_wrap(key)
    keyfile.save(paths.data_key, replace(found, recovery=wrap))
    return shown


def rewrap(paths: Paths, key: bytes, new_passphrase: str, kdf: KdfParams | None = None) -> None:
    """Wrap the same data key with a new passphrase (the database is not rewritten)."""
    found = keyfile.load(paths.data_key)
    params = kdf or found.kdf
    keyfile.save(
        paths.data_key,
        replace(found, passphrase=keyfile.passphrase_wrap(key, new_passphrase, params)),
    )


__all__ = [
    "PASSPHRASE_ENV",
    "STRONG_KDF",
    "KdfParams",
    "check_strength",
    "create_key",
    "has_key",
    "has_recovery_key",
    "issue_recovery_key",
    "passphrase_from_environment",
    "rewrap",
    "unlock",
    "unlock_with_recovery_key",
]
