"""editor page: remember per user whether the coach's highlights are shown

Revision ID: 0006_editor_page
Revises: 0005
Create Date: 2026-12-02 00:15:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0006_editor_page'
down_revision = '0006_editor_server'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('show_highlights', sa.Boolean(), nullable=False,
                                   server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.drop_column('show_highlights')
