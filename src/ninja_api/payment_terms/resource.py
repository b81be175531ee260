"""The payment term entity as the shared machinery sees it."""

from sqlalchemy import Select, select

from ninja_api.http.auth import AuthContext
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import ilike
from ninja_api.http.resource import Resource
from ninja_api.models import PaymentTerm
from ninja_api.payment_terms.schemas import serialize_payment_term
from ninja_api.payment_terms.service import RULES


def _company_terms(ctx: AuthContext) -> Select:
    # The company's own rows only (not the global seed rows), never narrowed to a user's own.
    return select(PaymentTerm).where(PaymentTerm.company_id == ctx.company_id)


def _search(query: Select, value, ctx) -> Select:
    # Upstream searches the stored name column, which the JSON never shows.
    return query.where(ilike(PaymentTerm.name, value)) if value else query


payment_term_resource = Resource(
    name="payment_terms",
    label="PaymentTerm",
    model=PaymentTerm,
    serialize=serialize_payment_term,
    permission="payment_term",
    has_assigned_user=False,
    base_query=_company_terms,
    admin_items=True,
    filters={"filter": _search},
    actions=default_actions(),
    edit_deleted=True,
    operation_ids={"edit": "editPaymentTerms"},
    rules=RULES,
)
