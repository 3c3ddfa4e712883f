"""HQ's encryption key: an age X25519 key pair, so bundles on a lost USB stick reveal nothing.

HQ makes the pair once (``muster hq-key export FILE``); the secret half is kept in
the keys folder encrypted with HQ's passphrase (age's scrypt passphrase mode, a
strong KDF), the public half goes to every field installation in a small JSON file
(``muster hq-key set FILE``) together with HQ's certificate, so the field can also
check HQ's signed receipts. age is a well-reviewed format (X25519 + ChaCha20-Poly1305).

Like the signing key, the secret half has a second copy sealed with the data key
(``hq-age-identity.sealed``), so after a forgotten passphrase the recovery key
brings it back too (app/services/passphrase.py). An HQ key made before that copy
existed gets it the next time the passphrase opens it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.services.installation import Installation

SECRET_FILE = "hq-age-identity.age"
ESCROW_FILE = "hq-age-identity.sealed"
PUBLIC_FILE = "hq-age-recipient.txt"
FILE_FORMAT = "muster-hq-key"
SETTING_RECIPIENT = "sync.hq_recipient"
SETTING_CERTIFICATE = "sync.hq_certificate"
MAX_KEY_FILE = 64 * 1024


@dataclass(frozen=True)
class HqKeyInfo:
    recipient: str  # "age1…"
    name: str  # who holds it, from HQ's certificate when there is one
    fingerprint: str  # HQ's certificate fingerprint, "" when none travelled with it


def _check_recipient(value: str) -> str:
    import pyrage

    value = value.strip()
    try:
        pyrage.x25519.Recipient.from_str(value)
    except Exception:
        raise UserError("This file does not hold a valid HQ key.") from None
    return value


def own_recipient(inst: Installation) -> str | None:
    """This installation's own HQ public key, if it made one."""
    public = inst.paths.keys / PUBLIC_FILE
    if not public.exists():
        return None
    return public.read_text(encoding="ascii").strip() or None


def has_hq_secret(inst: Installation) -> bool:
    return (inst.paths.keys / SECRET_FILE).exists()


def ensure_hq_key(inst: Installation, passphrase: str) -> str:
    """HQ's public key, making the pair first if this installation has none."""
    existing = own_recipient(inst)
    if existing and has_hq_secret(inst):
        return existing
    import pyrage

    from app.services.identity import _write_private, check_passphrase

    check_passphrase(passphrase)
    inst.paths.ensure()
    identity = pyrage.x25519.Identity.generate()
    plain = str(identity).encode("ascii")
    recipient = str(identity.to_public())
    _write_private(inst.paths.keys / SECRET_FILE, pyrage.passphrase.encrypt(plain, passphrase))
    _escrow(inst, plain)
    _write_private(inst.paths.keys / PUBLIC_FILE, recipient.encode("ascii"))
    return recipient


def _escrow(inst: Installation, plain: bytes) -> None:
    """The secret half sealed with the data key, for a reset with the recovery key."""
    from app.services.identity import _write_private
    from app.services.vault.sealed import seal

    if inst.key is not None:
        _write_private(inst.paths.keys / ESCROW_FILE, seal(inst.key, plain))


def hq_secret_from_escrow(inst: Installation) -> bytes | None:
    """The secret half from its sealed copy (None without one, or unencrypted)."""
    from app.services.vault.sealed import unseal

    file = inst.paths.keys / ESCROW_FILE
    if inst.key is None or not file.exists():
        return None
    return unseal(inst.key, file.read_bytes(), file.name)


def encrypt_hq_secret(inst: Installation, plain: bytes, passphrase: str) -> None:
    """Keep the secret half under ``passphrase`` (a new or reset one), sealed copy included."""
    import pyrage

    from app.services.identity import _write_private

    _write_private(inst.paths.keys / SECRET_FILE, pyrage.passphrase.encrypt(plain, passphrase))
    _escrow(inst, plain)


def open_hq_secret(inst: Installation, passphrase: str) -> bytes | None:
    """The secret half opened with ``passphrase`` (None when it does not open or there is none)."""
    secret_file = inst.paths.keys / SECRET_FILE
    if not secret_file.exists():
        return None
    import pyrage

    try:
        plain = pyrage.passphrase.decrypt(secret_file.read_bytes(), passphrase)
    except Exception:  # pyrage raises its own DecryptError
        return None
    if not (inst.paths.keys / ESCROW_FILE).exists():
        _escrow(inst, plain)  # made before the sealed copy existed
    return bytes(plain)


def unlock_hq_identities(inst: Installation, passphrase: str) -> list[Any]:
    """HQ's age identity, decrypted with the passphrase; [] when this is no HQ installation."""
    if not has_hq_secret(inst):
        return []
    plain = open_hq_secret(inst, passphrase)
    if plain is None:
        raise UserError("The passphrase is not right.", field="passphrase")
    import pyrage

    return [pyrage.x25519.Identity.from_str(plain.decode("ascii").strip())]


def export_hq_key(inst: Installation, destination: Path, passphrase: str) -> HqKeyInfo:
    """Write HQ's public key (and certificate) for field installations to load."""
    from app.services.identity import load_identity

    recipient = ensure_hq_key(inst, passphrase)
    identity = load_identity(inst)
    payload = {
        "format": FILE_FORMAT,
        "recipient": recipient,
        "name": identity.name if identity else "",
        "certificate_pem": identity.certificate_pem.decode("ascii") if identity else "",
    }
    try:
        Path(destination).write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise UserError(f"Cannot write {destination}: {exc.strerror}.") from None
    return HqKeyInfo(recipient, payload["name"], identity.fingerprint if identity else "")


def read_hq_key_file(path: Path) -> tuple[str, bytes]:
    """(recipient, certificate PEM or b"") from an HQ key file; a bare ``age1…`` line works too."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise UserError(f"{path.name} is not an HQ key file.")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"There is no file {path}.") from None
    except (OSError, UnicodeDecodeError):
        raise UserError(f"{path.name} is not an HQ key file.") from None
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
            if data.get("format") != FILE_FORMAT:
                raise ValueError
            recipient = str(data["recipient"])
            cert = str(data.get("certificate_pem") or "").encode("ascii")
        except (ValueError, KeyError, AttributeError, UnicodeEncodeError):
            raise UserError(f"{path.name} is not an HQ key file.") from None
    else:
        recipient, cert = text.strip(), b""
    recipient = _check_recipient(recipient)
    if cert:
        from app.services.identity import describe_certificate

        describe_certificate(cert)
    return recipient, cert


def set_hq_key(inst: Installation, path: Path) -> HqKeyInfo:
    """Remember HQ's public key (bundles get encrypted to it) and certificate (for receipts)."""
    recipient, cert = read_hq_key_file(path)
    name, fingerprint = "", ""
    if cert:
        from app.services.identity import describe_certificate

        info = describe_certificate(cert)
        name, fingerprint = info.name, info.fingerprint
    inst.set_settings({SETTING_RECIPIENT: recipient, SETTING_CERTIFICATE: cert.decode("ascii")})
    return HqKeyInfo(recipient, name, fingerprint)


def field_recipient(inst: Installation) -> str | None:
    """Whom bundles are encrypted to: HQ's key as set here, else this HQ's own key."""
    return inst.get_setting(SETTING_RECIPIENT) or own_recipient(inst)


def hq_certificate(inst: Installation) -> bytes | None:
    value = inst.get_setting(SETTING_CERTIFICATE)
    return value.encode("ascii") if value else None
