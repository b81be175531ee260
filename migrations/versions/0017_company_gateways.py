"""Company gateways: each company's stored configuration of a payment gateway of the catalogue.

Revision ID: 0017
Revises: 0016
"""
from alembic import op
import sqlalchemy as sa
import ninja_api.models.types
from sqlalchemy.dialects import mysql

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('company_gateways',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gateway_key', sa.String(length=191), nullable=False),
    sa.Column('accepted_credit_cards', sa.Integer(), nullable=False),
    sa.Column('require_cvv', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('require_billing_address', sa.Boolean(), server_default=sa.true(), nullable=True),
    sa.Column('require_shipping_address', sa.Boolean(), server_default=sa.true(), nullable=True),
    sa.Column('update_details', sa.Boolean(), server_default=sa.false(), nullable=True),
    sa.Column('config', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mariadb').with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=False),
    sa.Column('fees_and_limits', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('custom_value1', sa.String(length=191), nullable=True),
    sa.Column('custom_value2', sa.String(length=191), nullable=True),
    sa.Column('custom_value3', sa.String(length=191), nullable=True),
    sa.Column('custom_value4', sa.String(length=191), nullable=True),
    sa.Column('token_billing', sa.String(length=191), server_default='off', nullable=False),
    sa.Column('label', sa.String(length=255), nullable=True),
    sa.Column('require_client_name', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('require_postal_code', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('require_client_phone', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('require_contact_name', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('require_contact_email', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('require_custom_value1', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('require_custom_value2', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('require_custom_value3', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('require_custom_value4', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('always_show_required_fields', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_company_gateways_company_id_companies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_company_gateways_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company_gateways'))
    )
    with op.batch_alter_table('company_gateways', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_company_gateways_company_id'), ['company_id'], unique=False)
        batch_op.create_index('ix_company_gateways_company_id_deleted_at', ['company_id', 'deleted_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('company_gateways', schema=None) as batch_op:
        batch_op.drop_index('ix_company_gateways_company_id_deleted_at')
        batch_op.drop_index(batch_op.f('ix_company_gateways_company_id'))

    op.drop_table('company_gateways')
