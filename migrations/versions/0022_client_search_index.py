"""A trigram full-text index of each client's searchable text on SQLite (FTS5), kept by triggers:
the list's `filter=` looks candidates up in it instead of reading every client of the company.
Other databases keep the plain search.

Revision ID: 0022
Revises: 0021
"""
from alembic import op


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

CLIENT_COLUMNS = ("name", "id_number", "number", "custom_value1", "custom_value2", "custom_value3", "custom_value4")
CONTACT_COLUMNS = ("first_name", "last_name", "email", "phone")


def _joined(columns, prefix: str) -> str:
    return " || char(10) || ".join(f"coalesce({prefix}.{c}, '')" for c in columns)


def _body(client_id: str) -> str:
    """Every searched column of the client and of all its contacts, one per line."""
    return (f"(SELECT {_joined(CLIENT_COLUMNS, 'c')} FROM clients c WHERE c.id = {client_id})"
            f" || char(10) || coalesce((SELECT group_concat({_joined(CONTACT_COLUMNS, 'k')}, char(10))"
            f" FROM client_contacts k WHERE k.client_id = {client_id}), '')")


def _refresh(client_id: str) -> str:
    return (f"DELETE FROM client_search WHERE rowid = {client_id}; "
            f"INSERT INTO client_search(rowid, body) SELECT {client_id}, {_body(client_id)} "
            f"WHERE EXISTS (SELECT 1 FROM clients WHERE id = {client_id});")


TRIGGERS = {
    "client_search_client_insert": f"AFTER INSERT ON clients BEGIN {_refresh('new.id')} END",
    # Balances change on every payment; only the searched columns rewrite the entry.
    "client_search_client_update":
        f"AFTER UPDATE OF id, {', '.join(CLIENT_COLUMNS)} ON clients BEGIN {_refresh('old.id')} {_refresh('new.id')} END",
    "client_search_client_delete": "AFTER DELETE ON clients BEGIN DELETE FROM client_search WHERE rowid = old.id; END",
    "client_search_contact_insert": f"AFTER INSERT ON client_contacts BEGIN {_refresh('new.client_id')} END",
    "client_search_contact_update":
        f"AFTER UPDATE OF client_id, {', '.join(CONTACT_COLUMNS)} ON client_contacts "
        f"BEGIN {_refresh('old.client_id')} {_refresh('new.client_id')} END",
    "client_search_contact_delete": f"AFTER DELETE ON client_contacts BEGIN {_refresh('old.client_id')} END",
}


def upgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE client_search USING fts5(body, tokenize='trigram')")
    op.execute(f"INSERT INTO client_search(rowid, body) SELECT id, {_body('clients.id')} FROM clients")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE client_search")
