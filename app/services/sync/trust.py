"""Whom this installation trusts, with which rights, and whom it no longer trusts.

Certificates are self-signed (no network, no authority in the field), so trust starts
with a fingerprint a person checked (read aloud over the phone). Trusting a signer also
records its *rights*: its role (field or HQ) and, for a field device, its mission, as
the person trusting it decided (what the certificate claims is only shown to them).
A device can also be trusted through an HQ enrolment (see ``enrolment``), whose role,
mission and device id are HQ's decision, signed by HQ.

``trust remove`` keeps the row with a removal time, so no later bundle or enrolment can
add the signer back; only ``trust add`` by a person does. Revocations (see
``revocation``) do the same everywhere they travel.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.db.base import utcnow
from app.db.models import ROLES, TrustedSigner
from app.errors import NotFoundError, UserError
from app.l10n import Phrase
from app.services.identity import (
    CertificateInfo,
    describe_certificate,
    format_fingerprint,
    load_identity,
)
from app.services.installation import Installation
from app.services.sync.display import shown


@dataclass(frozen=True)
class TrustedSignerInfo:
    fingerprint: str
    name: str
    title: str
    mission: str
    role: str
    device_id: str
    added_at: datetime
    note: str
    certificate_pem: bytes
    removed_at: datetime | None = None
    enrolment_serial: str | None = None  # the HQ enrolment this trust came from


@dataclass(frozen=True)
class SignerInfo:
    """Who signed a bundle and what they may change here (role and mission decided here)."""

    name: str
    title: str
    mission: str  # the mission code whose records a field device may change
    role: str  # "field" or "hq"
    device_id: str
    fingerprint: str
    certificate_pem: bytes
    key_sha256: str = ""
    enrolled_by: str = ""  # the HQ whose enrolment made it trusted here, when that is why
    enrolment_serial: str = ""  # that enrolment certificate's serial number (hex)

    @property
    def is_hq(self) -> bool:
        return self.role == "hq"

    def describe(self) -> str:
        who = shown(self.name or self.device_id[:8])
        return f"{who} (HQ)" if self.is_hq else f"{who} (field device of {shown(self.mission)})"


class UntrustedSignerError(UserError):
    """A well-formed bundle signed by someone this installation does not trust (yet)."""

    def __init__(self, message: str, signer: SignerInfo) -> None:
        super().__init__(message)
        self.signer = signer


def key_sha256(certificate_pem: bytes) -> str:
    """SHA-256 of the certificate's public key (SubjectPublicKeyInfo): the key, whatever cert."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    cert = x509.load_pem_x509_certificate(describe_certificate(certificate_pem).certificate_pem)
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


def _info(row: TrustedSigner) -> TrustedSignerInfo:
    return TrustedSignerInfo(
        fingerprint=row.fingerprint, name=row.name, title=row.title, mission=row.mission,
        role=row.role or _claimed_role(row.certificate_pem), device_id=row.device_id,
        added_at=row.added_at, note=row.note, certificate_pem=row.certificate_pem.encode("ascii"),
        removed_at=row.removed_at, enrolment_serial=row.enrolment_serial,
    )  # fmt: skip


def _claimed_role(pem: str) -> str:
    """Rows trusted before roles were recorded: the role the person saw when trusting."""
    role = describe_certificate(pem.encode("ascii")).role
    return role if role in ROLES else "field"


def _decided_rights(
    cert: CertificateInfo, role: str | None, mission: str | None
) -> tuple[str, str]:
    role = role or (cert.role if cert.role in ROLES else "field")
    if role not in ROLES:
        raise UserError(Phrase("The role must be 'field' or 'hq'."))
    mission = (mission if mission is not None else cert.mission).strip().upper()
    if role == "field" and not mission:
        raise UserError(Phrase("A field device needs its mission: add --mission CODE."))
    return role, mission


def add_trusted(
    inst: Installation,
    certificate_pem: bytes,
    note: str = "",
    *,
    role: str | None = None,
    mission: str | None = None,
    enrolment_serial: str | None = None,
) -> TrustedSignerInfo:
    """Trust a certificate (PEM or DER) with the given rights (default: what it claims).

    Adding it again updates the note and rights, and lifts an earlier removal.
    ``enrolment_serial``: the enrolment the rights come from (HQ enrolling the device);
    None when a person decides them, which then outlasts any enrolment revocation.
    """
    cert = describe_certificate(certificate_pem)  # UserError when not a certificate
    role, mission = _decided_rights(cert, role, mission)
    with inst.db.transaction() as session:
        row = session.get(TrustedSigner, cert.fingerprint)
        if row is None:
            row = TrustedSigner(fingerprint=cert.fingerprint, added_at=utcnow())
            session.add(row)
        row.name, row.title, row.mission, row.role = cert.name, cert.title, mission, role
        row.device_id = cert.device_id
        row.certificate_pem = cert.certificate_pem.decode("ascii")
        row.key_sha256 = key_sha256(cert.certificate_pem)
        row.note = note or row.note or ""
        row.removed_at = None
        row.enrolment_serial = enrolment_serial
        session.flush()
        return _info(row)


