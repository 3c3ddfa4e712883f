"""The installation's signing identity: an ECDSA P-256 key and a self-signed certificate.

The certificate names the focal point (CN), their title, the United Nations (O), the
mission (OU), the role (businessCategory: field or hq) and the device id (UID), so
a signed PDF says who made it and on which installation. ECDSA P-256 because
Poppler's ``pdfsig`` and common readers do not understand Ed25519.

The private key never leaves the machine unencrypted. It is stored as a standard
PKCS#8 ``ENCRYPTED PRIVATE KEY`` (PBES2: PBKDF2-HMAC-SHA256 with 600,000
iterations, AES-256-CBC), readable by OpenSSL. We build that structure ourselves
because ``cryptography``'s ``BestAvailableEncryption`` uses only 2,048 PBKDF2
iterations, far too few for a human passphrase, and its encryption builder does
not offer PKCS#8. The keys folder is private to the user (0700, files 0600).

The passphrase is the one that unlocks the data key (app/services/vault/), so one
passphrase opens Muster and signs. A second copy of the key, sealed with the data
key (``signing-key.sealed``), lets the recovery key restore signing after a
forgotten passphrase: the key is then re-encrypted with the new passphrase.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.fileio import cannot_write, write_atomically
from app.l10n import Phrase
from app.paths import Paths
from app.services.installation import Installation, Profile

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey

KEY_FILE = "signing-key.pem"  # = app.services.vault.SIGNING_KEY_FILE
ESCROW_FILE = "signing-key.sealed"
CERT_FILE = "certificate.pem"
PBKDF2_ITERATIONS = 600_000  # OWASP 2023 guidance for PBKDF2-HMAC-SHA256
MIN_PASSPHRASE = 10
CERT_VALIDITY_DAYS = 3653  # ten years
ORGANISATION = "United Nations"
DOCUMENT_SIGNING_OID = "1.3.6.1.5.5.7.3.36"  # id-kp-documentSigning (RFC 9336)
PASSPHRASE_ENV = "MUSTER_PASSPHRASE"


@dataclass(frozen=True)
class CertificateInfo:
    """What a certificate says about its holder, read from its subject."""

    name: str
    title: str
    mission: str
    role: str
    email: str
    device_id: str
    fingerprint: str
    not_before: datetime
    not_after: datetime
    certificate_pem: bytes


@dataclass(frozen=True)
class IdentityInfo:
    """This installation's signer: who, where, and the certificate HQ will trust."""

    name: str
    title: str
    mission: str
    role: str
    email: str
    device_id: str
    fingerprint: str  # SHA-256 of the certificate DER, lowercase hex, no colons
    certificate_pem: bytes
    created_at: datetime  # naive UTC


# --- certificates ----------------------------------------------------------------------


def _load_certificate(data: bytes) -> x509.Certificate:
    """A certificate from PEM or DER bytes; UserError when it is neither."""
    from cryptography import x509

    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise UserError(Phrase("This file is not a certificate, or it is damaged.")) from None


def certificate_fingerprint(cert_pem_or_der: bytes) -> str:
    """SHA-256 of the certificate's DER encoding: lowercase hex without colons."""
    from cryptography.hazmat.primitives.serialization import Encoding

    der = _load_certificate(cert_pem_or_der).public_bytes(Encoding.DER)
    return hashlib.sha256(der).hexdigest()


def format_fingerprint(fingerprint: str, groups: int | None = None) -> str:
    """'1a2b 3c4d …' in groups of four for people to read aloud and compare."""
    parts = [fingerprint[i : i + 4].upper() for i in range(0, len(fingerprint), 4)]
    if groups is not None and groups < len(parts):
        return " ".join(parts[:groups]) + " …"
    return " ".join(parts)


def describe_certificate(cert_pem_or_der: bytes) -> CertificateInfo:
    """The holder's name, title, mission, role, e-mail and device as written in a certificate."""
    from cryptography.hazmat.primitives.serialization import Encoding
    from cryptography.x509.oid import NameOID

    cert = _load_certificate(cert_pem_or_der)
    subject = cert.subject

    def attr(oid: x509.ObjectIdentifier) -> str:
        values = subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    der = cert.public_bytes(Encoding.DER)
    return CertificateInfo(
        name=attr(NameOID.COMMON_NAME),
        title=attr(NameOID.TITLE),
        mission=attr(NameOID.ORGANIZATIONAL_UNIT_NAME),
        role=attr(NameOID.BUSINESS_CATEGORY),
        email=attr(NameOID.EMAIL_ADDRESS),
        device_id=attr(NameOID.USER_ID),
        fingerprint=hashlib.sha256(der).hexdigest(),
        not_before=cert.not_valid_before_utc.replace(tzinfo=None),
        not_after=cert.not_valid_after_utc.replace(tzinfo=None),
        certificate_pem=cert.public_bytes(Encoding.PEM),
    )


