"""The CPU time and energy of each plugin call, for the cost per message.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision: calls recorded before it have no measured cost."""
    with op.batch_alter_table("results", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cpu_ms", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("energy_uj", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("results", schema=None) as batch_op:
        batch_op.drop_column("energy_uj")
        batch_op.drop_column("cpu_ms")
