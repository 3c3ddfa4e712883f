"""The Muster data model.

Synced tables (they travel to HQ) come first and use :class:`SyncMixin`; local
tables (installation state, trust, sync bookkeeping) follow. Natural keys are not
UNIQUE in synced tables: two devices may legitimately create the same location,
and a constraint would make their bundles collide. Services keep them tidy instead.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.audit_models import AUDIT_SYNCED_MODELS
from app.db.base import Base, SyncMixin, utcnow

SEXES = ("F", "M", "X")  # female, male, other / not stated
TRAINING_KINDS = ("training", "workshop", "conference", "seminar", "side_event", "other")
TRAINING_STATUSES = ("planned", "held", "cancelled")
PARTNER_ROLES = ("lead", "co_organiser", "funder")
PARTNER_KINDS = ("un", "national", "regional", "civil_society", "donor", "other")
ATTENDANCE_STATUSES = ("present", "absent", "excused", "late", "left_early")
ATTENDED_STATUSES = ("present", "late", "left_early")  # came: the session counts as attended
COMPLETION_RULES = ("share", "required")  # a share of the sessions, or every required one
TEST_PHASES = ("pre", "post")
QUESTION_KINDS = ("rating", "yes_no", "text")
ROLES = ("field", "hq")


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


# --- reference lists -------------------------------------------------------------------


class Mission(SyncMixin, Base):
    __tablename__ = "missions"

    code: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(120), default="")
    retired: Mapped[bool] = mapped_column(default=False, server_default="0")
    # The name French documents and the French interface use (revision 0003).
    name_fr: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Location(SyncMixin, Base):
    __tablename__ = "locations"

    name: Mapped[str] = mapped_column(String(200), index=True)
    country: Mapped[str] = mapped_column(String(120), default="")
    mission_id: Mapped[str | None] = mapped_column(ForeignKey("missions.id"), index=True)
    retired: Mapped[bool] = mapped_column(default=False, server_default="0")


class Partner(SyncMixin, Base):
    __tablename__ = "partners"
    __table_args__ = (CheckConstraint(_in("kind", PARTNER_KINDS), name="kind"),)

    acronym: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="other")
    retired: Mapped[bool] = mapped_column(default=False, server_default="0")
    # PNUD for UNDP: what French documents and the French interface show (revision 0003).
    acronym_fr: Mapped[str] = mapped_column(String(40), default="", server_default="")
    name_fr: Mapped[str] = mapped_column(String(300), default="", server_default="")


class Category(SyncMixin, Base):
    __tablename__ = "categories"

    code: Mapped[str] = mapped_column(String(40), index=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_fr: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(default=100)
    retired: Mapped[bool] = mapped_column(default=False, server_default="0")


# --- trainings -------------------------------------------------------------------------


class Training(SyncMixin, Base):
    __tablename__ = "trainings"
    __table_args__ = (
        CheckConstraint(_in("kind", TRAINING_KINDS), name="kind"),
        CheckConstraint(_in("status", TRAINING_STATUSES), name="status"),
        CheckConstraint("end_date >= start_date", name="dates"),
        Index("ix_trainings_start_end", "start_date", "end_date"),
        # Covers the default order of the trainings list (newest first), so opening a
        # list of 20,000 trainings reads one index backwards instead of sorting.
        Index("ix_trainings_list_order", "start_date", "title", "id", "deleted"),
    )

    mission_id: Mapped[str] = mapped_column(ForeignKey("missions.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    theme: Mapped[str] = mapped_column(String(500), default="")
    kind: Mapped[str] = mapped_column(String(20), default="training")
    start_date: Mapped[date]
    end_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default="planned")
    description: Mapped[str] = mapped_column(Text, default="")
    trainers: Mapped[list[str]] = mapped_column(default=list)
    # Who completed it (revision 0006): attended at least ``completion_percent`` % of the
    # sessions they were expected at ("share"), or every session marked required.
    completion_rule: Mapped[str] = mapped_column(
        String(20), default="share", server_default="share"
    )
    completion_percent: Mapped[int] = mapped_column(default=80, server_default="80")
    # The knowledge test's maximum score (pre and post); None: no test.
    test_max_score: Mapped[int | None] = mapped_column()


class TrainingPartner(SyncMixin, Base):
    """A partner's role in a training; id derived from (training, partner)."""

    __tablename__ = "training_partners"
    __table_args__ = (CheckConstraint(_in("role", PARTNER_ROLES), name="role"),)

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), index=True)
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="co_organiser")


