"""Throttle hits: login failures and numeric route throttles, counted across server processes.

Revision ID: 0018
Revises: 0017
"""
from alembic import op
import sqlalchemy as sa
import ninja_api.models.types
from sqlalchemy.dialects import mysql

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('throttle_hits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=191), nullable=False),
    sa.Column('at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_throttle_hits'))
    )
    with op.batch_alter_table('throttle_hits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_throttle_hits_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_throttle_hits_key'), ['key'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('throttle_hits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_throttle_hits_key'))
        batch_op.drop_index(batch_op.f('ix_throttle_hits_at'))

    op.drop_table('throttle_hits')
