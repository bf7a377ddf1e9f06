"""suggestion requests say whether their token counts are the server's or Byline's estimate

Revision ID: 0007_suggest
Revises: 0006_editor_server
Create Date: 2026-12-02 01:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_suggest'
down_revision = '0007_team'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('suggestion_requests') as batch:
        batch.add_column(sa.Column('tokens_estimated', sa.Boolean(), server_default=sa.false(),
                                   nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('suggestion_requests') as batch:
        batch.drop_column('tokens_estimated')
