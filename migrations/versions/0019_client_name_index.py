"""An index on clients by company and name: a client page sorted by name reads it in order.

Revision ID: 0019
Revises: 0018
"""
from alembic import op
import sqlalchemy as sa
import ninja_api.models.types


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.create_index('ix_clients_company_id_name', ['company_id', 'name'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index('ix_clients_company_id_name')

