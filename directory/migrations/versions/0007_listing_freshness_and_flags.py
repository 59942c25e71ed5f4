"""service_check (who checked a listing with its provider, and when) and listing_flag (workers' "this listing
is wrong"). Both name the service by id without a foreign key: an import replaces the service row, and
the history of checks and the open flags must outlive it.

Revision ID: 0007
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_check",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("service_id", sa.String(length=100), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("checked_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_service_check_service_id", "service_check", ["service_id"])
    op.create_table(
        "listing_flag",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("service_id", sa.String(length=100), nullable=False),
        sa.Column("what_is_wrong", sa.String(length=400), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_by", sa.String(length=100), nullable=True),
        sa.Column("close_note", sa.String(length=400), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_listing_flag_service_id", "listing_flag", ["service_id"])


def downgrade() -> None:
    op.drop_index("ix_listing_flag_service_id", table_name="listing_flag")
    op.drop_table("listing_flag")
    op.drop_index("ix_service_check_service_id", table_name="service_check")
    op.drop_table("service_check")
