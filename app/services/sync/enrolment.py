"""HQ enrolment of field devices: HQ vouches for a device's key, mission and id, for a while.

Trusting each focal point by hand at every HQ installation does not scale. An HQ
installation *enrols* a device once: a person checks the fingerprint with the focal
point, decides its mission, and HQ signs an enrolment certificate for the device's own
key. The enrolment names the device (UID), its mission (OU) and role (field), and
expires after ``VALID_DAYS``. The field keeps it and puts it in every bundle; any
installation that trusts that HQ then accepts the device *with the rights the enrolment
states*, never those of the device's own (self-signed) certificate, so a device cannot
promote itself to HQ, change mission or take another device's id.

Only a certificate that says it may issue certificates (basicConstraints CA with
pathLen 0, keyUsage keyCertSign, RFC 5280) and that is trusted here as HQ is accepted
as an issuer. HQ certificates made before this rule are re-issued for the same key
(``upgrade_hq_certificate``, done on the first enrolment); enrolments the old
certificate signed stay valid, as the key is the same.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.fileio import write_atomically
from app.l10n import Phrase
from app.services.identity import certificate_path, describe_certificate, load_identity
from app.services.installation import Installation
from app.services.sync.display import shown
from app.services.sync.trust import SignerInfo, hq_issuers, key_sha256

ENROLMENT_FILE = "enrolment.pem"
VALID_DAYS = 2 * 365  # a field laptop may be offline for months; HQ renews every two years


@dataclass(frozen=True)
class EnrolmentCheck:
    trusted: bool
    reason: str
    hq_name: str = ""
    signer: SignerInfo | None = None
    issuer_not_issuing: bool = False  # signed by a trusted HQ whose certificate cannot issue
    revoked: bool = False  # an HQ trusted here revoked this very enrolment


def serial_text(serial: int) -> str:
    """An enrolment's serial number as revocations and trusted entries name it."""
    return f"{serial:x}"


def enrolment_serial(pem: bytes) -> str:
    """The serial of an enrolment certificate (PEM); UserError when it is not one."""
    return serial_text(_load(pem).serial_number)


def _load(pem: bytes) -> Any:
    from cryptography import x509

    try:
        return x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise UserError(Phrase("This file is not an enrolment certificate.")) from None


def _same_key(a: Any, b: Any) -> bool:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    spki = (Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return bool(a.public_key().public_bytes(*spki) == b.public_key().public_bytes(*spki))


def is_issuing_certificate(cert: Any) -> bool:
    """basicConstraints CA with pathLen 0 and keyUsage keyCertSign: may sign enrolments."""
    from cryptography import x509

    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return bool(constraints.ca and constraints.path_length == 0 and usage.key_cert_sign)


def hq_certificate_extensions(builder: Any, public: Any) -> Any:
    """The extensions of an HQ certificate: a signer that may issue enrolments (RFC 5280)."""
    from cryptography import x509

    return builder.add_extension(
        x509.BasicConstraints(ca=True, path_length=0), critical=True
    ).add_extension(
        x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False,
        ),
        critical=True,
    )  # fmt: skip


def upgrade_hq_certificate(inst: Installation, hq_key: Any) -> bool:
    """Re-issue an old HQ certificate (no CA constraints) for the same key; True if done."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import Encoding

    own = load_identity(inst)
    if own is None or own.role != "hq":
        return False
    old = _load(own.certificate_pem)
    if is_issuing_certificate(old):
        return False
    if not _same_key(old, hq_key):
        raise UserError(
            Phrase("The signing key does not belong to this installation's certificate.")
        )
    builder = (
        x509.CertificateBuilder()
        .subject_name(old.subject)
        .issuer_name(old.subject)
        .public_key(old.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(old.not_valid_before_utc)
        .not_valid_after(old.not_valid_after_utc)
    )
    builder = hq_certificate_extensions(builder, old.public_key())
    for ext in old.extensions:
        if not isinstance(ext.value, x509.BasicConstraints | x509.KeyUsage):
            builder = builder.add_extension(ext.value, critical=ext.critical)
    new = builder.sign(hq_key, hashes.SHA256())
    write_atomically(certificate_path(inst), new.public_bytes(Encoding.PEM), private=True)
    inst.set_settings({"identity.fingerprint": describe_certificate(
        new.public_bytes(Encoding.PEM)).fingerprint})  # fmt: skip
    return True


def issue_enrolment(
    inst: Installation, device_certificate_pem: bytes, hq_key: Any, mission: str | None = None
) -> bytes:
    """HQ signs an enrolment for the device's key, naming its id and mission (field role)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import Encoding
    from cryptography.x509.oid import NameOID

    from app.services.sync.trust import add_trusted

    own = load_identity(inst)
    if own is None or own.role != "hq":
        raise UserError(
            Phrase("Only an HQ installation with its signing identity can enrol devices.")
        )
    upgrade_hq_certificate(inst, hq_key)
    hq_cert = _load(certificate_path(inst).read_bytes())
    device = describe_certificate(device_certificate_pem)
    device_cert = _load(device.certificate_pem)
    if device.role == "hq":
        raise UserError(
            Phrase("That certificate belongs to an HQ installation; enrol field devices.")
        )
    mission = (mission or device.mission).strip().upper()
    if not mission:
        raise UserError(Phrase("Say which mission the device works for (--mission CODE)."))
    if not device.device_id:
        raise UserError(
            Phrase("That certificate does not name its device; it was not made by Muster.")
        )
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, device.name or "device")]
    if device.title:
        attributes.append(x509.NameAttribute(NameOID.TITLE, device.title))
    attributes += [
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, mission),
        x509.NameAttribute(NameOID.BUSINESS_CATEGORY, "field"),
        x509.NameAttribute(NameOID.USER_ID, device.device_id),
    ]
    now = datetime.now(UTC)
    serial = int.from_bytes(secrets.token_bytes(16), "big") >> 1
    enrolment = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(hq_cert.subject)
        .public_key(device_cert.public_key())
        .serial_number(serial)
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(hq_key, hashes.SHA256())
    )
    add_trusted(inst, device.certificate_pem, note=f"enrolled by {own.name} (this installation)",
                role="field", mission=mission, enrolment_serial=serial_text(serial))  # fmt: skip
    return bytes(enrolment.public_bytes(Encoding.PEM))


