"""What auditors and donors ask for (revision 0007_audit): per-diem, consent, profiles, evidence.

Each is a table of its own rather than new columns on the old ones, so bundles from
devices still on revision 0003 import unchanged (they simply carry none of these
tables), and a per-diem or consent edit never races a name correction on the same row.
Ids are derived from natural keys where one record per key is meant (one consent per
person and purpose, one per-diem override per person and training): two devices that
record "the same" thing make the same record.

Money is stored exactly, as whole ten-thousandths of the currency unit (``amount_e4``:
33.335 USD is 333350), never as a float.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, SyncMixin, utcnow

PERDIEM_RATE_KINDS = ("day", "night", "transport_person", "transport_place")
PERDIEM_ELIGIBILITY = ("", "yes", "no")  # "": decided by the person's category
CONSENT_PURPOSES = ("named_in_reports", "photos", "follow_up", "partner_sharing")
AGE_BANDS = ("", "under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus")
WG_DOMAINS = ("seeing", "hearing", "walking", "remembering", "self_care", "communicating")
WG_ANSWERS = ("", "none", "some", "a_lot", "cannot")  # "": not recorded
EVIDENCE_KINDS = ("sign_in_sheet", "photo", "payment_sheet", "other")


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class PerdiemPlan(SyncMixin, Base):
    """A training's per-diem settings: which participant categories are paid."""

    __tablename__ = "perdiem_plans"

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), index=True)
    # Category ids whose participants are paid unless set otherwise person by person.
    eligible_categories: Mapped[list[str]] = mapped_column(default=list)


class PerdiemRate(SyncMixin, Base):
    """One rate of a training: per day, per night, transport per person or per place.

    ``location_id`` None means "any place"; a rate for one place wins over it there.
    """

    __tablename__ = "perdiem_rates"
    __table_args__ = (
        CheckConstraint(_in("kind", PERDIEM_RATE_KINDS), name="kind"),
        CheckConstraint("amount_e4 >= 0", name="amount"),
    )

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="day")
    location_id: Mapped[str | None] = mapped_column(ForeignKey("locations.id"))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    amount_e4: Mapped[int] = mapped_column(default=0)


class PerdiemPerson(SyncMixin, Base):
    """One participant's per-diem exceptions; id derived from (training, person)."""

    __tablename__ = "perdiem_people"
    __table_args__ = (CheckConstraint(_in("eligible", PERDIEM_ELIGIBILITY), name="eligible"),)

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    eligible: Mapped[str] = mapped_column(String(3), default="")
    # False for someone who sleeps at home: no night rate for them.
    nights: Mapped[bool] = mapped_column(default=True, server_default="1")


class Consent(SyncMixin, Base):
    """A person's answer for one purpose; id derived from (person, purpose).

    Given: ``granted`` and no ``withdrawn_on``. Refused: not ``granted``. Withdrawn:
    ``withdrawn_on`` set. No row (or a deleted one): not recorded.
    """

    __tablename__ = "consents"
    __table_args__ = (CheckConstraint(_in("purpose", CONSENT_PURPOSES), name="purpose"),)

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    granted: Mapped[bool] = mapped_column(default=False)
    given_on: Mapped[date | None] = mapped_column()
    withdrawn_on: Mapped[date | None] = mapped_column()


class PersonProfile(SyncMixin, Base):
    """Age band and the Washington Group short set; id derived from the person.

    Every answer may be "" (not recorded). ``anonymised_on`` marks a person whose name,
    contacts and free text were removed under the mission's retention limit.
    """

    __tablename__ = "person_profiles"
    __table_args__ = (
        CheckConstraint(_in("age_band", AGE_BANDS), name="age_band"),
        *(CheckConstraint(_in(f"wg_{d}", WG_ANSWERS), name=f"wg_{d}") for d in WG_DOMAINS),
    )

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    age_band: Mapped[str] = mapped_column(String(8), default="")
    wg_seeing: Mapped[str] = mapped_column(String(6), default="")
    wg_hearing: Mapped[str] = mapped_column(String(6), default="")
    wg_walking: Mapped[str] = mapped_column(String(6), default="")
    wg_remembering: Mapped[str] = mapped_column(String(6), default="")
    wg_self_care: Mapped[str] = mapped_column(String(6), default="")
    wg_communicating: Mapped[str] = mapped_column(String(6), default="")
    anonymised_on: Mapped[date | None] = mapped_column()


class EvidenceFile(SyncMixin, Base):
    """A scan, photo or other file attached to a training or one of its sessions.

    The content is kept sealed in the data folder under its SHA-256 and travels in
    bundles as ``evidence/<sha256>``; the signed summary lists the same hash.
    """

    __tablename__ = "evidence_files"
    __table_args__ = (
        CheckConstraint(_in("kind", EVIDENCE_KINDS), name="kind"),
        CheckConstraint("size >= 0", name="size"),
    )

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), index=True)
    session_id: Mapped[str | None] = mapped_column(ForeignKey("training_sessions.id"))
    kind: Mapped[str] = mapped_column(String(16), default="other")
    file_name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(80), default="application/octet-stream")
    size: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    caption: Mapped[str] = mapped_column(String(300), default="")


AUDIT_SYNCED_MODELS: tuple[type[SyncMixin], ...] = (
    PerdiemPlan,
    PerdiemRate,
    PerdiemPerson,
    Consent,
    PersonProfile,
    EvidenceFile,
)


class EvidenceSent(Base):
    """Evidence files this installation has put in a bundle (local; never travels).

    A bundle carries at most a budget of evidence bytes; files left out go in the next.
    """

    __tablename__ = "evidence_sent"
    __table_args__ = (Index("ix_evidence_sent_seq", "seq"),)

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
