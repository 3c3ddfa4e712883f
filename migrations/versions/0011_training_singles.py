"""training singles: people counted in one training only are that training's counts

``figures_trainings.singles`` (and ``singles_women``, ``singles_men``,
``singles_completed``): of a training's counted people, those whose only kept training
it is. Such a person's rows in ``figures_groups`` (one per mission, month, quarter,
year and partner) said nothing the training does not say, and made up most of that
table: a mission's first bundle of 100,000 new participants wrote 500,000 of them.
``figures_groups`` now holds people of two trainings or more; the unique-participant
figures add the singles of each group's trainings. Local derived tables: bundles are
unchanged. The figures are recounted.

Revision ID: 0011_training_singles
Revises: 0010_group_completions
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_training_singles"
down_revision: str | None = "0010_group_completions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("singles", "singles_women", "singles_men", "singles_completed")


def upgrade() -> None:
    with op.batch_alter_table("figures_trainings", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Integer(), server_default="0", nullable=False))
    from alembic import context

    from app.db.migrate import rebuild_figures_when_done

    rebuild_figures_when_done(context.config)


# Before this revision a person counted in one training had a row per group too.
_SINGLES = (
    "FROM figures_pairs pr JOIN figures_trainings ft ON ft.key = pr.training_key "
    "JOIN figures_people fp ON fp.key = pr.person_key"
)
_SUMS = "fp.sex, ft.live, ft.kept, ft.live * pr.completed, ft.kept * pr.completed"
_WHERE = "WHERE fp.kept = 1 AND ft.kept = 1"
_INTO = (
    "INSERT INTO figures_groups (dimension, group_key, person_key, sex, live, kept, "
    "completed_live, completed_kept) "
)
_PERIODS = {1: "mission_key", 2: "month_key", 3: "quarter_key", 4: "year_key"}


def downgrade() -> None:
    for dimension, column in _PERIODS.items():
        op.execute(f"{_INTO}SELECT {dimension}, ft.{column}, pr.person_key, {_SUMS} "
                   f"{_SINGLES} {_WHERE}")  # fmt: skip
    none_key = "(SELECT key FROM figures_labels WHERE kind = 'partner' AND value = '')"
    op.execute(
        f"{_INTO}SELECT DISTINCT 5, coalesce(l.key, {none_key}), pr.person_key, {_SUMS} "
        f"{_SINGLES} LEFT JOIN training_partners tp ON tp.training_id = ft.training_id "
        "AND tp.deleted = FALSE LEFT JOIN figures_labels l ON l.kind = 'partner' "
        f"AND l.value = tp.partner_id {_WHERE}"
    )
    with op.batch_alter_table("figures_trainings", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
