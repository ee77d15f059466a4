"""The thread of each kept reply, so mail the user answered from their own client is answered.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision: replies kept before it have no thread and answer nothing."""
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("thread_key", sa.String(length=1000), nullable=False, server_default="")
        )
        batch_op.create_index("ix_replies_thread_key", ["thread_key"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.drop_index("ix_replies_thread_key")
        batch_op.drop_column("thread_key")
