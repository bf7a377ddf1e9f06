"""program numbers: blog stats history, suggestion acceptance, jargon counts, draft cycles

Revision ID: 0008_stats
Revises: 0008_plan
Create Date: 2026-12-02 03:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from drafts.models.base import UTCDateTime

revision = '0008_stats'
down_revision = '0008_plan'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'stats_syncs',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('started_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('finished_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('posts_ok', sa.Integer(), nullable=False),
        sa.Column('posts_failed', sa.Integer(), nullable=False),
        sa.Column('message', sa.String(500), nullable=False),
    )
    op.create_table(
        'stats_locks',
        sa.Column('name', sa.String(40), primary_key=True),
        sa.Column('holder', sa.Integer(), nullable=True),
        sa.Column('until', UTCDateTime(timezone=True), nullable=True),
    )
    op.create_table(
        'post_stats',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('record_id', sa.Integer(), sa.ForeignKey('export_records.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('draft_id', sa.Integer(), sa.ForeignKey('drafts.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('destination_id', sa.Integer(),
                  sa.ForeignKey('destinations.id', ondelete='CASCADE'), nullable=False),
        sa.Column('sync_id', sa.Integer(), sa.ForeignKey('stats_syncs.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('taken_at', UTCDateTime(timezone=True), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=True) for name in (
            'signups', 'paid_conversions', 'clicks', 'positive_feedback', 'negative_feedback',
            'views', 'reactions')],
        sa.UniqueConstraint('record_id', 'sync_id', name='uq_post_stats_record_sync'),
    )
    op.create_index('ix_post_stats_record_taken', 'post_stats', ['record_id', 'taken_at'])
    op.create_index('ix_post_stats_draft_id', 'post_stats', ['draft_id'])
    with op.batch_alter_table('suggestion_requests') as batch:
        batch.add_column(sa.Column('accepted_at', UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table('revision_scores') as batch:
        batch.add_column(sa.Column('buzzwords', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('jargon', sa.Integer(), nullable=True))
    op.create_table(
        'draft_cycles',
        sa.Column('draft_id', sa.Integer(), sa.ForeignKey('drafts.id', ondelete='CASCADE'),
                  primary_key=True),
        sa.Column('first_published_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('review_seconds', sa.Float(), nullable=False),
        sa.Column('rounds', sa.Integer(), nullable=False),
        sa.Column('in_review_since', UTCDateTime(timezone=True), nullable=True),
        sa.Column('first_submit_revision_id', sa.Integer(),
                  sa.ForeignKey('revisions.id', ondelete='SET NULL'), nullable=True),
        sa.Column('approval_revision_id', sa.Integer(),
                  sa.ForeignKey('revisions.id', ondelete='SET NULL'), nullable=True),
    )
    op.create_index('ix_draft_cycles_first_published_at', 'draft_cycles', ['first_published_at'])
    _backfill_cycles()


def _backfill_cycles() -> None:
    """Fold the transitions already stored into draft_cycles (drafts/metrics/cycle.py)."""
    from drafts.metrics.cycle import Fold

    bind = op.get_bind()
    transitions = sa.table('transitions', sa.column('id'), sa.column('draft_id'),
                           sa.column('from_status'), sa.column('to_status'), sa.column('action'),
                           sa.column('created_at', UTCDateTime(timezone=True)),
                           sa.column('revision_id'))
    cycles = sa.table('draft_cycles', *[sa.column(n) for n in (
        'draft_id', 'first_published_at', 'review_seconds', 'rounds', 'in_review_since',
        'first_submit_revision_id', 'approval_revision_id')])
    folds: dict[int, Fold] = {}
    rows = bind.execute(sa.select(transitions.c.draft_id, transitions.c.from_status,
                                  transitions.c.to_status, transitions.c.action,
                                  transitions.c.created_at, transitions.c.revision_id)
                        .order_by(transitions.c.draft_id, transitions.c.id))
    for draft_id, before, after, action, at, revision_id in rows:
        folds.setdefault(draft_id, Fold()).step(before, after, action, at, revision_id)
    values = [{'draft_id': d, **f.values()} for d, f in sorted(folds.items())]
    for start in range(0, len(values), 5000):
        bind.execute(sa.insert(cycles), values[start:start + 5000])


def downgrade() -> None:
    op.drop_index('ix_draft_cycles_first_published_at', table_name='draft_cycles')
    op.drop_table('draft_cycles')
    with op.batch_alter_table('revision_scores') as batch:
        batch.drop_column('jargon')
        batch.drop_column('buzzwords')
    with op.batch_alter_table('suggestion_requests') as batch:
        batch.drop_column('accepted_at')
    op.drop_index('ix_post_stats_draft_id', table_name='post_stats')
    op.drop_index('ix_post_stats_record_taken', table_name='post_stats')
    op.drop_table('post_stats')
    op.drop_table('stats_locks')
    op.drop_table('stats_syncs')
