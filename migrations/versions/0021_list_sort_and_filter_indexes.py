"""Indexes for the list sorts and filters: invoices by date, due date, balance, status and
updated_at, clients by balance and updated_at, each after the company.

Revision ID: 0021
Revises: 0020
"""
from alembic import op


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.create_index('ix_clients_company_id_balance', ['company_id', 'balance'], unique=False)
        batch_op.create_index('ix_clients_company_id_updated_at', ['company_id', 'updated_at'], unique=False)

    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.create_index('ix_invoices_company_id_balance', ['company_id', 'balance'], unique=False)
        batch_op.create_index('ix_invoices_company_id_date', ['company_id', 'date'], unique=False)
        batch_op.create_index('ix_invoices_company_id_due_date', ['company_id', 'due_date'], unique=False)
        batch_op.create_index('ix_invoices_company_id_status_id', ['company_id', 'status_id'], unique=False)
        batch_op.create_index('ix_invoices_company_id_updated_at', ['company_id', 'updated_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.drop_index('ix_invoices_company_id_updated_at')
        batch_op.drop_index('ix_invoices_company_id_status_id')
        batch_op.drop_index('ix_invoices_company_id_due_date')
        batch_op.drop_index('ix_invoices_company_id_date')
        batch_op.drop_index('ix_invoices_company_id_balance')

    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index('ix_clients_company_id_updated_at')
        batch_op.drop_index('ix_clients_company_id_balance')
