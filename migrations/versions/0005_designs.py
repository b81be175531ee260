"""Designs, with upstream's eleven system designs under their upstream ids and names.

The system designs carry empty markup: this server draws PDFs with its own design, so only their
ids and names matter (settings and documents refer to them by id).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 01:31:28.774466
"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa
import ninja_api.models.types
from sqlalchemy.dialects import mysql

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

SYSTEM_DESIGNS = [
    (1, 'Plain'), (2, 'Clean'), (3, 'Bold'), (4, 'Modern'), (5, 'Business'), (6, 'Creative'), (7, 'Elegant'),
    (8, 'Hipster'), (9, 'Playful'), (10, 'Tech'), (11, 'Calm'),
]
# The part order upstream's seeder writes.
EMPTY_DESIGN = {'includes': '', 'header': '', 'body': '', 'product': '', 'task': '', 'footer': ''}


def upgrade() -> None:
    designs = op.create_table('designs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=191), nullable=False),
    sa.Column('is_custom', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('design', ninja_api.models.types.JSONText(), nullable=True),
    sa.Column('is_template', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('entities', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('updated_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('deleted_at', sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mariadb').with_variant(mysql.DATETIME(fsp=6), 'mysql'), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_designs_company_id_companies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_designs_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_designs'))
    )
    with op.batch_alter_table('designs', schema=None) as batch_op:
        batch_op.create_index('ix_designs_company_id_deleted_at', ['company_id', 'deleted_at'], unique=False)

    now = datetime.now(timezone.utc).replace(tzinfo=None)
    op.bulk_insert(designs, [
        {'id': id, 'user_id': None, 'company_id': None, 'name': name, 'is_custom': False, 'is_active': True,
         'design': dict(EMPTY_DESIGN), 'is_template': False, 'entities': None, 'created_at': now,
         'updated_at': now, 'deleted_at': None, 'is_deleted': False}
        for id, name in SYSTEM_DESIGNS
    ])
    # Explicit ids do not advance PostgreSQL's sequence; custom designs must start at 12.
    # (SQLite and MariaDB continue after the highest id by themselves.)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("SELECT setval(pg_get_serial_sequence('designs', 'id'), (SELECT MAX(id) FROM designs))")


def downgrade() -> None:
    with op.batch_alter_table('designs', schema=None) as batch_op:
        batch_op.drop_index('ix_designs_company_id_deleted_at')

    op.drop_table('designs')
