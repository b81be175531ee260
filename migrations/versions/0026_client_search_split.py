"""SQLite: the clients' trigram index of 0022 split in two, the client's own text (`client_search`,
by client id) and each contact's (`client_contact_search`, by contact id, with its client's id).

0022 rewrote a client's entry for every contact written, so a bulk load deleted and inserted the
same row just written, which makes FTS5 flush its pending terms to disk for every contact (it
keeps them in rowid order): 100,000 clients took 257 s to load against 10 s without the index.
Now an insert only appends; only updates and deletes rewrite an entry.

Revision ID: 0026
Revises: 0025
"""
import importlib.util
from pathlib import Path

from alembic import op


revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None

CLIENT_COLUMNS = ("name", "id_number", "number", "custom_value1", "custom_value2", "custom_value3", "custom_value4")
CONTACT_COLUMNS = ("first_name", "last_name", "email", "phone")
OLD_TRIGGERS = ("client_search_client_insert", "client_search_client_update", "client_search_client_delete",
                "client_search_contact_insert", "client_search_contact_update", "client_search_contact_delete")


def _joined(columns, prefix: str) -> str:
    return " || char(10) || ".join(f"coalesce({prefix}{c}, '')" for c in columns)


def _triggers(table: str, index: str, columns, extra: str = "", extra_value: str = "") -> dict:
    insert = f"INSERT INTO {index}(rowid, {extra}body) VALUES (new.id, {extra_value}{_joined(columns, 'new.')});"
    delete = f"DELETE FROM {index} WHERE rowid = old.id;"
    watched = ", ".join(("id", *([extra.rstrip(", ")] if extra else []), *columns))
    return {
        f"{index}_insert": f"AFTER INSERT ON {table} BEGIN {insert} END",
        f"{index}_update": f"AFTER UPDATE OF {watched} ON {table} BEGIN {delete} {insert} END",
        f"{index}_delete": f"AFTER DELETE ON {table} BEGIN {delete} END",
    }


TRIGGERS = {
    **_triggers("clients", "client_search", CLIENT_COLUMNS),
    **_triggers("client_contacts", "client_contact_search", CONTACT_COLUMNS, "client_id, ", "new.client_id, "),
}


def upgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    for name in OLD_TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE client_search")
    op.execute("CREATE VIRTUAL TABLE client_search USING fts5(body, tokenize='trigram')")
    op.execute("CREATE VIRTUAL TABLE client_contact_search USING fts5(client_id UNINDEXED, body, tokenize='trigram')")
    op.execute(f"INSERT INTO client_search(rowid, body) SELECT id, {_joined(CLIENT_COLUMNS, '')} FROM clients")
    op.execute("INSERT INTO client_contact_search(rowid, client_id, body) "
               f"SELECT id, client_id, {_joined(CONTACT_COLUMNS, '')} FROM client_contacts")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def _migration_0022():
    path = Path(__file__).with_name("0022_client_search_index.py")
    spec = importlib.util.spec_from_file_location("migration_0022", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def downgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE client_contact_search")
    op.execute("DROP TABLE client_search")
    _migration_0022().upgrade()
