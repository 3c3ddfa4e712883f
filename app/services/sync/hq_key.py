"""HQ's encryption key: an age X25519 key pair, so bundles on a lost USB stick reveal nothing.

HQ makes the pair once (``muster hq-key export FILE``); the secret half is kept in
the keys folder encrypted with HQ's passphrase (age's scrypt passphrase mode, a
strong KDF), the public half goes to every field installation in a small JSON file
(``muster hq-key set FILE``) together with HQ's certificate, so the field can also
check HQ's signed receipts. age is a well-reviewed format (X25519 + ChaCha20-Poly1305).

An HQ team (several analysts on one shared database) has one key per analyst: the field
adds the others' keys (``muster hq-key add FILE``) and every bundle is encrypted to all
of them at once (age: one file, several recipients), so each analyst opens it with
their own key. The first key set stays HQ's (its certificate checks receipts).

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
from app.fileio import cannot_write
from app.l10n import Phrase
from app.services.installation import Installation
from app.services.sync.display import shown

SECRET_FILE = "hq-age-identity.age"
ESCROW_FILE = "hq-age-identity.sealed"
PUBLIC_FILE = "hq-age-recipient.txt"
FILE_FORMAT = "muster-hq-key"
SETTING_RECIPIENT = "sync.hq_recipient"
SETTING_CERTIFICATE = "sync.hq_certificate"
SETTING_TEAM = "sync.hq_team_recipients"  # JSON: further HQ analysts' keys
MAX_TEAM = 32
MAX_KEY_FILE = 64 * 1024


@dataclass(frozen=True)
class HqKeyInfo:
    recipient: str  # "age1…"
    name: str  # who holds it, from HQ's certificate when there is one
    fingerprint: str  # HQ's certificate fingerprint, "" when none travelled with it
    signed_by_trusted: bool = False  # signed by an HQ certificate this installation trusts
    replaces: str = ""  # the key it would replace


class HqKeyConfirmationNeeded(UserError):
    """A key that is not signed by an HQ trusted here: a person must check its fingerprint."""

    def __init__(self, message: str, info: HqKeyInfo) -> None:
        super().__init__(message)
        self.info = info


def _check_recipient(value: str) -> str:
    import pyrage

    value = value.strip()
    try:
        pyrage.x25519.Recipient.from_str(value)
    except Exception:
        raise UserError(Phrase("This file does not hold a valid HQ key.")) from None
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
        raise UserError(Phrase("The passphrase is not right."), field="passphrase")
    import pyrage

    return [pyrage.x25519.Identity.from_str(plain.decode("ascii").strip())]


def export_hq_key(inst: Installation, destination: Path, passphrase: str) -> HqKeyInfo:
    """Write HQ's public key and certificate, the key signed with HQ's signing key.

    The signature lets a field installation that already trusts this HQ accept a new
    key without a question; others must check its fingerprint.
    """
    import base64

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.services.identity import load_identity, unlock_private_key

    recipient = ensure_hq_key(inst, passphrase)
    identity = load_identity(inst)
    signature = ""
    if identity is not None:
        try:
            key = unlock_private_key(inst, passphrase)
        except UserError:  # another passphrase protects the signing key: unsigned file
            key = None
        if key is not None:
            raw = key.sign(_signed_text(recipient), ec.ECDSA(hashes.SHA256()))
            signature = base64.b64encode(raw).decode("ascii")
    payload = {
        "format": FILE_FORMAT,
        "recipient": recipient,
        "name": identity.name if identity else "",
        "certificate_pem": identity.certificate_pem.decode("ascii") if identity else "",
        "signature": signature,
    }
    try:
        Path(destination).write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise cannot_write(destination, exc) from None
    return HqKeyInfo(recipient, payload["name"], identity.fingerprint if identity else "")


def _signed_text(recipient: str) -> bytes:
    return f"{FILE_FORMAT}:{recipient}".encode("ascii")


def read_hq_key_file(path: Path) -> tuple[str, bytes, bytes]:
    """(recipient, certificate PEM or b"", signature or b"") from an HQ key file.

    A bare ``age1…`` line works too (no certificate, no signature).
    """
    import base64

    path = Path(path)
    name = shown(path.name)
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise UserError(Phrase("{name} is not an HQ key file.", name=name))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(Phrase("There is no file {shown}.", shown=shown(path, 200))) from None
    except (OSError, UnicodeDecodeError):
        raise UserError(Phrase("{name} is not an HQ key file.", name=name)) from None
    signature = b""
    if text.lstrip().startswith("{"):
        from app.services.sync.schema import loads_strict

        try:
            data = loads_strict(text, 1)
            if data.get("format") != FILE_FORMAT:
                raise ValueError
            recipient = str(data["recipient"])
            cert = str(data.get("certificate_pem") or "").encode("ascii")
            signature = base64.b64decode(str(data.get("signature") or ""), validate=True)
        except (ValueError, KeyError, AttributeError, UnicodeEncodeError):
            raise UserError(Phrase("{name} is not an HQ key file.", name=name)) from None
    else:
        recipient, cert = text.strip(), b""
    recipient = _check_recipient(recipient)
    if cert:
        from app.services.identity import describe_certificate

        describe_certificate(cert)
    return recipient, cert, signature


def _signed_by_trusted_hq(
    inst: Installation, recipient: str, cert: bytes, signature: bytes
) -> bool:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.services.sync.trust import hq_issuers, key_sha256

    if not (cert and signature):
        return False
    key = key_sha256(cert)
    known = [hq_certificate(inst) or b"", *hq_issuers(inst)]
    if not any(pem and key_sha256(pem) == key for pem in known):
        return False
    public = x509.load_pem_x509_certificate(cert).public_key()
    try:
        if not isinstance(public, ec.EllipticCurvePublicKey):
            return False
        public.verify(signature, _signed_text(recipient), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


def set_hq_key(
    inst: Installation, path: Path, *, confirmed: bool = False, allow_replace: bool = False
) -> HqKeyInfo:
    """Remember HQ's public key (bundles get encrypted to it) and certificate (for receipts).

    A key signed by an HQ certificate trusted here is taken as it is. Any other key
    needs ``confirmed`` (a person checked its fingerprint), and replacing a key already
    set needs ``allow_replace`` too (an interactive confirmation, never a bare --yes);
    otherwise HqKeyConfirmationNeeded says what to check.
    """
    from app.services.identity import describe_certificate, format_fingerprint

    recipient, cert, signature = read_hq_key_file(path)
    name, fingerprint = "", ""
    if cert:
        described = describe_certificate(cert)
        name, fingerprint = described.name, described.fingerprint
    current = inst.get_setting(SETTING_RECIPIENT)
    current_cert = inst.get_setting(SETTING_CERTIFICATE)
    trusted = _signed_by_trusted_hq(inst, recipient, cert, signature)
    # Another certificate with the same key would make receipts from its holder "HQ's".
    unchanged = current == recipient and (not cert or cert.decode("ascii") == current_cert)
    replaces = current if current and not unchanged else ""
    info = HqKeyInfo(recipient, name, fingerprint, trusted, replaces)
    if not trusted and not unchanged:
        who = (
            f"{shown(name)}, certificate fingerprint {format_fingerprint(fingerprint)}"
            if cert
            else ("no certificate")
        )
        if replaces and not allow_replace:
            raise HqKeyConfirmationNeeded(
                Phrase(
                    "This file would replace HQ's key {replaces}… with {recipient}… ({who}), and "
                    "it is not signed by an HQ you trust: check the fingerprint with HQ and "
                    "confirm it when asked (--yes never replaces a key).",
                    replaces=replaces[:20],
                    recipient=recipient[:20],
                    who=who,
                ),
                info,
            )
        if not confirmed:
            raise HqKeyConfirmationNeeded(
                Phrase(
                    "Check this HQ key with HQ before using it: {recipient} ({who}); once "
                    "checked, run the command again with --yes.",
                    recipient=recipient,
                    who=who,
                ),
                info,
            )
    values = {SETTING_RECIPIENT: recipient}
    if cert or not current:
        values[SETTING_CERTIFICATE] = cert.decode("ascii")
    inst.set_settings(values)
    return info


def field_recipient(inst: Installation) -> str | None:
    """HQ's key as set here, else this HQ's own key (the first of :func:`field_recipients`)."""
    return inst.get_setting(SETTING_RECIPIENT) or own_recipient(inst)


@dataclass(frozen=True)
class TeamKey:
    recipient: str
    name: str
    fingerprint: str


def team_keys(inst: Installation) -> list[TeamKey]:
    """The further HQ analysts' keys added here (``hq-key add``), in the order added."""
    raw = inst.get_setting(SETTING_TEAM)
    if not raw:
        return []
    try:
        entries = json.loads(raw)
        return [TeamKey(str(e["recipient"]), str(e["name"]), str(e["fingerprint"]))
                for e in entries]  # fmt: skip
    except (ValueError, KeyError, TypeError):
        raise UserError(
            Phrase("The list of HQ keys here is damaged: set HQ's key again.")
        ) from None