def enrolment_path(inst: Installation) -> Path:
    return inst.paths.keys / ENROLMENT_FILE


def set_enrolment(inst: Installation, pem: bytes) -> str:
    """Keep HQ's enrolment certificate for this device; returns who issued it."""
    own = load_identity(inst)
    if own is None:
        raise UserError(Phrase("Create your signing identity first ('muster init')."))
    enrolment = _load(pem)
    if not _same_key(enrolment, _load(own.certificate_pem)):
        raise UserError(Phrase("This enrolment certificate was made for another device's key."))
    device = _subject(enrolment)
    if device["device_id"] and device["device_id"] != inst.device_id:
        raise UserError(Phrase("This enrolment certificate names another device."))
    write_atomically(enrolment_path(inst), pem, private=True)
    return shown(describe_certificate_issuer(enrolment))


def describe_certificate_issuer(cert: Any) -> str:
    from cryptography.x509.oid import NameOID

    names = cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else "HQ"


def load_enrolment(inst: Installation) -> bytes | None:
    path = enrolment_path(inst)
    return path.read_bytes() if path.is_file() else None


def _subject(cert: Any) -> dict[str, str]:
    from cryptography.x509.oid import NameOID

    def attr(oid: Any) -> str:
        values = cert.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    return {
        "name": attr(NameOID.COMMON_NAME), "title": attr(NameOID.TITLE),
        "mission": attr(NameOID.ORGANIZATIONAL_UNIT_NAME),
        "role": attr(NameOID.BUSINESS_CATEGORY), "device_id": attr(NameOID.USER_ID),
    }  # fmt: skip


def check_enrolment(
    inst: Installation, device_certificate_pem: bytes, enrolment_pem: bytes
) -> EnrolmentCheck:
    """Whether ``enrolment_pem`` makes the device trusted here, and with which rights.

    Issued for the device's key, by an issuing certificate trusted here as HQ, still
    valid, and for a field device: the rights are those the enrolment names.
    """
    from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm

    try:
        enrolment = _load(enrolment_pem)
    except UserError:
        return EnrolmentCheck(False, Phrase("Its enrolment certificate cannot be read."))
    device_info = describe_certificate(device_certificate_pem)
    device = _load(device_info.certificate_pem)
    try:
        same = _same_key(enrolment, device)
        subject = _subject(enrolment)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return EnrolmentCheck(False, Phrase("Its enrolment certificate cannot be read."))
    if not same:
        return EnrolmentCheck(
            False, Phrase("Its enrolment certificate is for another device's key.")
        )
    now = datetime.now(UTC)
    if not (enrolment.not_valid_before_utc <= now <= enrolment.not_valid_after_utc):
        return EnrolmentCheck(
            False,
            Phrase(
                "Its enrolment certificate expired on {expired:%Y-%m-%d}.",
                expired=enrolment.not_valid_after_utc,
            ),
        )
    if subject["role"] != "field" or not subject["mission"] or not subject["device_id"]:
        return EnrolmentCheck(
            False, Phrase("Its enrolment certificate does not name a field device.")
        )
    from app.services.sync.revocation import enrolment_revocation

    revoked = enrolment_revocation(inst, serial_text(enrolment.serial_number), subject["device_id"])
    if revoked is not None:
        return EnrolmentCheck(False, revoked.enrolment_sentence(), revoked=True)
    refused_issuer = ""
    for pem in hq_issuers(inst):
        issuer = _load(describe_certificate(pem).certificate_pem)
        try:
            enrolment.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
            continue
        hq_name = describe_certificate(pem).name
        if not is_issuing_certificate(issuer):
            refused_issuer = hq_name
            continue
        signer = SignerInfo(
            name=device_info.name, title=device_info.title, mission=subject["mission"],
            role="field", device_id=subject["device_id"], fingerprint=device_info.fingerprint,
            certificate_pem=device_info.certificate_pem,
            key_sha256=key_sha256(device_info.certificate_pem), enrolled_by=hq_name,
            enrolment_serial=serial_text(enrolment.serial_number),
        )  # fmt: skip
        return EnrolmentCheck(
            True, Phrase("It was enrolled by HQ ({shown}).", shown=shown(hq_name)), hq_name, signer
        )
    if refused_issuer:
        return EnrolmentCheck(
            False,
            Phrase(
                "Its enrolment was signed by HQ ({shown}), whose certificate here is not an "
                "issuing one; trust HQ's upgraded certificate ('muster trust add').",
                shown=shown(refused_issuer),
            ),
            issuer_not_issuing=True,
        )
    return EnrolmentCheck(
        False,
        Phrase("Its enrolment certificate was not issued by an HQ installation trusted here."),
    )
