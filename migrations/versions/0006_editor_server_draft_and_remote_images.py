"""editor-server: draft images and remote images

Revision ID: 0006_editor_server
Revises: 0005
Create Date: 2026-12-02 00:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import drafts.models

revision = '0006_editor_server'
down_revision = '0006_publish'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('draft_images',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', drafts.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('draft_id', 'name', name='uq_draft_image')
    )
    with op.batch_alter_table('draft_images', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_images_draft_id'), ['draft_id'], unique=False)

    op.create_table('remote_images',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('destination_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('remote_id', sa.String(length=100), nullable=False),
    sa.Column('remote_url', sa.String(length=1000), nullable=False),
    sa.Column('created_at', drafts.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['destination_id'], ['destinations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('destination_id', 'name', name='uq_remote_image')
    )


def downgrade() -> None:
    op.drop_table('remote_images')
    with op.batch_alter_table('draft_images', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draft_images_draft_id'))

    op.drop_table('draft_images')
