"""service_area_shape: service areas drawn as GeoJSON (Open Referral UK extent), with a grid bounding box.

Revision ID: 0009
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_area_shape",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("service_id", sa.String(length=100), nullable=False),
        sa.Column("shape_key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("feature", sa.Text(), nullable=False),
        sa.Column("min_e", sa.Float(), nullable=False),
        sa.Column("min_n", sa.Float(), nullable=False),
        sa.Column("max_e", sa.Float(), nullable=False),
        sa.Column("max_n", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_service_area_shape_service_id", "service_area_shape", ["service_id"])
    op.create_index("ix_service_area_shape_box", "service_area_shape", ["min_e", "max_e", "min_n", "max_n"])


def downgrade() -> None:
    op.drop_index("ix_service_area_shape_box", table_name="service_area_shape")
    op.drop_index("ix_service_area_shape_service_id", table_name="service_area_shape")
    op.drop_table("service_area_shape")
