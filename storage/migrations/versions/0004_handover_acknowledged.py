"""when the bot last told a user, during a staff conversation, that their words went to the officer

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 20:50:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("line_users") as batch:
        batch.add_column(sa.Column("handover_acknowledged_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("line_users") as batch:
        batch.drop_column("handover_acknowledged_at")
