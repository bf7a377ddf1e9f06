"""My drafts reads its page straight off an index of live drafts in (updated_at, id) order

The list is filtered on "trashed_at IS NULL" and ordered by updated_at, then
id. PostgreSQL cannot take that order from (author_id, trashed_at,
updated_at), so it read and sorted all of a writer's drafts to show twenty.
A partial index of the drafts not in the trash gives the order directly.

Revision ID: 0008_scale
Revises: 0008_stats
Create Date: 2026-12-02 03:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008_scale'
down_revision = '0008_stats'
branch_labels = None
depends_on = None


def upgrade() -> None:
    live = sa.text("trashed_at IS NULL")
    op.create_index('ix_drafts_author_live', 'drafts', ['author_id', 'updated_at', 'id'],
                    sqlite_where=live, postgresql_where=live)


def downgrade() -> None:
    op.drop_index('ix_drafts_author_live', table_name='drafts')
