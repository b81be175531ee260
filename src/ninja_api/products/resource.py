"""The product entity as the shared machinery sees it: filters, includes, bulk actions."""

from sqlalchemy import Select, case, or_, select
from sqlalchemy.orm import Session

from ninja_api.documents.include import DOCUMENTS
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import ilike, scoped
from ninja_api.http.resource import Include, Resource
from ninja_api.models import Product, User
from ninja_api.products import service
from ninja_api.products.schemas import serialize_product

SEARCHED = ("product_key", "notes", "custom_value1", "custom_value2", "custom_value3", "custom_value4")


def _product_key(query: Select, value, ctx) -> Select:
    return query.where(Product.product_key == value) if value else query


def _search(query: Select, value, ctx) -> Select:
    if not value:
        return query
    return query.where(or_(*[ilike(getattr(Product, c), value) for c in SEARCHED]))


def _with(query: Select, value, ctx) -> Select:
    """The picker's `with=`: the product with that key joins the list, whatever the other filters
    say, and comes first. Products name it by product_key, not by id."""
    if not value:
        return query
    picked = scoped(product_resource, ctx).where(Product.product_key == value).whereclause
    return (
        select(Product)
        .where(or_(query.whereclause, picked))
        .order_by(case((Product.product_key == value, 1), else_=0).desc())
    )


# --- includes ---------------------------------------------------------------------------------


def _user_resource() -> Resource:
    from ninja_api.users.resource import user_resource

    return user_resource


def _company_resource() -> Resource:
    from ninja_api.companies.resource import company_resource

    return company_resource


def _users_of(session: Session, rows: list[Product], ctx) -> dict:
    wanted = {r.user_id for r in rows if r.user_id is not None}
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(wanted)))} if wanted else {}
    return {r.id: users.get(r.user_id) for r in rows}


def _company_of(session: Session, rows: list[Product], ctx) -> dict:
    # Every listed product belongs to the token's company.
    return {r.id: ctx.company for r in rows}


product_resource = Resource(
    name="products",
    label="Product",
    model=Product,
    # Upstream ignores a product's assigned_user_id in a body (not fillable): it is never stored.
    unchecked_ids=frozenset({"assigned_user_id"}),
    serialize=serialize_product,
    permission="product",
    default_includes=[DOCUMENTS],
    includes=[
        Include("company", _company_resource, _company_of, many=False),
        Include("user", _user_resource, _users_of, many=False),
    ],
    silent_relations=frozenset({"assigned_user", "vendor"}),
    filters={
        "product_key": _product_key,
        "filter": _search,
        "with": _with,
    },
    ignored_sorts=frozenset({"documents"}),
    actions={**default_actions(), "set_tax_id": service.set_tax_id},
    strict_ids=True,
)
