"""Candidates of a list's `filter=` search read from a text index, where the database has one.

Each function gives the ids of a superset of the rows the search's own `LIKE '%text%'` conditions
match; the list still applies those conditions, so results are exactly what they are without an
index. SQLite: FTS5 trigram tables of clients and of contacts kept by triggers (migration 0026;
none of invoices, see migration 0025). PostgreSQL: pg_trgm
GIN indexes on each table's searched text joined in one expression (migration 0025; none when the
extension could not be created). MariaDB has no index that can: its FULLTEXT finds words and word
prefixes, never a substring inside a word, so it keeps the plain scan. A trigram index knows no
text under 3 characters; shorter terms keep the plain scan everywhere.
"""

from sqlalchemy import Select, column, literal_column, select, table, union
from sqlalchemy.orm import Session, object_session

from ninja_api.models import Client, ClientContact, Invoice

SHORTEST = 3

# Exactly the expressions migration 0025 indexes: PostgreSQL uses an index only for its own expression.
_PG_TEXT = {
    "clients": "lower(coalesce(name, '') || ' ' || coalesce(id_number, '') || ' ' || coalesce(number, '')"
               " || ' ' || coalesce(custom_value1, '') || ' ' || coalesce(custom_value2, '')"
               " || ' ' || coalesce(custom_value3, '') || ' ' || coalesce(custom_value4, ''))",
    "client_contacts": "lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')"
                       " || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))",
    "invoices": "lower(coalesce(number, '') || ' ' || coalesce(po_number, '') || ' ' || coalesce(custom_value1, '')"
                " || ' ' || coalesce(custom_value2, '') || ' ' || coalesce(custom_value3, '')"
                " || ' ' || coalesce(custom_value4, '') || ' ' || coalesce(line_items, ''))",
}
PG_INDEXES = {name: f"ix_{name}_search_trgm" for name in _PG_TEXT}

_FTS = {name: table(name, column("rowid"), column("client_id"))
        for name in ("client_search", "client_contact_search")}
_with_trigrams: dict = {}


def _kind(session: Session) -> str | None:
    bind = session.get_bind()
    name = bind.dialect.name
    if name == "sqlite":
        return "fts5"
    if name == "postgresql":
        engine = bind.engine
        if engine not in _with_trigrams:
            found = session.execute(select(literal_column("count(*)")).select_from(table("pg_indexes")).where(
                column("indexname").in_(list(PG_INDEXES.values())))).scalar()
            _with_trigrams[engine] = found == len(PG_INDEXES)
        return "trgm" if _with_trigrams[engine] else None
    return None


def _pattern(text: str) -> str:
    # PostgreSQL's LIKE escapes with a backslash unless told otherwise; an ESCAPE clause would hide
    # the pattern from the index.
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _trgm(name: str, model, key, ctx, text: str) -> Select:
    return select(key).where(model.company_id == ctx.company_id, literal_column(_PG_TEXT[name]).like(_pattern(text)))


def _fts(name: str, text: str, key: str = "rowid") -> Select:
    index = _FTS[name]
    return select(index.c[key]).where(literal_column(name).op("MATCH")('"' + text.replace('"', '""') + '"'))


def _usable(ctx, text: str) -> str | None:
    if len(text) < SHORTEST:
        return None
    return _kind(object_session(ctx.company))


def client_ids(ctx, text: str) -> Select | None:
    """Clients whose own searched columns or any contact's hold `text`; None: no index to ask."""
    kind = _usable(ctx, text)
    if kind == "fts5":
        return union(_fts("client_search", text), _fts("client_contact_search", text, "client_id"))
    if kind == "trgm":
        return union(_trgm("clients", Client, Client.id, ctx, text),
                     _trgm("client_contacts", ClientContact, ClientContact.client_id, ctx, text))
    return None


def invoice_ids(ctx, text: str) -> Select | None:
    """Invoices whose own searched columns (lines too) hold `text`, or whose client's name or a
    contact of it does."""
    if _usable(ctx, text) != "trgm":
        return None
    own = _trgm("invoices", Invoice, Invoice.id, ctx, text)
    return union(own, select(Invoice.id).where(Invoice.client_id.in_(client_ids(ctx, text))))
