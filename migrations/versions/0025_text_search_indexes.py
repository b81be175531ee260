"""Text indexes for the lists' `filter=` search on PostgreSQL: pg_trgm GIN indexes of the searched
text of clients, contacts and invoices, when the extension can be created (without it the search
keeps its plain scan). MariaDB has no index that finds substrings. SQLite has its client index
(0022, 0026) and none for invoices: an FTS5 table kept by a trigger on invoices made a bulk insert
of invoices 200 times slower (10 ms a row once a transaction holds more than a few dozen).

Revision ID: 0025
Revises: 0023
"""
import logging

from alembic import op
import sqlalchemy as sa


revision = '0025'
down_revision = '0023'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

INVOICE_COLUMNS = ("number", "po_number", "custom_value1", "custom_value2", "custom_value3", "custom_value4",
                   "line_items")


def _joined(columns) -> str:
    return " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)


# PostgreSQL: one expression per table, as the application spells it (ninja_api.search.text_index).
PG_TEXT = {
    "clients": ("name", "id_number", "number", "custom_value1", "custom_value2", "custom_value3", "custom_value4"),
    "client_contacts": ("first_name", "last_name", "email", "phone"),
    "invoices": INVOICE_COLUMNS,
}


def _pg_upgrade() -> None:
    conn = op.get_bind()
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError as error:
        log.warning("pg_trgm could not be created (%s): the lists' search keeps its plain scan", error.orig)
        return
    for name, columns in PG_TEXT.items():
        op.execute(f"CREATE INDEX ix_{name}_search_trgm ON {name} USING gin "
                   f"(lower({_joined(columns)}) gin_trgm_ops)")


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        _pg_upgrade()


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for name in PG_TEXT:
            op.execute(f"DROP INDEX IF EXISTS ix_{name}_search_trgm")
