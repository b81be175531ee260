"""One filter / sort / paginate path for every list."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Select, and_, func, literal_column, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import FunctionElement, Join
from sqlalchemy.types import Numeric

from ninja_api import ids
from ninja_api.http import cursor
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ApiError
from ninja_api.http.input import RequestInput
from ninja_api.http.pagination import Page, page_from, pagination_meta
from ninja_api.http.resource import Resource, include_tree, render


class digits_of(FunctionElement):
    """The number with every non-digit removed, as a number: upstream's numeric `number` sort."""

    type = Numeric()
    inherit_cache = True


@compiles(digits_of)
def _digits_default(element, compiler, **kw):
    return "CAST(NULLIF(ninja_digits(%s), '') AS NUMERIC)" % compiler.process(element.clauses, **kw)


@compiles(digits_of, "postgresql")
def _digits_pg(element, compiler, **kw):
    arg = compiler.process(element.clauses, **kw)
    return f"CAST(NULLIF(regexp_replace({arg}, '[^0-9]+', '', 'g'), '') AS NUMERIC)"


@compiles(digits_of, "mysql")
@compiles(digits_of, "mariadb")
def _digits_mysql(element, compiler, **kw):
    arg = compiler.process(element.clauses, **kw)
    return f"(REGEXP_REPLACE({arg}, '[^0-9]+', '') + 0)"


def parse_moment(value) -> datetime | None:
    """A unix timestamp when numeric, otherwise a date string; None when unparseable."""
    if value is None:
        return None
    text = str(value).strip()
    try:
        return datetime.fromtimestamp(float(text), tz=timezone.utc).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        pass
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%d-%m-%Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def ilike(column, value: str):
    # MySQL's default collation is case-insensitive; make the other backends match it.
    return func.lower(column).like(like(value.lower()), escape="\\")


# --- filters every entity shares -------------------------------------------------------------


def _status(model):
    """`status=active,archived,deleted`: rows in any of the named states (comma-separated)."""
    def apply(query: Select, value, ctx: AuthContext) -> Select:
        if not value:
            return query
        words = {w.strip() for w in str(value).split(",")}
        clauses = []
        if "active" in words:
            clauses.append(model.deleted_at.is_(None))
        if "archived" in words:
            clauses.append(and_(model.deleted_at.is_not(None), model.is_deleted.is_(False)))
        if "deleted" in words:
            clauses.append(model.is_deleted.is_(True))
        return query.where(or_(*clauses)) if clauses else query

    return apply


def _is_deleted(model):
    """`is_deleted=true|false` (or 1|0): deleted rows only, or none of them."""
    # Upstream binds the raw string, so on MySQL 'true' matches non-deleted rows (quirk). We read
    # true/1 as deleted and false/0 as not deleted, as every client expects.
    def apply(query: Select, value, ctx: AuthContext) -> Select:
        if value is None:
            return query
        text = str(value).lower()
        if text in ("true", "1"):
            return query.where(model.is_deleted.is_(True))
        if text in ("false", "0"):
            return query.where(model.is_deleted.is_(False))
        return query

    return apply


def _since(column):
    """A unix timestamp or a date (Y-m-d): rows at or after that moment."""
    def apply(query: Select, value, ctx: AuthContext) -> Select:
        moment = parse_moment(value)
        return query if moment is None else query.where(column >= moment)

    return apply


def exact(column):
    """`?field=value` matches the column exactly."""
    return lambda query, value, ctx: query.where(column == value) if value else query


def exact_number(column):
    """`?field=3` on an integer column; a value that is not a whole number matches nothing."""

    def apply(query, value, ctx):
        if not value:
            return query
        text = value.strip()
        if not (text.lstrip("-").isdigit() and len(text) < 12):
            return query.where(literal_column("1") == 0)
        return query.where(column == int(text))

    return apply


def contains(column):
    """`?field=text` matches the column case-insensitively anywhere."""
    return lambda query, value, ctx: query.where(ilike(column, value)) if value else query


def hashed_equals(column):
    """A hashed id: rows that belong to it (an id that does not decode matches nothing)."""
    def apply(query: Select, value, ctx: AuthContext) -> Select:
        if value is None:
            return query
        decoded = ids.decode(value)
        # An id that does not decode matches nothing.
        return query.where(column == decoded) if decoded is not None else query.where(literal_column("1") == 0)

    return apply


def _with_trashed(model):
    """`with_trashed=false` leaves deleted rows out."""
    def apply(query: Select, value, ctx: AuthContext) -> Select:
        return query.where(model.is_deleted.is_(False)) if value == "false" else query

    return apply


def common_filters(model) -> dict:
    filters = {
        "created_at": _since(model.created_at),
        "updated_at": _since(model.updated_at),
    }
    if hasattr(model, "deleted_at") and hasattr(model, "is_deleted"):
        filters["status"] = _status(model)
        filters["is_deleted"] = _is_deleted(model)
        filters["with_trashed"] = _with_trashed(model)
    if hasattr(model, "client_id"):
        filters["client_id"] = hashed_equals(model.client_id)
    if hasattr(model, "vendor_id"):
        filters["vendor_id"] = hashed_equals(model.vendor_id)
    return filters


