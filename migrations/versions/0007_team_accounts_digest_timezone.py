"""team: time zone, daily digest choice and forced password change per user

Revision ID: 0007_team
Revises: 0006_editor_server
Create Date: 2026-12-02 01:15:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_team'
down_revision = '0006_export'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('timezone', sa.String(length=64), server_default='', nullable=False))
        batch.add_column(sa.Column('email_digest', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(),
                                   nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.drop_column('must_change_password')
        batch.drop_column('email_digest')
        batch.drop_column('timezone')
