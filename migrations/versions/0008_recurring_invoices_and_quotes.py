"""Recurring invoices and recurring quotes with their invitations; activities name a recurring quote.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 04:51:37.902455
"""
from alembic import op
import sqlalchemy as sa
import ninja_api.models.types
from sqlalchemy.dialects import mysql

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('recurring_invoices',
    sa.Column('frequency_id', sa.Integer(), nullable=False),
    sa.Column('remaining_cycles', sa.Integer(), nullable=True),
    sa.Column('last_sent_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('next_send_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('next_send_date_client', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('auto_bill', sa.String(length=191), server_default=sa.text("'off'"), nullable=False),
    sa.Column('auto_bill_enabled', sa.Boolean(), nullable=False),
    sa.Column('due_date_days', sa.String(length=191), nullable=True),
    sa.Column('is_proforma', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('assigned_user_id', sa.Integer(), nullable=True),
    sa.Column('status_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('vendor_id', sa.Integer(), nullable=True),
    sa.Column('recurring_id', sa.Integer(), nullable=True),
    sa.Column('design_id', sa.Integer(), nullable=True),
    sa.Column('subscription_id', sa.Integer(), nullable=True),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.String(length=191), nullable=True),
    sa.Column('discount', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('is_amount_discount', sa.Boolean(), nullable=False),
    sa.Column('po_number', sa.String(length=191), nullable=True),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('partial_due_date', sa.Date(), nullable=True),
    sa.Column('last_viewed', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('line_items', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('backup', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('footer', sa.Text(), nullable=True),
    sa.Column('public_notes', sa.Text(), nullable=True),
    sa.Column('private_notes', sa.Text(), nullable=True),
    sa.Column('terms', sa.Text(), nullable=True),
    sa.Column('tax_name1', sa.String(length=191), nullable=True),
    sa.Column('tax_name2', sa.String(length=191), nullable=True),
    sa.Column('tax_name3', sa.String(length=191), nullable=True),
    sa.Column('tax_rate1', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('tax_rate2', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('tax_rate3', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('total_taxes', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('uses_inclusive_taxes', sa.Boolean(), nullable=False),
    sa.Column('custom_value1', sa.Text(), nullable=True),
    sa.Column('custom_value2', sa.Text(), nullable=True),
    sa.Column('custom_value3', sa.Text(), nullable=True),
    sa.Column('custom_value4', sa.Text(), nullable=True),
    sa.Column('custom_surcharge1', ninja_api.models.types.Money(precision=20, scale=6), nullable=True),
    sa.Column('custom_surcharge2', ninja_api.models.types.Money(precision=20, scale=6), nullable=True),
    sa.Column('custom_surcharge3', ninja_api.models.types.Money(precision=20, scale=6), nullable=True),
    sa.Column('custom_surcharge4', ninja_api.models.types.Money(precision=20, scale=6), nullable=True),
    sa.Column('custom_surcharge_tax1', sa.Boolean(), nullable=False),
    sa.Column('custom_surcharge_tax2', sa.Boolean(), nullable=False),
    sa.Column('custom_surcharge_tax3', sa.Boolean(), nullable=False),
    sa.Column('custom_surcharge_tax4', sa.Boolean(), nullable=False),
    sa.Column('exchange_rate', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('amount', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('balance', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('partial', ninja_api.models.types.Money(precision=20, scale=6), nullable=True),
    sa.Column('paid_to_date', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('reminder1_sent', sa.Date(), nullable=True),
    sa.Column('reminder2_sent', sa.Date(), nullable=True),
    sa.Column('reminder3_sent', sa.Date(), nullable=True),
    sa.Column('reminder_last_sent', sa.Date(), nullable=True),
    sa.Column('tax_data', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('e_invoice', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_recurring_invoices_client_id_clients')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_recurring_invoices_company_id_companies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_recurring_invoices_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recurring_invoices')),
    sa.UniqueConstraint('company_id', 'number', name=op.f('uq_recurring_invoices_company_id_number'))
    )
    with op.batch_alter_table('recurring_invoices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recurring_invoices_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_invoices_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_invoices_next_send_date'), ['next_send_date'], unique=False)

    op.create_table('recurring_quotes',
    sa.Column('frequency_id', sa.Integer(), nullable=False),
    sa.Column('remaining_cycles', sa.Integer(), nullable=True),
    sa.Column('last_sent_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('next_send_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('next_send_date_client', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('auto_bill', sa.String(length=191), server_default=sa.text("'off'"), nullable=False),
    sa.Column('auto_bill_enabled', sa.Boolean(), nullable=False),
    sa.Column('due_date_days', sa.String(length=191), nullable=True),
    sa.Column('is_proforma', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('assigned_user_id', sa.Integer(), nullable=True),
    sa.Column('status_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('vendor_id', sa.Integer(), nullable=True),
    sa.Column('recurring_id', sa.Integer(), nullable=True),
    sa.Column('design_id', sa.Integer(), nullable=True),
    sa.Column('subscription_id', sa.Integer(), nullable=True),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.String(length=191), nullable=True),
    sa.Column('discount', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('is_amount_discount', sa.Boolean(), nullable=False),
    sa.Column('po_number', sa.String(length=191), nullable=True),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('partial_due_date', sa.Date(), nullable=True),
    sa.Column('last_viewed', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('line_items', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('backup', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('footer', sa.Text(), nullable=True),
    sa.Column('public_notes', sa.Text(), nullable=True),
    sa.Column('private_notes', sa.Text(), nullable=True),
    sa.Column('terms', sa.Text(), nullable=True),
    sa.Column('tax_name1', sa.String(length=191), nullable=True),
    sa.Column('tax_name2', sa.String(length=191), nullable=True),
    sa.Column('tax_name3', sa.String(length=191), nullable=True),
    sa.Column('tax_rate1', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('tax_rate2', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('tax_rate3', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('total_taxes', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('uses_inclusive_taxes', sa.Boolean(), nullable=False),
    sa.Column('custom_value1', sa.Text(), nullable=True),
    sa.Column('custom_value2', sa.Text(), nullable=True),
    sa.Column('custom_value3', sa.Text(), nullable=True),
    sa.Column('custom_value4', sa.Text(), nullable=True),
    sa.Column('custom_surcharge1', ninja_api.models.types.Money(precision=20, scale=6), nullable=True),
    sa.Column('custom_surcharge2', ninja_api.models.types.Money(precision=20, scale=6), nullable=True),
    sa.Column('custom_surcharge3', ninja_api.models.types.Money(precision=20, scale=6), nullable=True),
    sa.Column('custom_surcharge4', ninja_api.models.types.Money(precision=20, scale=6), nullable=True),
    sa.Column('custom_surcharge_tax1', sa.Boolean(), nullable=False),
    sa.Column('custom_surcharge_tax2', sa.Boolean(), nullable=False),
    sa.Column('custom_surcharge_tax3', sa.Boolean(), nullable=False),
    sa.Column('custom_surcharge_tax4', sa.Boolean(), nullable=False),
    sa.Column('exchange_rate', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('amount', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('balance', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('partial', ninja_api.models.types.Money(precision=20, scale=6), nullable=True),
    sa.Column('paid_to_date', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('reminder1_sent', sa.Date(), nullable=True),
    sa.Column('reminder2_sent', sa.Date(), nullable=True),
    sa.Column('reminder3_sent', sa.Date(), nullable=True),
    sa.Column('reminder_last_sent', sa.Date(), nullable=True),
    sa.Column('tax_data', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('e_invoice', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_recurring_quotes_client_id_clients')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_recurring_quotes_company_id_companies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_recurring_quotes_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recurring_quotes')),
    sa.UniqueConstraint('company_id', 'number', name=op.f('uq_recurring_quotes_company_id_number'))
    )
    with op.batch_alter_table('recurring_quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recurring_quotes_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_quotes_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_quotes_next_send_date'), ['next_send_date'], unique=False)

    op.create_table('recurring_invoice_invitations',
    sa.Column('recurring_invoice_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_contact_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=191), nullable=False),
    sa.Column('transaction_reference', sa.String(length=191), nullable=True),
    sa.Column('message_id', sa.String(length=191), nullable=True),
    sa.Column('email_error', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mariadb').with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=True),
    sa.Column('signature_base64', sa.Text(), nullable=True),
    sa.Column('signature_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('sent_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('viewed_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('opened_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('signature_ip', sa.Text(), nullable=True),
    sa.Column('email_status', sa.String(length=20), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.ForeignKeyConstraint(['client_contact_id'], ['client_contacts.id'], name=op.f('fk_recurring_invoice_invitations_client_contact_id_client_contacts')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_recurring_invoice_invitations_company_id_companies')),
    sa.ForeignKeyConstraint(['recurring_invoice_id'], ['recurring_invoices.id'], name=op.f('fk_recurring_invoice_invitations_recurring_invoice_id_recurring_invoices')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_recurring_invoice_invitations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recurring_invoice_invitations')),
    sa.UniqueConstraint('client_contact_id', 'recurring_invoice_id', name=op.f('uq_recurring_invoice_invitations_client_contact_id_recurring_invoice_id'))
    )
    with op.batch_alter_table('recurring_invoice_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recurring_invoice_invitations_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_invoice_invitations_key'), ['key'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_invoice_invitations_recurring_invoice_id'), ['recurring_invoice_id'], unique=False)

    op.create_table('recurring_quote_invitations',
    sa.Column('recurring_quote_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_contact_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=191), nullable=False),
    sa.Column('transaction_reference', sa.String(length=191), nullable=True),
    sa.Column('message_id', sa.String(length=191), nullable=True),
    sa.Column('email_error', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mariadb').with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=True),
    sa.Column('signature_base64', sa.Text(), nullable=True),
    sa.Column('signature_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('sent_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('viewed_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('opened_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('signature_ip', sa.Text(), nullable=True),
    sa.Column('email_status', sa.String(length=20), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.ForeignKeyConstraint(['client_contact_id'], ['client_contacts.id'], name=op.f('fk_recurring_quote_invitations_client_contact_id_client_contacts')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_recurring_quote_invitations_company_id_companies')),
    sa.ForeignKeyConstraint(['recurring_quote_id'], ['recurring_quotes.id'], name=op.f('fk_recurring_quote_invitations_recurring_quote_id_recurring_quotes')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_recurring_quote_invitations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recurring_quote_invitations')),
    sa.UniqueConstraint('client_contact_id', 'recurring_quote_id', name=op.f('uq_recurring_quote_invitations_client_contact_id_recurring_quote_id'))
    )
    with op.batch_alter_table('recurring_quote_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recurring_quote_invitations_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_quote_invitations_key'), ['key'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_quote_invitations_recurring_quote_id'), ['recurring_quote_id'], unique=False)

    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recurring_quote_id', sa.Integer(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_column('recurring_quote_id')

    with op.batch_alter_table('recurring_quote_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recurring_quote_invitations_recurring_quote_id'))
        batch_op.drop_index(batch_op.f('ix_recurring_quote_invitations_key'))
        batch_op.drop_index(batch_op.f('ix_recurring_quote_invitations_company_id'))

    op.drop_table('recurring_quote_invitations')
    with op.batch_alter_table('recurring_invoice_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recurring_invoice_invitations_recurring_invoice_id'))
        batch_op.drop_index(batch_op.f('ix_recurring_invoice_invitations_key'))
        batch_op.drop_index(batch_op.f('ix_recurring_invoice_invitations_company_id'))

    op.drop_table('recurring_invoice_invitations')
    with op.batch_alter_table('recurring_quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recurring_quotes_next_send_date'))
        batch_op.drop_index(batch_op.f('ix_recurring_quotes_company_id'))
        batch_op.drop_index(batch_op.f('ix_recurring_quotes_client_id'))

    op.drop_table('recurring_quotes')
    with op.batch_alter_table('recurring_invoices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recurring_invoices_next_send_date'))
        batch_op.drop_index(batch_op.f('ix_recurring_invoices_company_id'))
        batch_op.drop_index(batch_op.f('ix_recurring_invoices_client_id'))

    op.drop_table('recurring_invoices')
