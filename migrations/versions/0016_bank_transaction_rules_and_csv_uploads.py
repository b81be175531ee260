"""Bank transaction rules, and the CSV statements kept between `/preimport` and `/import`.

Revision ID: 0016
Revises: 0015
"""
from alembic import op
import sqlalchemy as sa
import ninja_api.models.types
from sqlalchemy.dialects import mysql

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bank_transaction_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=191), nullable=False),
    sa.Column('rules', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('auto_convert', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('matches_on_all', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('applies_to', sa.String(length=191), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('vendor_id', sa.Integer(), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_bank_transaction_rules_company_id_companies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_bank_transaction_rules_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_transaction_rules'))
    )
    with op.batch_alter_table('bank_transaction_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_transaction_rules_company_id'), ['company_id'], unique=False)

    op.create_table('csv_uploads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('entity', sa.String(length=64), nullable=False),
    sa.Column('content', sa.Text().with_variant(mysql.LONGTEXT(), 'mysql', 'mariadb'), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_csv_uploads_company_id_companies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_csv_uploads'))
    )
    with op.batch_alter_table('csv_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_csv_uploads_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_csv_uploads_hash'), ['hash'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('csv_uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_csv_uploads_hash'))
        batch_op.drop_index(batch_op.f('ix_csv_uploads_company_id'))

    op.drop_table('csv_uploads')
    with op.batch_alter_table('bank_transaction_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_transaction_rules_company_id'))

    op.drop_table('bank_transaction_rules')
