"""Bank transactions: the lines of a bank account's statement.

Revision ID: 0015
Revises: 0014
"""
from alembic import op
import sqlalchemy as sa
import ninja_api.models.types
from sqlalchemy.dialects import mysql

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bank_transactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bank_integration_id', sa.Integer(), nullable=True),
    sa.Column('transaction_id', sa.BigInteger(), nullable=False),
    sa.Column('nordigen_transaction_id', sa.String(length=191), nullable=True),
    sa.Column('amount', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('currency_id', sa.Integer(), nullable=True),
    sa.Column('account_type', sa.String(length=191), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('ninja_category_id', sa.Integer(), nullable=True),
    sa.Column('category_type', sa.String(length=191), nullable=True),
    sa.Column('base_type', sa.String(length=191), nullable=True),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('bank_account_id', sa.BigInteger(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('invoice_ids', sa.Text(), nullable=True),
    sa.Column('expense_id', sa.Text(), nullable=True),
    sa.Column('vendor_id', sa.Integer(), nullable=True),
    sa.Column('status_id', sa.Integer(), nullable=False),
    sa.Column('bank_transaction_rule_id', sa.Integer(), nullable=True),
    sa.Column('payment_id', sa.Integer(), nullable=True),
    sa.Column('participant', sa.String(length=191), nullable=True),
    sa.Column('participant_name', sa.String(length=191), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['bank_integration_id'], ['bank_integrations.id'], name=op.f('fk_bank_transactions_bank_integration_id_bank_integrations')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_bank_transactions_company_id_companies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_bank_transactions_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_transactions'))
    )
    with op.batch_alter_table('bank_transactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_transactions_bank_integration_id'), ['bank_integration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_transactions_company_id'), ['company_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('bank_transactions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_transactions_company_id'))
        batch_op.drop_index(batch_op.f('ix_bank_transactions_bank_integration_id'))

    op.drop_table('bank_transactions')
