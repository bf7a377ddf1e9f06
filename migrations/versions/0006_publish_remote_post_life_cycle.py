"""publish: what the blog reported, first live date, last pushed HTML, scheduled retries

Revision ID: 0006_publish
Revises: 0005
Create Date: 2026-12-02 00:20:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import drafts.models


revision = '0006_publish'
down_revision = '0006_harden'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('export_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('remote_status', sa.String(length=20), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('remote_date', drafts.models.base.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('live_since', drafts.models.base.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('pushed_html', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('retry_at', drafts.models.base.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('failures', sa.Integer(), nullable=False, server_default='0'))
    # Posts Byline already published were live from their last update at the latest.
    op.execute("UPDATE export_records SET live_since = updated_at, remote_status = 'publish' "
               "WHERE status = 'published'")


def downgrade() -> None:
    with op.batch_alter_table('export_records', schema=None) as batch_op:
        batch_op.drop_column('failures')
        batch_op.drop_column('retry_at')
        batch_op.drop_column('pushed_html')
        batch_op.drop_column('live_since')
        batch_op.drop_column('remote_date')
        batch_op.drop_column('remote_status')
