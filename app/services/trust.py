"""Which signers this installation trusts: its own certificate and those added by hand.

Certificates are self-signed (there is no network and no certificate authority in
the field), so trust is a list of SHA-256 fingerprints the user checked, typically
read aloud over the phone or handed over on paper. HQ adds each focal point's
certificate; a field installation may add HQ's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.db.base import utcnow
from app.db.models import TrustedSigner
from app.errors import NotFoundError
from app.services.identity import describe_certificate, format_fingerprint, load_identity
from app.services.installation import Installation


@dataclass(frozen=True)
class TrustedSignerInfo:
    fingerprint: str
    name: str
    title: str
    mission: str
    device_id: str
    added_at: datetime
    note: str
    certificate_pem: bytes


def _info(row: TrustedSigner) -> TrustedSignerInfo:
    return TrustedSignerInfo(
        fingerprint=row.fingerprint,
        name=row.name,
        title=row.title,
        mission=row.mission,
        device_id=row.device_id,
        added_at=row.added_at,
        note=row.note,
        certificate_pem=row.certificate_pem.encode("ascii"),
    )


def add_trusted(inst: Installation, certificate_pem: bytes, note: str = "") -> TrustedSignerInfo:
    """Trust a certificate (PEM or DER); adding it again updates the note."""
    cert = describe_certificate(certificate_pem)  # UserError when not a certificate
    with inst.db.transaction() as session:
        row = session.get(TrustedSigner, cert.fingerprint)
        if row is None:
            row = TrustedSigner(fingerprint=cert.fingerprint, added_at=utcnow())
            session.add(row)
        row.name, row.title, row.mission = cert.name, cert.title, cert.mission
        row.device_id = cert.device_id
        row.certificate_pem = cert.certificate_pem.decode("ascii")
        row.note = note or row.note or ""
        session.flush()
        return _info(row)


def list_trusted(inst: Installation) -> list[TrustedSignerInfo]:
    with inst.db.reading() as session:
        rows = session.scalars(
            select(TrustedSigner).order_by(TrustedSigner.mission, TrustedSigner.name)
        )
        return [_info(r) for r in rows]


def remove_trusted(inst: Installation, fingerprint: str) -> None:
    """Stop trusting a certificate, named by its fingerprint (colons and spaces ignored)."""
    wanted = fingerprint.replace(":", "").replace(" ", "").lower()
    with inst.db.transaction() as session:
        row = session.get(TrustedSigner, wanted)
        if row is None:
            raise NotFoundError(f"No trusted certificate has the fingerprint {fingerprint}.")
        session.delete(row)


def is_trusted(inst: Installation, certificate_pem: bytes) -> tuple[bool, str]:
    """Whether this installation trusts the certificate, and why (or why not), in plain words."""
    cert = describe_certificate(certificate_pem)
    own = load_identity(inst)
    if own is not None and own.fingerprint == cert.fingerprint:
        return True, "It is this installation's own certificate."
    with inst.db.reading() as session:
        row = session.get(TrustedSigner, cert.fingerprint)
        if row is not None:
            return (
                True,
                f"Its certificate was added to the trusted list on {row.added_at:%Y-%m-%d}.",
            )
    who = cert.name or "the signer"
    return False, (
        f"The certificate of {who} (fingerprint {format_fingerprint(cert.fingerprint, 4)}) "
        "is not in this installation's trusted list. Check the fingerprint with the signer, "
        "then add their certificate ('muster trust add FILE')."
    )