def field_recipients(inst: Installation) -> list[str]:
    """Everyone bundles are encrypted to: HQ's key, then every analyst's key added."""
    first = field_recipient(inst)
    out = [first] if first else []
    for key in team_keys(inst):
        if key.recipient not in out:
            out.append(key.recipient)
    return out


def add_hq_key(inst: Installation, path: Path, *, confirmed: bool = False) -> HqKeyInfo:
    """Encrypt bundles to one more HQ analyst's key too (HQ's own key must be set first).

    The same check as a first key: signed by an HQ trusted here, or ``confirmed`` by a
    person who checked the fingerprint.
    """
    from app.services.identity import describe_certificate, format_fingerprint

    if not inst.get_setting(SETTING_RECIPIENT):
        raise UserError(
            Phrase("Set HQ's key first ('muster hq-key set FILE'), then add the others.")
        )
    recipient, cert, signature = read_hq_key_file(path)
    name, fingerprint = "", ""
    if cert:
        described = describe_certificate(cert)
        name, fingerprint = described.name, described.fingerprint
    info = HqKeyInfo(recipient, name, fingerprint,
                     _signed_by_trusted_hq(inst, recipient, cert, signature))  # fmt: skip
    team = team_keys(inst)
    if recipient in field_recipients(inst):
        return info
    if len(team) >= MAX_TEAM:
        raise UserError(
            Phrase("Bundles can be encrypted to at most {most} HQ keys.", most=MAX_TEAM + 1)
        )
    if not info.signed_by_trusted and not confirmed:
        who = (f"{shown(name)}, certificate fingerprint {format_fingerprint(fingerprint)}"
               if cert else "no certificate")  # fmt: skip
        raise HqKeyConfirmationNeeded(
            Phrase(
                "Check this HQ key with HQ before adding it: {recipient} ({who}); once checked, "
                "run the command again with --yes.",
                recipient=recipient,
                who=who,
            ),
            info,
        )
    team.append(TeamKey(recipient, name, fingerprint))
    inst.set_settings({SETTING_TEAM: json.dumps([vars(k) for k in team])})
    return info


def remove_hq_key(inst: Installation, recipient: str) -> bool:
    """Stop encrypting to an analyst's key added with ``hq-key add``; False if not there."""
    team = team_keys(inst)
    kept = [k for k in team if k.recipient != recipient.strip()]
    if len(kept) == len(team):
        return False
    inst.set_settings({SETTING_TEAM: json.dumps([vars(k) for k in kept])})
    return True


def hq_certificate(inst: Installation) -> bytes | None:
    value = inst.get_setting(SETTING_CERTIFICATE)
    return value.encode("ascii") if value else None