def list_trusted(inst: Installation, include_removed: bool = False) -> list[TrustedSignerInfo]:
    with inst.db.reading() as session:
        query = select(TrustedSigner).order_by(TrustedSigner.mission, TrustedSigner.name)
        if not include_removed:
            query = query.where(TrustedSigner.removed_at.is_(None))
        return [_info(r) for r in session.scalars(query)]


def remove_trusted(inst: Installation, fingerprint: str) -> TrustedSignerInfo:
    """Stop trusting a certificate (fingerprint; colons and spaces ignored), for good."""
    wanted = fingerprint.replace(":", "").replace(" ", "").lower()
    with inst.db.transaction() as session:
        row = session.get(TrustedSigner, wanted)
        if row is None or row.removed_at is not None:
            raise NotFoundError(
                Phrase(
                    "No trusted certificate has the fingerprint {shown}.",
                    shown=shown(fingerprint, 100),
                )
            )
        row.removed_at = utcnow()
        return _info(row)


def removal_of(inst: Installation, fingerprint: str, key: str) -> TrustedSignerInfo | None:
    """The removed trusted-list entry for this certificate or its key, if there is one."""
    with inst.db.reading() as session:
        rows = session.scalars(
            select(TrustedSigner).where(
                TrustedSigner.removed_at.is_not(None),
                (TrustedSigner.fingerprint == fingerprint) | (TrustedSigner.key_sha256 == key),
            )
        ).all()
        active = session.get(TrustedSigner, fingerprint)
        if active is not None and active.removed_at is None:
            return None
        return _info(rows[0]) if rows else None


def trusted_entry(inst: Installation, fingerprint: str) -> TrustedSignerInfo | None:
    with inst.db.reading() as session:
        row = session.get(TrustedSigner, fingerprint)
        return _info(row) if row is not None and row.removed_at is None else None


def is_trusted(inst: Installation, certificate_pem: bytes) -> tuple[bool, str]:
    """Whether this installation trusts the certificate, and why (or why not), in plain words."""
    cert = describe_certificate(certificate_pem)
    own = load_identity(inst)
    if own is not None and own.fingerprint == cert.fingerprint:
        return True, Phrase("It is this installation's own certificate.")
    row = trusted_entry(inst, cert.fingerprint)
    if row is not None:
        return True, Phrase("Its certificate was added to the trusted list on {day}.",
                            day=f"{row.added_at:%Y-%m-%d}")  # fmt: skip
    return False, Phrase(
        "The certificate of {who} (fingerprint {fingerprint}) is not in this installation's "
        "trusted list. Check the fingerprint with the signer, then add their certificate "
        "('muster trust add FILE').",
        who=shown(cert.name) if cert.name else Phrase("the signer"),
        fingerprint=format_fingerprint(cert.fingerprint, 4),
    )


def signer_from_trusted(row: TrustedSignerInfo, cert: CertificateInfo) -> SignerInfo:
    return SignerInfo(
        name=cert.name, title=cert.title, mission=row.mission, role=row.role,
        device_id=row.device_id, fingerprint=cert.fingerprint,
        certificate_pem=cert.certificate_pem, key_sha256=key_sha256(cert.certificate_pem),
    )  # fmt: skip


def own_signer(inst: Installation) -> SignerInfo | None:
    """This installation itself as a signer: its rights are its own profile's."""
    own = load_identity(inst)
    if own is None:
        return None
    profile = inst.profile()
    return SignerInfo(
        name=own.name, title=own.title, mission=profile.mission, role=profile.role,
        device_id=inst.device_id, fingerprint=own.fingerprint,
        certificate_pem=own.certificate_pem, key_sha256=key_sha256(own.certificate_pem),
    )  # fmt: skip


def hq_issuers(inst: Installation) -> list[bytes]:
    """Certificates trusted here as HQ (own first when this is HQ): who may enrol and revoke."""
    out = []
    own = own_signer(inst)
    if own is not None and own.is_hq:
        out.append(own.certificate_pem)
    out += [t.certificate_pem for t in list_trusted(inst) if t.role == "hq"]
    return out
