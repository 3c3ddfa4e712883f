"""HQ enrolment of field devices: every HQ installation trusts every enrolled device.

Trusting each focal point by hand at every HQ installation does not scale. Instead,
an HQ installation *enrols* a device once: it checks the fingerprint with the
focal point, then signs an enrolment certificate for the device's own key (issuer:
the HQ certificate). The field installation keeps it and puts it in every bundle.
Any HQ installation that trusts that HQ certificate (one `muster trust add`) then
accepts the device's bundles, and adds the device to its trusted list on import,
so the device's signed PDFs verify there too.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.fileio import write_atomically
from app.services.identity import describe_certificate, load_identity
from app.services.installation import Installation

ENROLMENT_FILE = "enrolment.pem"
VALID_DAYS = 5 * 365


@dataclass(frozen=True)
class EnrolmentCheck:
    trusted: bool
    reason: str
    hq_name: str = ""


def _load(pem: bytes) -> Any:
    from cryptography import x509

    try:
        return x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise UserError("This file is not an enrolment certificate.") from None


def _same_key(a: Any, b: Any) -> bool:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    spki = (Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return bool(a.public_key().public_bytes(*spki) == b.public_key().public_bytes(*spki))


def issue_enrolment(inst: Installation, device_certificate_pem: bytes, hq_key: Any) -> bytes:
    """HQ signs an enrolment certificate for the device's key and trusts the device here."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import Encoding

    from app.services.trust import add_trusted

    own = load_identity(inst)
    if own is None or own.role != "hq":
        raise UserError("Only an HQ installation with its signing identity can enrol devices.")
    hq_cert = _load(own.certificate_pem)
    device = describe_certificate(device_certificate_pem)
    device_cert = _load(device.certificate_pem)
    if device.role == "hq":
        raise UserError("That certificate belongs to an HQ installation; enrol field devices.")
    now = datetime.now(UTC)
    enrolment = (
        x509.CertificateBuilder()
        .subject_name(device_cert.subject)
        .issuer_name(hq_cert.subject)
        .public_key(device_cert.public_key())
        .serial_number(int.from_bytes(secrets.token_bytes(16), "big") >> 1)
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(hq_key, hashes.SHA256())
    )
    add_trusted(inst, device.certificate_pem, note=f"enrolled by {own.name} (this installation)")
    return bytes(enrolment.public_bytes(Encoding.PEM))


def enrolment_path(inst: Installation) -> Path:
    return inst.paths.keys / ENROLMENT_FILE


def set_enrolment(inst: Installation, pem: bytes) -> str:
    """Keep HQ's enrolment certificate for this device; returns who issued it."""
    own = load_identity(inst)
    if own is None:
        raise UserError("Create your signing identity first ('muster init').")
    enrolment = _load(pem)
    if not _same_key(enrolment, _load(own.certificate_pem)):
        raise UserError("This enrolment certificate was made for another device's key.")
    write_atomically(enrolment_path(inst), pem, private=True)
    return describe_certificate_issuer(enrolment)


def describe_certificate_issuer(cert: Any) -> str:
    from cryptography.x509.oid import NameOID

    names = cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else "HQ"


def load_enrolment(inst: Installation) -> bytes | None:
    path = enrolment_path(inst)
    return path.read_bytes() if path.is_file() else None


def check_enrolment(
    inst: Installation, device_certificate_pem: bytes, enrolment_pem: bytes
) -> EnrolmentCheck:
    """Whether ``enrolment_pem`` makes the device trusted here: issued for the device's key
    by an HQ certificate this installation trusts, and still valid."""
    from cryptography.exceptions import InvalidSignature

    from app.services.trust import list_trusted

    try:
        enrolment = _load(enrolment_pem)
    except UserError:
        return EnrolmentCheck(False, "Its enrolment certificate cannot be read.")
    device = _load(describe_certificate(device_certificate_pem).certificate_pem)
    if not _same_key(enrolment, device):
        return EnrolmentCheck(False, "Its enrolment certificate is for another device's key.")
    now = datetime.now(UTC)
    if not (enrolment.not_valid_before_utc <= now <= enrolment.not_valid_after_utc):
        return EnrolmentCheck(False, "Its enrolment certificate has expired.")
    own = load_identity(inst)
    candidates = [own.certificate_pem] if own is not None else []
    candidates += [t.certificate_pem for t in list_trusted(inst)]
    for pem in candidates:
        info = describe_certificate(pem)
        if info.role != "hq":
            continue
        issuer = _load(info.certificate_pem)
        try:
            enrolment.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return EnrolmentCheck(True, f"It was enrolled by HQ ({info.name}).", info.name)
    return EnrolmentCheck(
        False, "Its enrolment certificate was not issued by an HQ installation trusted here."
    )
