"""revision numbers from a per-draft counter; scores know which text they scored

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 00:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import drafts.models.base

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('drafts') as batch:
        batch.add_column(sa.Column('revision_seq', sa.Integer(), server_default='0', nullable=False))
    op.execute(
        "UPDATE drafts SET revision_seq = "
        "(SELECT COALESCE(MAX(number), 0) FROM revisions WHERE revisions.draft_id = drafts.id)"
    )
    with op.batch_alter_table('revision_scores') as batch:
        batch.add_column(sa.Column('revision_updated_at', drafts.models.base.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('revision_scores') as batch:
        batch.drop_column('revision_updated_at')
    with op.batch_alter_table('drafts') as batch:
        batch.drop_column('revision_seq')
