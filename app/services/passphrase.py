"""Changing the passphrase, or setting a new one with the recovery key.

One passphrase protects everything in the keys folder: the data key's wrap, the
signing key (PKCS#8) and, at HQ, the age key that opens bundles. Changing it
re-encrypts those small files only; the database and the kept files stay as they
are, since they are encrypted with the data key, which does not change.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import UserError
from app.l10n import Phrase
from app.services import identity, vault
from app.services.installation import Installation
from app.services.sync import hq_key


@dataclass(frozen=True)
class PassphraseChanged:
    signing_key: bool  # the signing key now opens with the new passphrase
    hq_key: bool  # the HQ bundle key too
    hq_key_left: bool  # an HQ key that could not be re-encrypted (reset with the recovery key)


def _inputs(inst: Installation) -> list[str]:
    profile = inst.profile()
    return [profile.name, profile.title, profile.mission, profile.email]


def _check_new(inst: Installation, new: str, again: str | None) -> None:
    if again is not None and new != again:
        raise UserError(
            Phrase("The two new passphrases are not the same."), field="passphrase_again"
        )
    vault.check_strength(new, _inputs(inst))


def _reencrypt_hq_key(inst: Installation, old: str | None, new: str) -> bool:
    """The HQ age key under the new passphrase: opened with ``old``, else its sealed copy."""
    plain = hq_key.open_hq_secret(inst, old) if old is not None else None
    if plain is None:
        plain = hq_key.hq_secret_from_escrow(inst)
    if plain is None:
        return False
    hq_key.encrypt_hq_secret(inst, plain, new)
    return True


def change_passphrase(
    inst: Installation, old: str, new: str, again: str | None = None
) -> PassphraseChanged:
    """Check ``old``, refuse a guessable ``new``, then re-encrypt every key file with it."""
    if inst.key is None:
        raise UserError(Phrase("This installation is not encrypted."))
    vault.unlock(inst.paths, old)
    _check_new(inst, new, again)
    if new == old:
        raise UserError(
            Phrase("The new passphrase is the same as the current one."), field="passphrase"
        )
    signing = identity.check_signing_passphrase(inst.paths, old) if _has_signing(inst) else None
    if signing is None and _has_signing(inst):
        signing = identity.signing_key_from_escrow(inst)
    vault.rewrap(inst.paths, inst.key, new)
    if signing is not None:
        identity.reencrypt_signing_key(inst, signing, new)
    hq = _reencrypt_hq_key(inst, old, new)
    return PassphraseChanged(signing is not None, hq, hq_key.has_hq_secret(inst) and not hq)


def reset_with_recovery_key(
    inst: Installation, new: str, again: str | None = None
) -> PassphraseChanged:
    """A new passphrase after unlocking with the recovery key (``inst`` opened with its key).

    The signing key and the HQ bundle key come back from their sealed copies (an HQ
    key made before its copy existed, and never opened since, cannot: the result says so).
    """
    if inst.key is None:
        raise UserError(Phrase("This installation is not encrypted."))
    _check_new(inst, new, again)
    vault.rewrap(inst.paths, inst.key, new)
    signing = identity.signing_key_from_escrow(inst) if _has_signing(inst) else None
    if signing is not None:
        identity.reencrypt_signing_key(inst, signing, new)
    hq = _reencrypt_hq_key(inst, None, new)
    return PassphraseChanged(signing is not None, hq, hq_key.has_hq_secret(inst) and not hq)


def _has_signing(inst: Installation) -> bool:
    return identity.key_path(inst).exists()
