"""Text indexes for the lists' `filter=` search: on SQLite a trigram FTS5 table of each invoice's
searched text (number, PO number, custom values, lines), kept by triggers as the clients' one of
0022 is; on PostgreSQL pg_trgm GIN indexes of the searched text of clients, contacts and invoices,
when the extension can be created (without it the search keeps its plain scan). MariaDB has no
index that finds substrings.

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


def _joined(columns, glue: str, prefix: str = "") -> str:
    return f" || {glue} || ".join(f"coalesce({prefix}{c}, '')" for c in columns)


# PostgreSQL: one expression per table, as the application spells it (ninja_api.search.text_index).
PG_TEXT = {
    "clients": ("name", "id_number", "number", "custom_value1", "custom_value2", "custom_value3", "custom_value4"),
    "client_contacts": ("first_name", "last_name", "email", "phone"),
    "invoices": INVOICE_COLUMNS,
}

SQLITE_REFRESH = f"INSERT INTO invoice_search(rowid, body) VALUES (new.id, {_joined(INVOICE_COLUMNS, 'char(10)', 'new.')});"
SQLITE_TRIGGERS = {
    "invoice_search_insert": f"AFTER INSERT ON invoices BEGIN {SQLITE_REFRESH} END",
    # Balances and statuses change often; only the searched columns rewrite the entry.
    "invoice_search_update": f"AFTER UPDATE OF id, {', '.join(INVOICE_COLUMNS)} ON invoices "
                             f"BEGIN DELETE FROM invoice_search WHERE rowid = old.id; {SQLITE_REFRESH} END",
    "invoice_search_delete": "AFTER DELETE ON invoices BEGIN DELETE FROM invoice_search WHERE rowid = old.id; END",
}


def _sqlite_upgrade() -> None:
    op.execute("CREATE VIRTUAL TABLE invoice_search USING fts5(body, tokenize='trigram')")
    op.execute(f"INSERT INTO invoice_search(rowid, body) SELECT id, {_joined(INVOICE_COLUMNS, 'char(10)')} FROM invoices")
    for name, body in SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


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
                   f"(lower({_joined(columns, chr(39) + ' ' + chr(39))}) gin_trgm_ops)")


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        _pg_upgrade()


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE invoice_search")
    elif dialect == "postgresql":
        for name in PG_TEXT:
            op.execute(f"DROP INDEX IF EXISTS ix_{name}_search_trgm")
