"""audit: per-diem, consent by purpose, age and disability, evidence files (issue 19)

New tables only; no existing column changes, so every existing record stays as it was
and bundles from devices still on 0003 import unchanged (they carry none of these tables).

- ``perdiem_plans``, ``perdiem_rates``, ``perdiem_people``: a training's rates (exact
  ten-thousandths), eligible categories and per-person exceptions.
- ``consents``: one answer per person and purpose (named in reports sent to HQ, photos,
  follow-up contact, sharing with partners), with the date given and withdrawn.
- ``person_profiles``: age band and the Washington Group short set; anonymisation date.
- ``evidence_files`` (synced) and ``evidence_sent`` (local): attached scans and photos.

Data: a seeded category "UN staff" (never paid per-diem), made here exactly as a new
installation seeds it. The earlier yes/no ``people.consent`` meant "may be contacted"
(the demo data and the import wrote it so): each "yes" becomes a *given* consent for
follow-up contact, date not recorded; a "no" stays *not recorded* (it was the default,
never a recorded refusal). Those consent rows are this installation's own edits (its
device id and a fresh clock version), so they travel in its next bundle like any edit.
``people.consent`` itself is kept, untouched.

Revision ID: 0007_audit
Revises: 0006_evaluation
Create Date: 2026-12-10
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0007_audit"
down_revision: str | None = "0006_evaluation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# app.db.base.MUSTER_NAMESPACE and the seed conventions, copied so this revision never
# changes with the app.
_NAMESPACE = uuid.UUID("6d1b0d0e-4a53-4c1e-9b7b-2f6f3c1a9e55")
_SEED_TIME = datetime(2024, 1, 1)
_STAFF = ("un_staff", "UN staff", "Personnel des Nations Unies", 110)


def _derived(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, ":".join(parts)))


def upgrade() -> None:
    _create_tables()
    conn = op.get_bind()
    _seed_staff_category(conn)
    _map_old_consent(conn)


def _create_tables() -> None:
    op.create_table(
        "evidence_sent",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_evidence_sent")),
    )
    with op.batch_alter_table("evidence_sent", schema=None) as batch_op:
        batch_op.create_index("ix_evidence_sent_seq", ["seq"], unique=False)

    op.create_table(
        "consents",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "purpose IN ('named_in_reports', 'photos', 'follow_up', 'partner_sharing')",
            name=op.f("ck_consents_purpose"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_consents_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consents_person_id"), ["person_id"], unique=False)

    op.create_table(
        "perdiem_people",
        sa.Column("training_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("eligible", sa.String(length=3), nullable=False),
        sa.Column("nights", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "eligible IN ('', 'yes', 'no')", name=op.f("ck_perdiem_people_eligible")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_perdiem_people_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["training_id"], ["trainings.id"], name=op.f("fk_perdiem_people_training_id_trainings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_perdiem_people")),
    )
    with op.batch_alter_table("perdiem_people", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_perdiem_people_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_perdiem_people_training_id"), ["training_id"], unique=False
        )

    op.create_table(
        "perdiem_plans",
        sa.Column("training_id", sa.String(length=36), nullable=False),
        sa.Column("eligible_categories", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["training_id"], ["trainings.id"], name=op.f("fk_perdiem_plans_training_id_trainings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_perdiem_plans")),
    )
    with op.batch_alter_table("perdiem_plans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_perdiem_plans_training_id"), ["training_id"], unique=False
        )

    op.create_table(
        "perdiem_rates",
        sa.Column("training_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("location_id", sa.String(length=36), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount_e4", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "kind IN ('day', 'night', 'transport_person', 'transport_place')",
            name=op.f("ck_perdiem_rates_kind"),
        ),
        sa.CheckConstraint("amount_e4 >= 0", name=op.f("ck_perdiem_rates_amount")),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_perdiem_rates_location_id_locations")
        ),
        sa.ForeignKeyConstraint(
            ["training_id"], ["trainings.id"], name=op.f("fk_perdiem_rates_training_id_trainings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_perdiem_rates")),
    )
    with op.batch_alter_table("perdiem_rates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_perdiem_rates_training_id"), ["training_id"], unique=False
        )

    op.create_table(
        "person_profiles",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("age_band", sa.String(length=8), nullable=False),
        sa.Column("wg_seeing", sa.String(length=6), nullable=False),
        sa.Column("wg_hearing", sa.String(length=6), nullable=False),
        sa.Column("wg_walking", sa.String(length=6), nullable=False),
        sa.Column("wg_remembering", sa.String(length=6), nullable=False),
        sa.Column("wg_self_care", sa.String(length=6), nullable=False),
        sa.Column("wg_communicating", sa.String(length=6), nullable=False),
        sa.Column("anonymised_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "age_band IN ('', 'under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus')",
            name=op.f("ck_person_profiles_age_band"),
        ),
        sa.CheckConstraint(
            "wg_communicating IN ('', 'none', 'some', 'a_lot', 'cannot')",
            name=op.f("ck_person_profiles_wg_communicating"),
        ),
        sa.CheckConstraint(
            "wg_hearing IN ('', 'none', 'some', 'a_lot', 'cannot')",
            name=op.f("ck_person_profiles_wg_hearing"),
        ),
        sa.CheckConstraint(
            "wg_remembering IN ('', 'none', 'some', 'a_lot', 'cannot')",
            name=op.f("ck_person_profiles_wg_remembering"),
        ),
        sa.CheckConstraint(
            "wg_seeing IN ('', 'none', 'some', 'a_lot', 'cannot')",
            name=op.f("ck_person_profiles_wg_seeing"),
        ),
        sa.CheckConstraint(
            "wg_self_care IN ('', 'none', 'some', 'a_lot', 'cannot')",
            name=op.f("ck_person_profiles_wg_self_care"),
        ),
        sa.CheckConstraint(
            "wg_walking IN ('', 'none', 'some', 'a_lot', 'cannot')",
            name=op.f("ck_person_profiles_wg_walking"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_person_profiles_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_profiles")),
    )
    with op.batch_alter_table("person_profiles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_profiles_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "evidence_files",
        sa.Column("training_id", sa.String(length=36), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=80), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("caption", sa.String(length=300), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "kind IN ('sign_in_sheet', 'photo', 'payment_sheet', 'other')",
            name=op.f("ck_evidence_files_kind"),
        ),
        sa.CheckConstraint("size >= 0", name=op.f("ck_evidence_files_size")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_evidence_files_session_id_training_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["training_id"], ["trainings.id"], name=op.f("fk_evidence_files_training_id_trainings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
    )
    with op.batch_alter_table("evidence_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_files_sha256"), ["sha256"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_evidence_files_training_id"), ["training_id"], unique=False
        )

    # ### end Alembic commands ###


def _seed_staff_category(conn: sa.Connection) -> None:
    code, name_en, name_fr, order = _STAFF
    category_id = _derived("category", code)
    if conn.execute(
        sa.text("SELECT 1 FROM categories WHERE id = :id"), {"id": category_id}
    ).first():
        return
    categories = sa.table(
        "categories",
        *(
            sa.column(c)
            for c in (
                "id",
                "code",
                "name_en",
                "name_fr",
                "sort_order",
                "retired",
                "created_at",
                "updated_at",
                "updated_by",
                "version",
                "deleted",
            )
        ),
    )
    conn.execute(
        categories.insert(),
        {
            "id": category_id,
            "code": code,
            "name_en": name_en,
            "name_fr": name_fr,
            "sort_order": order,
            "retired": False,
            "created_at": _SEED_TIME,
            "updated_at": _SEED_TIME,
            "updated_by": "seed",
            "version": 0,
            "deleted": False,
        },
    )


def _next_version(conn: sa.Connection) -> int:
    """A hybrid-clock version past the stored clock, which is moved on to it."""
    last = conn.execute(sa.text("SELECT value FROM settings WHERE key = 'hlc'")).scalar()
    version = max(int(time.time() * 1000) << 16, int(last or 0) + 1)
    if last is None:
        conn.execute(
            sa.text("INSERT INTO settings (key, value) VALUES ('hlc', :v)"), {"v": str(version)}
        )
    else:
        conn.execute(
            sa.text("UPDATE settings SET value = :v WHERE key = 'hlc'"), {"v": str(version)}
        )
    return version


def _map_old_consent(conn: sa.Connection) -> None:
    people = sa.table("people", sa.column("id"), sa.column("consent"), sa.column("deleted"))
    ids = (
        conn.execute(
            sa.select(people.c.id).where(
                people.c.consent.is_(sa.true()), people.c.deleted.is_(sa.false())
            )
        )
        .scalars()
        .all()
    )
    if not ids:
        return
    device = conn.execute(sa.text("SELECT value FROM settings WHERE key = 'device_id'")).scalar()
    version = _next_version(conn)
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    consents = sa.table(
        "consents",
        *(
            sa.column(c)
            for c in (
                "id",
                "person_id",
                "purpose",
                "granted",
                "given_on",
                "withdrawn_on",
                "created_at",
                "updated_at",
                "updated_by",
                "version",
                "deleted",
            )
        ),
    )
    rows = [
        {
            "id": _derived("consent", pid, "follow_up"),
            "person_id": pid,
            "purpose": "follow_up",
            "granted": True,
            "given_on": None,
            "withdrawn_on": None,
            "created_at": now,
            "updated_at": now,
            "updated_by": device or "seed",
            "version": version,
            "deleted": False,
        }
        for pid in ids
    ]
    for start in range(0, len(rows), 1000):
        conn.execute(consents.insert(), rows[start : start + 1000])


def downgrade() -> None:
    conn = op.get_bind()
    staff = _derived("category", _STAFF[0])
    conn.execute(
        sa.text(
            "DELETE FROM categories WHERE id = :id AND NOT EXISTS "
            "(SELECT 1 FROM people WHERE category_id = :id)"
        ),
        {"id": staff},
    )
    with op.batch_alter_table("evidence_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_files_training_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_files_sha256"))

    op.drop_table("evidence_files")
    with op.batch_alter_table("person_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_profiles_person_id"))

    op.drop_table("person_profiles")
    with op.batch_alter_table("perdiem_rates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_perdiem_rates_training_id"))

    op.drop_table("perdiem_rates")
    with op.batch_alter_table("perdiem_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_perdiem_plans_training_id"))

    op.drop_table("perdiem_plans")
    with op.batch_alter_table("perdiem_people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_perdiem_people_training_id"))
        batch_op.drop_index(batch_op.f("ix_perdiem_people_person_id"))

    op.drop_table("perdiem_people")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consents_person_id"))

    op.drop_table("consents")
    with op.batch_alter_table("evidence_sent", schema=None) as batch_op:
        batch_op.drop_index("ix_evidence_sent_seq")

    op.drop_table("evidence_sent")
    # ### end Alembic commands ###
