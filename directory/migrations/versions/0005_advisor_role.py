"""advisor_role: console roles (advisor, directory, commissioner); every existing account is an advisor.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "advisor_role",
        sa.Column("advisor_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["advisor_id"], ["advisor.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("advisor_id", "role"),
    )
    op.execute("INSERT INTO advisor_role (advisor_id, role) SELECT id, 'advisor' FROM advisor")


def downgrade() -> None:
    op.drop_table("advisor_role")
