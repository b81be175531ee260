"""Invoices keep a sort key of their number's digits (`number_sort`), indexed after the company: the
list's numeric `number` sort reads that index in order instead of computing the digits of every
invoice of the company.

Revision ID: 0023
Revises: 0022
"""
from alembic import op
import sqlalchemy as sa

from ninja_api.models.sort_keys import digits_key


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

BATCH = 5_000


def upgrade() -> None:
    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number_sort', sa.String(length=200), nullable=True))
        batch_op.create_index('ix_invoices_company_id_number_sort', ['company_id', 'number_sort'], unique=False)

    invoices = sa.table('invoices', sa.column('id', sa.Integer), sa.column('number', sa.String),
                        sa.column('number_sort', sa.String))
    conn = op.get_bind()
    last = 0
    while True:
        rows = conn.execute(sa.select(invoices.c.id, invoices.c.number).where(invoices.c.id > last)
                            .where(invoices.c.number.is_not(None)).order_by(invoices.c.id).limit(BATCH)).all()
        if not rows:
            break
        conn.execute(invoices.update().where(invoices.c.id == sa.bindparam('row_id'))
                     .values(number_sort=sa.bindparam('key')),
                     [{'row_id': row.id, 'key': digits_key(row.number)} for row in rows])
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.drop_index('ix_invoices_company_id_number_sort')
        batch_op.drop_column('number_sort')