class TrainingSession(SyncMixin, Base):
    """One sitting of a training: a date and a place (Beni, Bunia, Kinshasa...)."""

    __tablename__ = "training_sessions"

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), index=True)
    date: Mapped[date] = mapped_column(index=True)
    location_id: Mapped[str | None] = mapped_column(ForeignKey("locations.id"), index=True)
    topic: Mapped[str] = mapped_column(String(500), default="")
    # Times in minutes after midnight (revision 0006); None when not given.
    start_minute: Mapped[int | None] = mapped_column()
    end_minute: Mapped[int | None] = mapped_column()
    # A session every participant must attend under the "required" completion rule.
    required: Mapped[bool] = mapped_column(default=False, server_default="0")


# --- people ----------------------------------------------------------------------------


class Person(SyncMixin, Base):
    __tablename__ = "people"
    __table_args__ = (CheckConstraint(_in("sex", SEXES), name="sex"),)

    full_name: Mapped[str] = mapped_column(String(300))
    # Accent- and case-folded name for search and sorting across scripts.
    name_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    sex: Mapped[str] = mapped_column(String(1), default="X")
    category_id: Mapped[str | None] = mapped_column(ForeignKey("categories.id"), index=True)
    organisation: Mapped[str] = mapped_column(String(300), default="")
    partner_id: Mapped[str | None] = mapped_column(ForeignKey("partners.id"), index=True)
    function: Mapped[str] = mapped_column(String(300), default="")
    nationality: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(80), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    consent: Mapped[bool] = mapped_column(default=False, server_default="0")
    # When two records turn out to be one person, the loser points at the survivor.
    merged_into_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)


class Enrolment(SyncMixin, Base):
    """A person registered for a training; id derived from (training, person)."""

    __tablename__ = "enrolments"
    # Covering index for reports and participant lists (checked by tests/test_query_plans.py).
    __table_args__ = (Index("ix_enrolments_training_live", "training_id", "deleted", "person_id"),)

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)


