"""insight_search_count: anonymous counts of searches by day, area, filters and hours (commissioners' figures).

Revision ID: 0008
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "insight_search_count",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("local_authority", sa.String(length=200), nullable=False),
        sa.Column("police_force", sa.String(length=200), nullable=False),
        sa.Column("found_local", sa.Boolean(), nullable=False),
        sa.Column("filters", sa.String(length=300), nullable=False),
        sa.Column("filters_met", sa.Boolean(), nullable=False),
        sa.Column("out_of_hours", sa.Boolean(), nullable=False),
        sa.Column("searches", sa.Integer(), nullable=False),
        sa.Column("asked_person", sa.Integer(), nullable=False),
        sa.Column("asked_callback", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "local_authority", "police_force", "found_local", "filters", "filters_met",
                                "out_of_hours", name="pk_insight_search_count"),
    )


def downgrade() -> None:
    op.drop_table("insight_search_count")
