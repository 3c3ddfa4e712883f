"""enrolment revocation: HQ may withdraw one enrolment and keep the device (issue 12)

- ``revocations.enrolment_serial``: set when the revocation names one enrolment
  certificate (its serial number, hexadecimal) rather than the whole device;
- ``trusted_signers.enrolment_serial``: the enrolment a trusted entry came from (set
  when HQ enrols the device, or when an enrolled device's first bundle arrives), so
  revoking that enrolment withdraws exactly the trust it gave.

Local tables only (revocations travel as signed envelopes, not rows): bundles are
unchanged. Existing rows keep NULL: device revocations and entries a person added.

Revision ID: 0009_enrolment_revocation
Revises: 0008_report_figures
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_enrolment_revocation"
down_revision: str | None = "0008_report_figures"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("revocations", "trusted_signers"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("enrolment_serial", sa.String(length=40), nullable=True))


def downgrade() -> None:
    for table in ("trusted_signers", "revocations"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("enrolment_serial")