class Attendance(SyncMixin, Base):
    """A person's presence at one session; id derived from (session, person)."""

    __tablename__ = "attendance"
    __table_args__ = (
        CheckConstraint(_in("status", ATTENDANCE_STATUSES), name="status"),
        # Covering index: per-session figures never read the table (test_query_plans.py).
        Index(
            "ix_attendance_session_live", "session_id", "deleted", "status", "person_id", "minutes"
        ),
    )

    session_id: Mapped[str] = mapped_column(ForeignKey("training_sessions.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="present")
    # How late, or how early they left, in minutes (revision 0006); None when not given.
    minutes: Mapped[int | None] = mapped_column()


# --- evaluation (revision 0006) -----------------------------------------------------------


class TestScore(SyncMixin, Base):
    """A knowledge-test score; id derived from (training, person, phase)."""

    __tablename__ = "test_scores"
    __test__ = False  # not a pytest class
    __table_args__ = (
        CheckConstraint(_in("phase", TEST_PHASES), name="phase"),
        Index("ix_test_scores_training_live", "training_id", "deleted", "person_id"),
    )

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    phase: Mapped[str] = mapped_column(String(4))
    score: Mapped[int]


class FeedbackQuestion(SyncMixin, Base):
    """A mission's wording of a feedback question (the standard form when none is stored)."""

    __tablename__ = "feedback_questions"
    __table_args__ = (CheckConstraint(_in("kind", QUESTION_KINDS), name="kind"),)

    mission_id: Mapped[str] = mapped_column(ForeignKey("missions.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10), default="rating")
    text_en: Mapped[str] = mapped_column(String(300), default="")
    text_fr: Mapped[str] = mapped_column(String(300), default="")
    sort_order: Mapped[int] = mapped_column(default=100)
    retired: Mapped[bool] = mapped_column(default=False, server_default="0")


class FeedbackAnswer(SyncMixin, Base):
    """One answer of one participant's feedback form; id derived from (training, person,
    question code). ``value``: a rating 1-5 or yes (1) / no (0); ``comment``: free text."""

    __tablename__ = "feedback_answers"
    __table_args__ = (Index("ix_feedback_answers_training_live", "training_id", "deleted"),)

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    question: Mapped[str] = mapped_column(String(40))
    value: Mapped[int | None] = mapped_column()
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")


# Order matters: parents before children, for bundles and merges.
SYNCED_MODELS: tuple[type[SyncMixin], ...] = (
    Mission,
    Location,
    Partner,
    Category,
    Training,
    TrainingPartner,
    TrainingSession,
    Person,
    Enrolment,
    Attendance,
    *AUDIT_SYNCED_MODELS,  # per-diem, consent, profiles, evidence (app/db/audit_models.py)
    TestScore,
    FeedbackQuestion,
    FeedbackAnswer,
)


# --- local state (never travels) ---------------------------------------------------------


class Setting(Base):
    """Key/value facts about this installation: device id, clock, role, profile."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class TrustedSigner(Base):
    """A certificate this installation trusts, by SHA-256 fingerprint."""

    __tablename__ = "trusted_signers"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    title: Mapped[str] = mapped_column(String(300), default="")
    mission: Mapped[str] = mapped_column(String(32), default="")
    device_id: Mapped[str] = mapped_column(String(36), default="")
    certificate_pem: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    # The rights this installation gives the signer (field or hq), decided when trusting it.
    role: Mapped[str] = mapped_column(String(8), default="", server_default="")
    key_sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # Set by ``trust remove``: the row stays so a later bundle cannot add it back.
    removed_at: Mapped[datetime | None] = mapped_column()
    # The HQ enrolment (serial, hex) this entry came from; None when a person trusted it.
    enrolment_serial: Mapped[str | None] = mapped_column(String(40))


class Document(Base):
    """A signed PDF made here or received in a bundle, kept under the documents folder."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    training_id: Mapped[str | None] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="summary")
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    signer_fingerprint: Mapped[str] = mapped_column(String(64), default="")
    source_device: Mapped[str] = mapped_column(String(36), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    exported_seq: Mapped[int | None] = mapped_column()
    # What the Signed documents list says about it (revision 0003): "fr", with names.
    lang: Mapped[str] = mapped_column(String(5), default="", server_default="")
    names_included: Mapped[bool | None] = mapped_column()


class Device(Base):
    """A device whose bundles this installation has received."""

    __tablename__ = "devices"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    mission: Mapped[str] = mapped_column(String(32), default="")
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    last_seq: Mapped[int] = mapped_column(default=0)
    last_received_at: Mapped[datetime | None] = mapped_column()
    # Once a device has sent an encrypted bundle, a plaintext one from it is refused.
    sends_encrypted: Mapped[bool] = mapped_column(default=False, server_default="0")


class Revocation(Base):
    """An HQ-signed revocation of a device (its key and id) or of one of its enrolments;
    travels in bundles and receipts."""

    __tablename__ = "revocations"
    __table_args__ = (
        Index("ix_revocations_key", "key_sha256"),
        Index("ix_revocations_device", "device_id"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the statement
    device_id: Mapped[str] = mapped_column(String(36))
    key_sha256: Mapped[str] = mapped_column(String(64))
    device_name: Mapped[str] = mapped_column(String(300), default="")
    revoked_at: Mapped[datetime] = mapped_column()
    issuer_fingerprint: Mapped[str] = mapped_column(String(64))
    issuer_name: Mapped[str] = mapped_column(String(300), default="")
    envelope: Mapped[str] = mapped_column(Text)  # the signed statement, as it travels
    # One enrolment certificate (serial, hex) withdrawn; None: the whole device.
    enrolment_serial: Mapped[str | None] = mapped_column(String(40))


class BundleReceived(Base):
    """The import log: one row per bundle applied (or found to change nothing)."""

    __tablename__ = "bundles_received"
    __table_args__ = (Index("ix_bundles_received_device_seq", "device_id", "seq"),)

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int]
    created_at: Mapped[datetime | None] = mapped_column()
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    signer_fingerprint: Mapped[str] = mapped_column(String(64), default="")
    file_name: Mapped[str] = mapped_column(String(300), default="")
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Who imported it: the analyst, their certificate and database role (revision 0005).
    imported_by: Mapped[str] = mapped_column(String(300), default="", server_default="")


class BundleSent(Base):
    """Bundles this installation exported, so the next one only carries what changed."""

    __tablename__ = "bundles_sent"

    seq: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    full: Mapped[bool] = mapped_column(default=False)
    upto_version: Mapped[int] = mapped_column(default=0)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    receipt_at: Mapped[datetime | None] = mapped_column()


class SyncConflict(Base):
    """Two edits that raced on one record; both versions kept for a person to review."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (Index("ix_sync_conflicts_record", "table_name", "record_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    kept: Mapped[dict[str, Any]] = mapped_column(default=dict)
    other: Mapped[dict[str, Any]] = mapped_column(default=dict)
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column()


class ColumnMapping(Base):
    """A remembered spreadsheet column mapping, keyed by the file's header signature."""

    __tablename__ = "column_mappings"

    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    mapping: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


def sync_tables() -> list[str]:
    """Names of the tables whose rows travel in bundles, in dependency order."""
    return [cls.__tablename__ for cls in SYNCED_MODELS]


from app.db import figures as _figures  # noqa: E402, F401  (local figures tables, same metadata)
