"""Purchase orders with vendor invitations, and recurring expenses.

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa
import ninja_api.models.types
from sqlalchemy.dialects import mysql

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('purchase_orders',
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('vendor_id', sa.Integer(), nullable=True),
    sa.Column('invoice_id', sa.Integer(), nullable=True),
    sa.Column('expense_id', sa.Integer(), nullable=True),
    sa.Column('currency_id', sa.Integer(), nullable=True),
    sa.Column('last_sent_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('partial_due_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assigned_user_id', sa.Integer(), nullable=True),
    sa.Column('status_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
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
    sa.Column('next_send_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
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
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_purchase_orders_client_id_clients')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_purchase_orders_company_id_companies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_purchase_orders_user_id_users')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_purchase_orders_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_orders'))
    )
    with op.batch_alter_table('purchase_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_orders_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_orders_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_orders_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('recurring_expenses',
    sa.Column('status_id', sa.Integer(), nullable=False),
    sa.Column('frequency_id', sa.Integer(), nullable=False),
    sa.Column('remaining_cycles', sa.Integer(), nullable=False),
    sa.Column('last_sent_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('next_send_date', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('next_send_date_client', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=True),
    sa.Column('assigned_user_id', sa.Integer(), nullable=True),
    sa.Column('invoice_id', sa.Integer(), nullable=True),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('bank_id', sa.Integer(), nullable=True),
    sa.Column('invoice_currency_id', sa.Integer(), nullable=True),
    sa.Column('currency_id', sa.Integer(), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('payment_type_id', sa.Integer(), nullable=True),
    sa.Column('recurring_expense_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('amount', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('foreign_amount', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('exchange_rate', ninja_api.models.types.Money(precision=20, scale=6), server_default='1', nullable=False),
    sa.Column('tax_name1', sa.String(length=191), nullable=True),
    sa.Column('tax_rate1', ninja_api.models.types.Money(precision=20, scale=6), server_default='0', nullable=False),
    sa.Column('tax_name2', sa.String(length=191), nullable=True),
    sa.Column('tax_rate2', ninja_api.models.types.Money(precision=20, scale=6), server_default='0', nullable=False),
    sa.Column('tax_name3', sa.String(length=191), nullable=True),
    sa.Column('tax_rate3', ninja_api.models.types.Money(precision=20, scale=6), server_default='0', nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('payment_date', sa.Date(), nullable=True),
    sa.Column('private_notes', sa.Text(), nullable=True),
    sa.Column('public_notes', sa.Text(), nullable=True),
    sa.Column('transaction_reference', sa.Text(), nullable=True),
    sa.Column('should_be_invoiced', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('invoice_documents', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=True),
    sa.Column('custom_value1', sa.Text(), nullable=True),
    sa.Column('custom_value2', sa.Text(), nullable=True),
    sa.Column('custom_value3', sa.Text(), nullable=True),
    sa.Column('custom_value4', sa.Text(), nullable=True),
    sa.Column('number', sa.String(length=191), nullable=True),
    sa.Column('tax_amount1', ninja_api.models.types.Money(precision=20, scale=6), server_default='1', nullable=False),
    sa.Column('tax_amount2', ninja_api.models.types.Money(precision=20, scale=6), server_default='1', nullable=False),
    sa.Column('tax_amount3', ninja_api.models.types.Money(precision=20, scale=6), server_default='1', nullable=False),
    sa.Column('uses_inclusive_taxes', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('calculate_tax_by_amount', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('e_invoice', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['assigned_user_id'], ['users.id'], name=op.f('fk_recurring_expenses_assigned_user_id_users')),
    sa.ForeignKeyConstraint(['category_id'], ['expense_categories.id'], name=op.f('fk_recurring_expenses_category_id_expense_categories')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_recurring_expenses_client_id_clients')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_recurring_expenses_company_id_companies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_recurring_expenses_user_id_users')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_recurring_expenses_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recurring_expenses')),
    sa.UniqueConstraint('company_id', 'number', name=op.f('uq_recurring_expenses_company_id_number'))
    )
    with op.batch_alter_table('recurring_expenses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recurring_expenses_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_expenses_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_expenses_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_expenses_invoice_id'), ['invoice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_expenses_next_send_date'), ['next_send_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_expenses_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurring_expenses_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('purchase_order_invitations',
    sa.Column('vendor_contact_id', sa.Integer(), nullable=False),
    sa.Column('purchase_order_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
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
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_purchase_order_invitations_company_id_companies')),
    sa.ForeignKeyConstraint(['purchase_order_id'], ['purchase_orders.id'], name=op.f('fk_purchase_order_invitations_purchase_order_id_purchase_orders')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_purchase_order_invitations_user_id_users')),
    sa.ForeignKeyConstraint(['vendor_contact_id'], ['vendor_contacts.id'], name=op.f('fk_purchase_order_invitations_vendor_contact_id_vendor_contacts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_order_invitations')),
    sa.UniqueConstraint('vendor_contact_id', 'purchase_order_id', name=op.f('uq_purchase_order_invitations_vendor_contact_id_purchase_order_id'))
    )
    with op.batch_alter_table('purchase_order_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_order_invitations_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_order_invitations_key'), ['key'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_order_invitations_purchase_order_id'), ['purchase_order_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('purchase_order_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_order_invitations_purchase_order_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_order_invitations_key'))
        batch_op.drop_index(batch_op.f('ix_purchase_order_invitations_company_id'))

    op.drop_table('purchase_order_invitations')
    with op.batch_alter_table('recurring_expenses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recurring_expenses_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_recurring_expenses_project_id'))
        batch_op.drop_index(batch_op.f('ix_recurring_expenses_next_send_date'))
        batch_op.drop_index(batch_op.f('ix_recurring_expenses_invoice_id'))
        batch_op.drop_index(batch_op.f('ix_recurring_expenses_company_id'))
        batch_op.drop_index(batch_op.f('ix_recurring_expenses_client_id'))
        batch_op.drop_index(batch_op.f('ix_recurring_expenses_category_id'))

    op.drop_table('recurring_expenses')
    with op.batch_alter_table('purchase_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_orders_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_orders_company_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_orders_client_id'))

    op.drop_table('purchase_orders')