# --- the list -------------------------------------------------------------------------------


def scoped(resource: Resource, ctx: AuthContext) -> Select:
    model = resource.model
    if resource.base_query is not None:
        return resource.base_query(ctx)
    query = select(model).where(model.company_id == ctx.company_id)
    if not _can_view_all(resource, ctx):
        owned = model.user_id == ctx.user_id
        if resource.has_assigned_user:
            owned = or_(owned, model.assigned_user_id == ctx.user_id)
        query = query.where(owned)
    return query


def _can_view_all(resource: Resource, ctx: AuthContext) -> bool:
    p = resource.permission
    return any(ctx.has_permission(name) for name in (f"view_{p}", f"edit_{p}", "view_all", "edit_all"))


def apply_filters(resource: Resource, query: Select, inp: RequestInput, ctx: AuthContext) -> Select:
    filters = common_filters(resource.model)
    filters.update(resource.filters)
    for key, value in inp.data.items():
        handler = filters.get(key)
        if handler is not None:
            query = handler(query, value if isinstance(value, str) else None, ctx)
    return query


def status_words(value) -> set[str] | None:
    """The words of a `client_status=a,b` filter; None when it filters nothing (empty, or `all`)."""
    if not value:
        return None
    words = {w.strip() for w in value.split(",")}
    return None if "all" in words else words


class _Leading(Join):
    """A join whose left side SQLite reads first, and whose right side it reads by `index`: the
    sorted table's index gives the order and a page stops after its rows. With statistics older
    than the table (a server analyzes when it starts; tables grow after) SQLite's planner may
    otherwise start from the listed table, or read it by company for every row of the left."""

    inherit_cache = True

    def __init__(self, left, right, onclause, index: str | None) -> None:
        super().__init__(left, right, onclause)
        self.index = index


@compiles(_Leading, "sqlite")
def _cross_join(join, compiler, **kw):
    kw["asfrom"] = True
    left, right = compiler.process(join.left, **kw), compiler.process(join.right, **kw)
    kw.pop("asfrom")
    if join.index:
        right += f" INDEXED BY {join.index}"
    return f"{left} CROSS JOIN {right} ON {compiler.process(join.onclause, **kw)}"


def _index_of(table, column) -> str | None:
    return next((ix.name for ix in table.indexes if [c.name for c in ix.columns] == [column.name]), None)


@dataclass(frozen=True)
class Joined:
    """A sort by a column of the row each listed one points at through a required key (an invoice's
    client name). Joined rather than a subquery per row, so the database can walk that table's
    index in order and stop after a page instead of sorting every row; the required key means
    the join drops no row."""

    target: type
    on: Callable
    column: object
    key: object  # the listed table's column that points at the target


def order_by(resource: Resource, query: Select, sort) -> Select:
    model = resource.model
    if isinstance(sort, str) and sort.count("|") == 1:
        column_name, direction = sort.split("|")
        column_name = column_name.strip()
        descending = direction.strip().lower() != "asc"
        if column_name in resource.ignored_sorts:
            column = None
        elif column_name in resource.sorts:
            column = resource.sorts[column_name]()
        elif column_name in model.__table__.columns:
            column = model.__table__.columns[column_name]
        else:
            column = None
        if isinstance(column, Joined):
            query = query.select_from(_Leading(column.target.__table__, model.__table__, column.on(),
                                               _index_of(model.__table__, column.key)))
            column = column.column
        # A declared sort may give several columns (status, then last sent date).
        parts = [] if column is None else list(column) if isinstance(column, (list, tuple)) else [column]
        for part in parts:
            query = query.order_by(part.desc() if descending else part.asc())
    # Ties and unsorted lists fall back to creation order, so pages are stable.
    return query.order_by(model.id.asc())


def check_includes(resource: Resource, tree: dict) -> None:
    known = resource.relation_names()
    for name in tree:
        if name not in known:
            raise ApiError(400, {"message": f"Relation `{name}` is not a valid include."})


def count_of(session: Session, query: Select) -> int:
    return int(session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)


def page_of(session: Session, query: Select, page: Page) -> list:
    return list(session.scalars(query.limit(page.size).offset(page.offset)))


def list_payload(
    session: Session,
    resource: Resource,
    query: Select,
    inp: RequestInput,
    ctx: AuthContext,
    base_url: str,
) -> tuple[list[dict], dict]:
    tree = include_tree(inp.get("include"))
    check_includes(resource, tree)
    page = page_from(inp.data)
    position = cursor.requested(inp.data)
    # Counted before the sort, whose joins would only slow the count down.
    if position is None:
        total = count_of(session, query)
        rows = page_of(session, order_by(resource, query, inp.get("sort")), page)
        next_cursor = None
    else:
        # A walk has no page numbers: every request is the first page of what is left.
        page = Page(number=1, size=page.size)
        query = cursor.walk(resource.model, query, position, inp.get("sort"))
        total = count_of(session, query)
        rows = page_of(session, query, page)
        next_cursor = cursor.encode(cursor.after(position, rows))
    data = render(session, resource, rows, tree, ctx)
    return data, pagination_meta(page, total, len(rows), base_url, next_cursor, inp.data)
