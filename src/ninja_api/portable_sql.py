"""SQL expressions that read the same on SQLite, PostgreSQL and MariaDB."""

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.sql.visitors import InternalTraversal


class json_text(FunctionElement):
    """One top-level key of a JSON document kept in a text column, as text (NULL when absent).

    Usage: json_text(Client.settings, "currency_id"). The key is a constant of the caller, never input.
    """

    type = String()
    inherit_cache = True
    name = "json_text"
    # The key is part of the statement cache key: two keys never share a compiled statement.
    _traverse_internals = FunctionElement._traverse_internals + [("key", InternalTraversal.dp_string)]

    def __init__(self, column, key: str) -> None:
        if not key.replace("_", "").isalnum():
            raise ValueError(f"unsafe JSON key {key!r}")
        self.key = key
        super().__init__(column)


def _column(element, compiler, **kw) -> str:
    return compiler.process(list(element.clauses)[0], **kw)


@compiles(json_text)
def _json_text_sqlite(element, compiler, **kw):
    return f"json_extract({_column(element, compiler, **kw)}, '$.{element.key}')"


@compiles(json_text, "postgresql")
def _json_text_postgresql(element, compiler, **kw):
    return f"(CAST({_column(element, compiler, **kw)} AS JSON) ->> '{element.key}')"


@compiles(json_text, "mysql")
@compiles(json_text, "mariadb")
def _json_text_mysql(element, compiler, **kw):
    return f"JSON_UNQUOTE(JSON_EXTRACT({_column(element, compiler, **kw)}, '$.{element.key}'))"
