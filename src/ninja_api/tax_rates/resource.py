"""The tax rate entity as the shared machinery sees it."""

from sqlalchemy import Select, select

from ninja_api.http.auth import AuthContext
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import ilike
from ninja_api.http.resource import Resource
from ninja_api.models import TaxRate
from ninja_api.tax_rates import service
from ninja_api.tax_rates.schemas import serialize_tax_rate

# Whoever may write invoices, quotes or purchase orders must be able to pick their taxes.
_DOCUMENT_WRITERS = (
    "create_all", "edit_all", "create_invoice", "edit_invoice", "create_quote", "edit_quote",
    "create_purchase_order", "edit_purchase_order",
)


def _visible(ctx: AuthContext) -> Select:
    query = select(TaxRate).where(TaxRate.company_id == ctx.company_id)
    names = ("view_tax_rate", "edit_tax_rate", "view_all", "edit_all") + _DOCUMENT_WRITERS
    if any(ctx.has_permission(p) for p in names):
        return query
    # The table has no assigned user: a restricted user lists the rates they created.
    return query.where(TaxRate.user_id == ctx.user_id)


def _search(query: Select, value, ctx) -> Select:
    return query.where(ilike(TaxRate.name, value)) if value else query


tax_rate_resource = Resource(
    name="tax_rates",
    label="TaxRate",
    model=TaxRate,
    serialize=serialize_tax_rate,
    permission="tax_rate",
    has_assigned_user=False,
    base_query=_visible,
    admin_items=True,
    filters={"filter": _search},
    actions={**default_actions(), "archive": service.archive, "delete": service.delete},
    edit_deleted=True,
    operation_ids={"blank": "getTaxRateCreate"},
    rules=service.RULES,
)