def _make_certificate(
    key: EllipticCurvePrivateKey, profile: Profile, device_id: str
) -> x509.Certificate:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, profile.name)]
    if profile.title:
        attributes.append(x509.NameAttribute(NameOID.TITLE, profile.title))
    attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION))
    if profile.mission:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, profile.mission))
    attributes.append(x509.NameAttribute(NameOID.BUSINESS_CATEGORY, profile.role))
    if profile.email:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, profile.email))
    attributes.append(x509.NameAttribute(NameOID.USER_ID, device_id))
    name = x509.Name(attributes)
    now = datetime.now(UTC)
    public = key.public_key()
    hq = profile.role == "hq"  # HQ issues enrolments: a CA that signs end entities only
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=CERT_VALIDITY_DAYS))
        .add_extension(x509.BasicConstraints(ca=hq, path_length=0 if hq else None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # non-repudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=hq,
                crl_sign=hq,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.EMAIL_PROTECTION, ObjectIdentifier(DOCUMENT_SIGNING_OID)]
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
    )
    if profile.email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(profile.email)]), critical=False
        )
    return builder.sign(key, hashes.SHA256())


# --- the private key at rest -----------------------------------------------------------


def encrypt_private_key(key: EllipticCurvePrivateKey, passphrase: str) -> bytes:
    """PEM ``ENCRYPTED PRIVATE KEY``: PBES2 with PBKDF2-HMAC-SHA256 (600k) and AES-256-CBC."""
    from asn1crypto import algos, core, keys, pem
    from cryptography.hazmat.primitives import hashes, padding, serialization
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    plain = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    salt, iv = secrets.token_bytes(16), secrets.token_bytes(16)
    aes_key = PBKDF2HMAC(hashes.SHA256(), 32, salt, PBKDF2_ITERATIONS).derive(
        passphrase.encode("utf-8")
    )
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(aes_key), modes.CBC(iv)).encryptor()
    encrypted = encryptor.update(padded) + encryptor.finalize()
    info = keys.EncryptedPrivateKeyInfo(
        {
            "encryption_algorithm": {
                "algorithm": "pbes2",
                "parameters": {
                    "key_derivation_func": {
                        "algorithm": "pbkdf2",
                        "parameters": {
                            "salt": algos.Pbkdf2Salt(
                                name="specified", value=core.OctetString(salt)
                            ),
                            "iteration_count": PBKDF2_ITERATIONS,
                            "prf": {"algorithm": "sha256"},
                        },
                    },
                    "encryption_scheme": {"algorithm": "aes256_cbc", "parameters": iv},
                },
            },
            "encrypted_data": encrypted,
        }
    )
    return bytes(pem.armor("ENCRYPTED PRIVATE KEY", info.dump()))


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` atomically to a file only the user can read."""
    write_atomically(path, data, private=True)


def check_passphrase(passphrase: str, user_inputs: tuple[str, ...] | list[str] = ()) -> None:
    """Refuse guessable passphrases (zxcvbn's estimate), in one plain sentence saying why."""
    from app.services.vault.strength import check_strength

    check_strength(passphrase, user_inputs)


def _escrow(inst: Installation, key: EllipticCurvePrivateKey) -> None:
    """The signing key sealed with the data key, for a reset with the recovery key."""
    from cryptography.hazmat.primitives import serialization

    from app.services.vault.sealed import seal

    if inst.key is None:
        return
    plain = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_private(inst.paths.keys / ESCROW_FILE, seal(inst.key, plain))


def check_signing_passphrase(paths: Paths, passphrase: str) -> EllipticCurvePrivateKey | None:
    """The signing key of ``paths`` opened with ``passphrase`` (None when there is none yet)."""
    from app.services import vault

    return vault.open_signing_key(paths, passphrase)


def reencrypt_signing_key(inst: Installation, key: EllipticCurvePrivateKey, new: str) -> None:
    """Write the signing key under a new passphrase (and refresh its sealed copy)."""
    _write_private(key_path(inst), encrypt_private_key(key, new))
    _escrow(inst, key)


def signing_key_from_escrow(inst: Installation) -> EllipticCurvePrivateKey | None:
    """The signing key from its sealed copy (after unlocking with the recovery key)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.services.vault.sealed import unseal

    file = inst.paths.keys / ESCROW_FILE
    if inst.key is None or not file.exists():
        return None
    key = serialization.load_der_private_key(unseal(inst.key, file.read_bytes(), file.name), None)
    return key if isinstance(key, ec.EllipticCurvePrivateKey) else None


# --- the identity ----------------------------------------------------------------------


def key_path(inst: Installation) -> Path:
    return inst.paths.keys / KEY_FILE


def certificate_path(inst: Installation) -> Path:
    return inst.paths.keys / CERT_FILE


def _identity_from(cert_pem: bytes, created_at: datetime | None = None) -> IdentityInfo:
    info = describe_certificate(cert_pem)
    return IdentityInfo(
        name=info.name,
        title=info.title,
        mission=info.mission,
        role=info.role,
        email=info.email,
        device_id=info.device_id,
        fingerprint=info.fingerprint,
        certificate_pem=info.certificate_pem,
        created_at=created_at or info.not_before,
    )


def load_identity(inst: Installation) -> IdentityInfo | None:
    """This installation's identity, or None before ``muster init`` / the first-run dialog.

    Reads files only (no database), so the UI may call it on the GUI thread.
    """
    cert_file, key_file = certificate_path(inst), key_path(inst)
    if not (cert_file.exists() and key_file.exists()):
        return None
    return _identity_from(cert_file.read_bytes())


def create_identity(inst: Installation, profile: Profile, passphrase: str) -> IdentityInfo:
    """Save the profile, then make the signing key (encrypted) and the certificate."""
    existing = load_identity(inst)
    if existing is not None:
        raise UserError(
            Phrase(
                "This installation already has a signing identity ({existing}, fingerprint "
                "{fingerprint}). 'muster identity' shows it. To make a new one, move the folder "
                "{keys} somewhere safe first; documents already signed stay valid.",
                existing=existing.name,
                fingerprint=format_fingerprint(existing.fingerprint, 4),
                keys=inst.paths.keys,
            )
        )
    check_passphrase(passphrase, [profile.name, profile.title, profile.mission, profile.email])
    _check_same_as_data_key(inst, passphrase)
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding

    saved = inst.save_profile(profile)
    inst.paths.ensure()
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _make_certificate(key, saved, inst.device_id)
    cert_pem = cert.public_bytes(Encoding.PEM)
    # Key first: a certificate without its key would look like an identity that cannot sign.
    _write_private(key_path(inst), encrypt_private_key(key, passphrase))
    _escrow(inst, key)
    _write_private(certificate_path(inst), cert_pem)
    info = _identity_from(cert_pem)
    inst.set_settings({"identity.fingerprint": info.fingerprint})
    return info


def _check_same_as_data_key(inst: Installation, passphrase: str) -> None:
    """One passphrase for everything: the signing key's must unlock the data too."""
    from app.services import vault

    if inst.key is None or not vault.has_key(inst.paths):
        return
    try:
        vault.unlock(inst.paths, passphrase)
    except UserError:
        raise UserError(
            Phrase(
                "Use the passphrase that unlocks Muster on this computer: "
                "one passphrase protects your data and your signing key."
            ),
            field="passphrase",
        ) from None


def require_identity(inst: Installation) -> IdentityInfo:
    """The identity, or a sentence saying how to create one."""
    identity = load_identity(inst)
    if identity is None:
        raise UserError(
            Phrase(
                "This installation has no signing identity yet. Create it with 'muster init' "
                "or from Tools > My signing identity in the app."
            )
        )
    return identity


def unlock_private_key(inst: Installation, passphrase: str) -> EllipticCurvePrivateKey:
    """Decrypt the signing key; UserError "The passphrase is not right." when it is not."""

    require_identity(inst)
    key = check_signing_passphrase(inst.paths, passphrase)
    assert key is not None  # require_identity checked that the file is there
    return key


def export_certificate(inst: Installation, destination: Path) -> Path:
    """Write the certificate (public, safe to share) for HQ to trust."""
    identity = require_identity(inst)
    destination = Path(destination)
    try:
        destination.write_bytes(identity.certificate_pem)
    except OSError as exc:
        raise cannot_write(destination, exc) from None
    return destination
