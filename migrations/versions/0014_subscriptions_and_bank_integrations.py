"""Subscriptions, bank integrations (manual bank accounts), and activities that name a subscription.

Revision ID: 0014
Revises: 0013
"""
from alembic import op
import sqlalchemy as sa
import ninja_api.models.types
from sqlalchemy.dialects import mysql

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bank_integrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('provider_name', sa.Text(), nullable=False),
    sa.Column('provider_id', sa.BigInteger(), nullable=False),
    sa.Column('bank_account_id', sa.BigInteger(), nullable=False),
    sa.Column('bank_account_name', sa.Text(), nullable=True),
    sa.Column('bank_account_number', sa.Text(), nullable=True),
    sa.Column('bank_account_status', sa.Text(), nullable=True),
    sa.Column('bank_account_type', sa.Text(), nullable=True),
    sa.Column('balance', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('currency', sa.Text(), nullable=True),
    sa.Column('nickname', sa.Text(), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=True),
    sa.Column('disabled_upstream', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('auto_sync', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('integration_type', sa.String(length=191), nullable=True),
    sa.Column('nordigen_account_id', sa.String(length=191), nullable=True),
    sa.Column('nordigen_institution_id', sa.String(length=191), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_bank_integrations_account_id_accounts')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_bank_integrations_company_id_companies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_bank_integrations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_integrations'))
    )
    with op.batch_alter_table('bank_integrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_integrations_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_integrations_company_id'), ['company_id'], unique=False)

    op.create_table('subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assigned_user_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=191), nullable=False),
    sa.Column('product_ids', sa.Text(), nullable=True),
    sa.Column('recurring_product_ids', sa.Text(), nullable=True),
    sa.Column('optional_product_ids', sa.Text(), nullable=True),
    sa.Column('optional_recurring_product_ids', sa.Text(), nullable=True),
    sa.Column('frequency_id', sa.Integer(), nullable=True),
    sa.Column('auto_bill', sa.Text(), nullable=True),
    sa.Column('promo_code', sa.Text(), nullable=True),
    sa.Column('promo_discount', ninja_api.models.types.Money(precision=8, scale=2), nullable=False),
    sa.Column('is_amount_discount', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('allow_cancellation', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('per_seat_enabled', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('min_seats_limit', sa.Integer(), nullable=False),
    sa.Column('max_seats_limit', sa.Integer(), nullable=False),
    sa.Column('trial_enabled', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('trial_duration', sa.Integer(), nullable=False),
    sa.Column('allow_query_overrides', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('allow_plan_changes', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('plan_map', sa.Text(), nullable=True),
    sa.Column('refund_period', sa.Integer(), nullable=True),
    sa.Column('webhook_configuration', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('currency_id', sa.Integer(), nullable=True),
    sa.Column('price', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('promo_price', ninja_api.models.types.Money(precision=20, scale=6), nullable=False),
    sa.Column('registration_required', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('use_inventory_management', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('steps', sa.String(length=191), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['assigned_user_id'], ['users.id'], name=op.f('fk_subscriptions_assigned_user_id_users')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_subscriptions_company_id_companies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_subscriptions_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscriptions')),
    sa.UniqueConstraint('company_id', 'name', name=op.f('uq_subscriptions_company_id_name'))
    )
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscriptions_company_id'), ['company_id'], unique=False)

    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subscription_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_column('subscription_id')

    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscriptions_company_id'))

    op.drop_table('subscriptions')
    with op.batch_alter_table('bank_integrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_integrations_company_id'))
        batch_op.drop_index(batch_op.f('ix_bank_integrations_account_id'))

    op.drop_table('bank_integrations')
