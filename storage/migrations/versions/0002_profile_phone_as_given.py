"""a follower's phone, and a registration's copy of it, kept as given: "0812223333 หรือ 0898887777"

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


TABLES = ("line_users", "registrations")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("phone", existing_type=sa.String(length=20), type_=sa.String(length=64))


def downgrade() -> None:
    for table in TABLES:  # a phone kept as given is cut to its first number's 20 characters
        with op.batch_alter_table(table) as batch:
            batch.alter_column("phone", existing_type=sa.String(length=64), type_=sa.String(length=20),
                               postgresql_using="left(phone, 20)")
