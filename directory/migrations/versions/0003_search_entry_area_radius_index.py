"""search_entry: index (area_key, radius_m) so the radius lookup is an index read.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_search_entry_area", table_name="search_entry")
    op.create_index("ix_search_entry_area_radius", "search_entry", ["area_key", "radius_m"])


def downgrade() -> None:
    op.drop_index("ix_search_entry_area_radius", table_name="search_entry")
    op.create_index("ix_search_entry_area", "search_entry", ["area_key"])
