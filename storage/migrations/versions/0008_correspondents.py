"""The people the user has written to, read from the Sent folder; seeded from the replies
already read from it (each answered sender, with the dates of the first and latest reply).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "correspondents",
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=1000), nullable=False),
        sa.Column("first_written", sa.DateTime(), nullable=True),
        sa.Column("last_written", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("account", "address"),
    )
    op.execute(
        "INSERT INTO correspondents (account, address, first_written, last_written) "
        "SELECT account, lower(answered_sender), min(date), max(date) FROM replies "
        "WHERE source = 'sent' AND answered_sender != '' "
        "GROUP BY account, lower(answered_sender)"
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("correspondents")
