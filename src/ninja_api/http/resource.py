"""How an entity declares itself to the shared machinery.

An entity supplies a `Resource`: its model, serializer, filters, sorts, includes and actions. The
generic routes in `crud.py` and the list, include and bulk machinery do the rest.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput

Row = Any
Serializer = Callable[[Row, AuthContext], dict]
# A filter narrows the list query; it gets the raw value (a non-empty string, or None).
Filter = Callable[[Select, Any, AuthContext], Select]
# A fetch loads one relation for a whole page of parents in a constant number of queries and
# returns {parent id: child row | [child rows]}.
Fetch = Callable[[Session, list[Row], AuthContext], dict[int, Any]]
Action = Callable[[Session, AuthContext, Row, RequestInput], Any]


@dataclass(frozen=True)
class Include:
    name: str
    target: Callable[[], "Resource"]
    fetch: Fetch
    many: bool = True


@dataclass
class Resource:
    name: str  # the path segment: "clients"
    label: str  # upstream model class name, used in error messages: "Client"
    model: type
    serialize: Serializer
    permission: str  # suffix of view_/edit_/create_ permissions: "client"
    default_includes: list[Include] = field(default_factory=list)
    includes: list[Include] = field(default_factory=list)
    # Relation names upstream's ORM knows but does not render; a list may name them without a 400.
    silent_relations: frozenset[str] = frozenset()
    filters: dict[str, Filter] = field(default_factory=dict)
    sorts: dict[str, Callable[[], Any]] = field(default_factory=dict)
    ignored_sorts: frozenset[str] = frozenset()
    actions: dict[str, Action] = field(default_factory=dict)
    # When upstream validates `action` against an enum, a wrong one is a 422; otherwise silent.
    strict_actions: bool = True
    # Upstream validates bulk `ids` with one `exists` rule for some entities: any foreign id is a 422.
    strict_ids: bool = False
    # Some entities answer a bulk request that names no row of theirs with a message, not a list.
    empty_bulk_message: str | None = None
    # Bulk actions that answer for the whole selection at once (a merged PDF, a zip):
    # (session, ctx, rows, inp) -> Response.
    set_actions: dict[str, Callable] = field(default_factory=dict)
    # Checked before a bulk request loads any row: (ctx, action) -> raise to refuse.
    bulk_guard: Callable | None = None
    # Bulk request rules beyond ids and action, checked once the ids are: (session, ctx, inp).
    bulk_validate: Callable | None = None
    # Upstream requires `action` for most entities (quotes: `sometimes`, checked only when sent).
    action_required: bool = True
    has_assigned_user: bool = True
    soft_deletes: bool = True
    # Entities not keyed by company_id (users) say how to scope them and how to tell ownership.
    base_query: Callable[[AuthContext], Select] | None = None
    in_company: Callable[[Session, Row, AuthContext], bool] | None = None
    # Rows without a company (system designs) that every company may read and none may change.
    system_rows: bool = False
    # Loads what the serializer itself needs for a whole page (e.g. contacts for display_name).
    prepare: Callable[[Session, list[Row], AuthContext], None] | None = None
    # Names in upstream's operation ids (storeClient, getClients...); default to the label.
    singular: str = ""
    plural: str = ""
    # Upstream's irregular operation ids, by shared route name ("blank": "getTaxRateCreate").
    operation_ids: dict[str, str] = field(default_factory=dict)
    # Most entities refuse to update a deleted row (400); a few let it be edited.
    edit_deleted: bool = False
    # Upstream authorises some entities' item routes, blank and store for admins only.
    admin_items: bool = False
    # ... or only blank and store (admin_create), or only bulk (admin_bulk, before any validation).
    admin_create: bool = False
    admin_bulk: bool = False
    # Shared routes (by name: "store", "update"...) behind the password check (412).
    password_routes: frozenset[str] = frozenset()
    # Body ids the shared reference check must not read as its rows (a bank line's `category_id`
    # is the aggregator's number, not an expense category).
    unchecked_ids: frozenset[str] = frozenset()
    # A shared route that renders differently (tokens show the full value on show and store).
    route_serializers: dict[str, Serializer] = field(default_factory=dict)
    # The field rules its validator checks (`http/rules.py`); the spec states them on its bodies.
    rules: tuple = ()

    def __post_init__(self) -> None:
        self.singular = self.singular or self.label
        self.plural = self.plural or self.singular + "s"

    def relation_names(self) -> set[str]:
        names = {i.name for i in self.default_includes} | {i.name for i in self.includes}
        return names | set(self.silent_relations)


def include_tree(value: str | None) -> dict:
    """`client.activities,contacts` → {"client": {"activities": {}}, "contacts": {}}."""
    tree: dict = {}
    if not isinstance(value, str):
        return tree
    for path in value.split(","):
        node = tree
        for part in path.strip().split("."):
            if part:
                node = node.setdefault(part, {})
    return tree


def render(session: Session, resource: Resource, rows: list[Row], tree: dict, ctx: AuthContext) -> list[dict]:
    """Serialize rows with their default includes, then the requested ones, in declared order."""
    if not rows:
        return []
    if resource.prepare is not None:
        resource.prepare(session, rows, ctx)
    out = [resource.serialize(row, ctx) for row in rows]
    wanted = list(resource.default_includes) + [i for i in resource.includes if i.name in tree]
    for inc in wanted:
        by_parent = inc.fetch(session, rows, ctx)
        children: list = []
        seen: set[int] = set()
        for value in by_parent.values():
            for child in value if inc.many else ([value] if value is not None else []):
                if id(child) not in seen:
                    seen.add(id(child))
                    children.append(child)
        rendered = render(session, inc.target(), children, tree.get(inc.name, {}), ctx) if children else []
        by_obj = {id(c): r for c, r in zip(children, rendered)}
        for row, data in zip(rows, out):
            value = by_parent.get(row.id)
            if inc.many:
                data[inc.name] = [by_obj[id(c)] for c in (value or [])]
            elif value is not None:
                data[inc.name] = by_obj[id(value)]
    return out


def render_one(session: Session, resource: Resource, row: Row, tree: dict, ctx: AuthContext) -> dict:
    return render(session, resource, [row], tree, ctx)[0]


def not_stored(name: str) -> Include:
    """A default include whose records this server does not store yet: always rendered as []."""

    def no_target() -> Resource:
        raise LookupError(f"{name} has no records to render")

    return Include(name=name, target=no_target, fetch=lambda session, rows, ctx: {})
