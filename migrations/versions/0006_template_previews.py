"""Template previews: a rendered bulk `template` PDF, kept until it is fetched by its hash.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 02:10:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('template_previews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('pdf', sa.LargeBinary().with_variant(mysql.LONGBLOB(), 'mysql').with_variant(mysql.LONGBLOB(), 'mariadb'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_template_previews_company_id_companies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_template_previews_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_template_previews')),
    sa.UniqueConstraint('hash', name=op.f('uq_template_previews_hash'))
    )
    op.create_index(op.f('ix_template_previews_company_id'), 'template_previews', ['company_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_template_previews_company_id'), table_name='template_previews')
    op.drop_table('template_previews')
