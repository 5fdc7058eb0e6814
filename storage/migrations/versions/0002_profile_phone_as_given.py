"""a follower's phone is kept as given: "0812223333 หรือ 0898887777", "021234567 ต่อ 12"

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 02:20:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("line_users") as batch:
        batch.alter_column("phone", existing_type=sa.String(length=20), type_=sa.String(length=64))


def downgrade() -> None:
    with op.batch_alter_table("line_users") as batch:
        batch.alter_column("phone", existing_type=sa.String(length=64), type_=sa.String(length=20))
