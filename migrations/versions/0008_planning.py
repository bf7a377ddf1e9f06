"""planning: ideas and votes, briefs and their points, cadences, settings, calendar feeds

Revision ID: 0008_plan
Revises: 0007_suggest
Create Date: 2026-12-02 03:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from drafts.models.base import UTCDateTime

revision = '0008_plan'
down_revision = '0007_suggest'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'ideas',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('title', sa.String(300), nullable=False),
        sa.Column('angle', sa.Text(), nullable=False),
        sa.Column('audience', sa.String(200), nullable=False),
        sa.Column('destination_id', sa.Integer(), sa.ForeignKey('destinations.id', ondelete='SET NULL')),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='RESTRICT'), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('archived_at', UTCDateTime()),
    )
    op.create_table(
        'idea_votes',
        sa.Column('idea_id', sa.Integer(), sa.ForeignKey('ideas.id', ondelete='CASCADE'), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE'), primary_key=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
    )
    op.create_table(
        'briefs',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('idea_id', sa.Integer(), sa.ForeignKey('ideas.id', ondelete='SET NULL')),
        sa.Column('title', sa.String(300), nullable=False),
        sa.Column('angle', sa.Text(), nullable=False),
        sa.Column('audience', sa.String(200), nullable=False),
        sa.Column('destination_id', sa.Integer(), sa.ForeignKey('destinations.id', ondelete='SET NULL')),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('author_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='RESTRICT'), nullable=False),
        sa.Column('created_by_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='RESTRICT'), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('draft_id', sa.Integer(), sa.ForeignKey('drafts.id', ondelete='SET NULL'), unique=True),
        sa.Column('sequence', sa.Integer(), server_default='0', nullable=False),
        sa.Column('reminded_at', UTCDateTime()),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.Column('archived_at', UTCDateTime()),
    )
    op.create_index('ix_briefs_author_due', 'briefs', ['author_id', 'due_on'])
    op.create_table(
        'brief_points',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('brief_id', sa.Integer(), sa.ForeignKey('briefs.id', ondelete='CASCADE'), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('text', sa.String(500), nullable=False),
        sa.Column('done_at', UTCDateTime()),
        sa.Column('done_by_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='SET NULL')),
    )
    op.create_index('ix_brief_points_brief_id', 'brief_points', ['brief_id'])
    op.create_table(
        'cadences',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('author_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE')),
        sa.Column('posts', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(10), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='SET NULL')),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.UniqueConstraint('author_id', name='uq_cadences_author'),
    )
    op.create_table(
        'plan_settings',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('reminder_days', sa.Integer()),
    )
    op.create_table(
        'calendar_feeds',
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE'), primary_key=True),
        sa.Column('token_hash', sa.String(64), nullable=False, unique=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('last_used_at', UTCDateTime()),
    )


def downgrade() -> None:
    for table in ('calendar_feeds', 'plan_settings', 'cadences', 'brief_points', 'briefs',
                  'idea_votes', 'ideas'):
        op.drop_table(table)
