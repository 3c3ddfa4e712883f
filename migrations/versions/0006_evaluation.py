"""Did the training work? Session times, late and left-early marks, completion rules,
knowledge tests and feedback

- ``training_sessions`` gain start and end times (minutes after midnight, empty for
  sessions recorded before) and a ``required`` flag (off);
- ``attendance`` marks may be "late" or "left_early" too, with the minutes (optional);
- ``trainings`` gain a completion rule: every existing training gets "at least 80 % of
  the sessions", the usual donors' rule, and no knowledge test (no maximum score);
- new synced tables ``test_scores``, ``feedback_questions`` and ``feedback_answers``.

Every existing row is kept as it is; the sync versions are left alone (every
installation runs this same revision, and the defaults need not travel).

Revision ID: 0006_evaluation
Revises: 0005_postgres
Create Date: 2026-12-10
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_evaluation"
down_revision: str | None = "0005_postgres"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = "status IN ('present', 'absent', 'excused')"
NEW_STATUSES = "status IN ('present', 'absent', 'excused', 'late', 'left_early')"


def _sync_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
    ]


LIVE_INDEX = ["session_id", "deleted", "status", "person_id"]


def upgrade() -> None:
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("start_minute", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("end_minute", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("required", sa.Boolean(), server_default="0", nullable=False))
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.add_column(sa.Column("minutes", sa.BigInteger(), nullable=True))
        batch_op.drop_constraint(op.f("ck_attendance_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_attendance_status"), sa.text(NEW_STATUSES))
    # The completion and hours figures read the minutes beside the status: the covering
    # index carries them, so the whole report still never reads the attendance table.
    op.drop_index("ix_attendance_session_live", table_name="attendance")
    op.create_index("ix_attendance_session_live", "attendance", [*LIVE_INDEX, "minutes"])
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "completion_rule", sa.String(length=20), server_default="share", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("completion_percent", sa.BigInteger(), server_default="80", nullable=False)
        )
        batch_op.add_column(sa.Column("test_max_score", sa.BigInteger(), nullable=True))
    op.create_table(
        "test_scores",
        sa.Column("training_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("phase", sa.String(length=4), nullable=False),
        sa.Column("score", sa.BigInteger(), nullable=False),
        *_sync_columns(),
        sa.CheckConstraint("phase IN ('pre', 'post')", name=op.f("ck_test_scores_phase")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_test_scores_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["training_id"], ["trainings.id"], name=op.f("fk_test_scores_training_id_trainings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_scores")),
    )
    with op.batch_alter_table("test_scores", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_test_scores_person_id"), ["person_id"])
        batch_op.create_index(
            "ix_test_scores_training_live", ["training_id", "deleted", "person_id"]
        )
    op.create_table(
        "feedback_questions",
        sa.Column("mission_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("text_en", sa.String(length=300), nullable=False),
        sa.Column("text_fr", sa.String(length=300), nullable=False),
        sa.Column("sort_order", sa.BigInteger(), nullable=False),
        sa.Column("retired", sa.Boolean(), server_default="0", nullable=False),
        *_sync_columns(),
        sa.CheckConstraint(
            "kind IN ('rating', 'yes_no', 'text')", name=op.f("ck_feedback_questions_kind")
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"], ["missions.id"], name=op.f("fk_feedback_questions_mission_id_missions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_questions")),
    )
    with op.batch_alter_table("feedback_questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_questions_mission_id"), ["mission_id"])
    op.create_table(
        "feedback_answers",
        sa.Column("training_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("question", sa.String(length=40), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=True),
        sa.Column("comment", sa.Text(), server_default="", nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_feedback_answers_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["training_id"],
            ["trainings.id"],
            name=op.f("fk_feedback_answers_training_id_trainings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_answers")),
    )
    with op.batch_alter_table("feedback_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_answers_person_id"), ["person_id"])
        batch_op.create_index("ix_feedback_answers_training_live", ["training_id", "deleted"])


def downgrade() -> None:
    op.drop_table("feedback_answers")
    op.drop_table("feedback_questions")
    op.drop_table("test_scores")
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.drop_column("test_max_score")
        batch_op.drop_column("completion_percent")
        batch_op.drop_column("completion_rule")
    op.execute("UPDATE attendance SET status = 'present' WHERE status IN ('late', 'left_early')")
    op.drop_index("ix_attendance_session_live", table_name="attendance")
    op.create_index("ix_attendance_session_live", "attendance", LIVE_INDEX)
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_attendance_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_attendance_status"), sa.text(OLD_STATUSES))
        batch_op.drop_column("minutes")
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_column("required")
        batch_op.drop_column("end_minute")
        batch_op.drop_column("start_minute")
