"""harden: session generation per user; sign-in throttle keyed per account and address

Revision ID: 0006_harden
Revises: 0005
Create Date: 2026-12-02 00:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import drafts.models

revision = '0006_harden'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))
    # Throttle rows are short-lived counters: the new table starts empty.
    op.drop_table('login_throttles')
    op.create_table('login_throttles',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', drafts.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('locked_until', drafts.models.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key')
    )


def downgrade() -> None:
    op.drop_table('login_throttles')
    op.create_table('login_throttles',
    sa.Column('key', sa.String(length=254), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_start', drafts.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('locked_until', drafts.models.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key')
    )
    with op.batch_alter_table('users') as batch:
        batch.drop_column('session_generation')
