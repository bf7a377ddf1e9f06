"""export authors: under whose name a Byline author's posts appear at each destination

Revision ID: 0006_export
Revises: 0005
Create Date: 2026-12-02 00:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import drafts.models

revision = '0006_export'
down_revision = '0006_editor_page'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('export_authors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('destination_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('remote_id', sa.String(length=100), nullable=False),
    sa.Column('remote_name', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('updated_at', drafts.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['destination_id'], ['destinations.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('destination_id', 'user_id', name='uq_export_author')
    )
    with op.batch_alter_table('export_authors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_authors_destination_id'), ['destination_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('export_authors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_authors_destination_id'))
    op.drop_table('export_authors')
