"""The trusted list as HQ reviews it: each signer with its standing and its last bundle.

One row per trusted-list entry (removed ones included, so a revoked or removed laptop
stays visible), the revocation that applies to it if any, and what this installation
last received from that device.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.db.models import Device
from app.services.installation import Installation
from app.services.sync.importer import encryption_required
from app.services.sync.revocation import RevocationInfo, list_revocations
from app.services.sync.trust import TrustedSignerInfo, key_sha256, list_trusted

TRUSTED, REMOVED, REVOKED = "trusted", "removed", "revoked"


@dataclass(frozen=True)
class TrustedDevice:
    signer: TrustedSignerInfo
    revocation: RevocationInfo | None  # of the device, or of the enrolment it is trusted by
    last_received_at: datetime | None
    last_seq: int
    sends_encrypted: bool = False  # it has sent an encrypted bundle here: plain ones refused

    @property
    def standing(self) -> str:
        """``revoked`` wins over ``removed``: a revocation is what travels."""
        if self.revocation is not None:
            return REVOKED
        return REMOVED if self.signer.removed_at is not None else TRUSTED

    @property
    def enrolled(self) -> bool:
        """Trusted here because HQ enrolled it (not because a person added it)."""
        return bool(self.signer.enrolment_serial)


@dataclass(frozen=True)
class TrustOverview:
    devices: list[TrustedDevice]
    revocations: list[RevocationInfo]  # every one known here, the oldest first
    encryption_required: bool = False  # HQ refuses every bundle that is not encrypted


def trust_overview(inst: Installation) -> TrustOverview:
    """Trusted signers (the active ones first) and every revocation known here: three
    queries, matched here."""
    with inst.db.reading() as session:
        received = {
            device_id: (at, seq, bool(encrypted))
            for device_id, at, seq, encrypted in session.execute(
                select(
                    Device.device_id, Device.last_received_at, Device.last_seq,
                    Device.sends_encrypted,
                )
            )
        }  # fmt: skip
    revocations = list_revocations(inst)  # the oldest first
    rows = []
    for signer in list_trusted(inst, include_removed=True):
        last_at, last_seq, encrypted = received.get(signer.device_id, (None, 0, False))
        revoked = _revocation_of(signer, revocations)
        rows.append(TrustedDevice(signer, revoked, last_at, last_seq, encrypted))
    rows.sort(key=lambda r: (r.standing != TRUSTED, r.signer.mission, r.signer.name.casefold()))
    return TrustOverview(rows, revocations, encryption_required(inst))


def _revocation_of(
    signer: TrustedSignerInfo, revocations: list[RevocationInfo]
) -> RevocationInfo | None:
    """As the bundle check decides: the device's earliest revocation (by id or key), else
    the earliest of the enrolment it is trusted by."""
    key = key_sha256(signer.certificate_pem)
    device = [r for r in revocations if r.enrolment_serial is None
              and (r.device_id == signer.device_id or r.key_sha256 == key)]  # fmt: skip
    enrolment = [r for r in revocations if signer.enrolment_serial
                 and (r.enrolment_serial, r.device_id) == (signer.enrolment_serial,
                                                           signer.device_id)]  # fmt: skip
    found = device or enrolment
    return found[0] if found else None
