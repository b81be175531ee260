"""The design entity as the shared machinery sees it."""

from sqlalchemy import Select, literal, select

from ninja_api.designs import service
from ninja_api.designs.repository import mine_or_system
from ninja_api.designs.schemas import serialize_design
from ninja_api.http.auth import AuthContext
from ninja_api.http.listing import ilike
from ninja_api.http.resource import Resource
from ninja_api.models import Design


def _visible(ctx: AuthContext) -> Select:
    # Every user of the company lists its designs and the system ones; nobody is narrowed to their own.
    return select(Design).where(mine_or_system(ctx.company_id))


def _search(query: Select, value, ctx) -> Select:
    return query.where(ilike(Design.name, value)) if value else query


def _entities(query: Select, value, ctx) -> Select:
    """Templates made for one entity; a statement is a client template. A list of several is ignored."""
    if not value:
        return query
    if "statement" in value.lower():
        value = "client"
    if "," in value:
        return query
    # FIND_IN_SET on MySQL: one whole element of the comma list, case-insensitively.
    padded = literal(",") + Design.entities + literal(",")
    return query.where(Design.is_template.is_(True), ilike(padded, f",{value.strip()},"))


def _template(query: Select, value, ctx) -> Select:
    # Upstream's default argument is 'false': a bare `?template=` lists non-templates.
    return query.where(Design.is_template.is_(value == "true"))


def _custom(query: Select, value, ctx) -> Select:
    if not value:
        return query
    # PHP's FILTER_VALIDATE_BOOLEAN: these words are true, everything else false.
    return query.where(Design.is_custom.is_(value.strip().lower() in ("1", "true", "on", "yes")))


design_resource = Resource(
    name="designs",
    label="Design",
    model=Design,
    serialize=serialize_design,
    permission="design",
    has_assigned_user=False,
    base_query=_visible,
    admin_items=True,
    system_rows=True,
    filters={"filter": _search, "entities": _entities, "template": _template, "custom": _custom},
    actions={"archive": service.archive, "restore": service.restore, "delete": service.delete},
)
