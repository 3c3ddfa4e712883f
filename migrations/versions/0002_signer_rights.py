"""signer rights: roles in the trusted list, removals that stick, revocations, encryption seen

Revision ID: 0002_signer_rights
Revises: 0001
Create Date: 2026-12-02 00:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_signer_rights"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("trusted_signers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(length=8), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("key_sha256", sa.String(length=64), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("removed_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sends_encrypted", sa.Boolean(), server_default="0", nullable=False)
        )
    op.create_table(
        "revocations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("key_sha256", sa.String(length=64), nullable=False),
        sa.Column("device_name", sa.String(length=300), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=False),
        sa.Column("issuer_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("issuer_name", sa.String(length=300), nullable=False),
        sa.Column("envelope", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revocations")),
    )
    with op.batch_alter_table("revocations", schema=None) as batch_op:
        batch_op.create_index("ix_revocations_key", ["key_sha256"], unique=False)
        batch_op.create_index("ix_revocations_device", ["device_id"], unique=False)


def downgrade() -> None:
    op.drop_table("revocations")
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_column("sends_encrypted")
    with op.batch_alter_table("trusted_signers", schema=None) as batch_op:
        batch_op.drop_column("removed_at")
        batch_op.drop_column("key_sha256")
        batch_op.drop_column("role")
