"""What each kept reply answers (its In-Reply-To), so mail the user answered from their own
mail client counts as answered; and an index to find a reply by its Message-ID.

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
    """Apply this revision: replies kept before it answer nothing."""
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("in_reply_to", sa.String(length=1000), nullable=False, server_default="")
        )
        batch_op.create_index("ix_replies_in_reply_to", ["in_reply_to"], unique=False)
        batch_op.create_index("ix_replies_reply_key", ["reply_key"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.drop_index("ix_replies_reply_key")
        batch_op.drop_index("ix_replies_in_reply_to")
        batch_op.drop_column("in_reply_to")
