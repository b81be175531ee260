"""The payment entity as the shared machinery sees it: filters, sorts, includes, bulk actions."""

from datetime import datetime

from sqlalchemy import Select, String, and_, cast, exists, or_, select

from ninja_api.billing.resource import ids_of
from ninja_api.clients.resource import client_resource
from ninja_api.documents.include import DOCUMENTS
from ninja_api.http.listing import digits_of, exact, ilike, status_words
from ninja_api.http.resource import Include, Resource
from ninja_api.models import Client, ClientContact, Payment, Paymentable
from ninja_api.payments import repository, service
from ninja_api.payments.repository import CANCELLED, COMPLETED, FAILED, PARTIALLY_REFUNDED, PENDING, REFUNDED
from ninja_api.payments.schemas import (
    serialize_deleted_payment, serialize_payment, serialize_payment_type, serialize_paymentable,
)

STATUS_WORDS = {"pending": PENDING, "cancelled": CANCELLED, "failed": FAILED, "completed": COMPLETED,
                "partially_refunded": PARTIALLY_REFUNDED, "refunded": REFUNDED}

paymentable_resource = Resource(
    name="paymentables", label="Paymentable", model=Paymentable, serialize=serialize_paymentable,
    permission="payment", has_assigned_user=False,
)
payment_type_resource = Resource(
    name="payment_types", label="PaymentType", model=Payment, serialize=serialize_payment_type,
    permission="payment", has_assigned_user=False,
)


def _invoice_resource() -> Resource:
    from ninja_api.invoices.resource import invoice_resource

    return invoice_resource


def _credit_resource() -> Resource:
    from ninja_api.credits.resource import credit_resource

    return credit_resource


def _clients_of(session, rows, ctx) -> dict:
    found = {c.id: c for c in session.scalars(select(Client).where(Client.id.in_({r.client_id for r in rows})))}
    return {r.id: found.get(r.client_id) for r in rows}


# --- filters ------------------------------------------------------------------------------------


def _client_status(query: Select, value, ctx) -> Select:
    """Payment-status words, OR-ed; `partially_unapplied` is AND-ed onto them, as upstream builds it."""
    words = status_words(value)
    if words is None:
        return query
    wanted = [status for word, status in STATUS_WORDS.items() if word in words]
    clauses = []
    if wanted:
        clauses.append(Payment.status_id.in_(wanted))
    if "partially_unapplied" in words:
        clauses.append(and_(Payment.amount > Payment.applied, Payment.refunded == 0))
    return query.where(*clauses) if clauses else query


def _match_transactions(query: Select, value, ctx) -> Select:
    if value not in (None, "true"):
        return query
    return query.where(Payment.is_deleted.is_(False), Payment.transaction_id.is_(None))


def _date_range(query: Select, value, ctx) -> Select:
    parts = (value or "").split(",")
    if len(parts) != 3 or parts[0] != "date":
        return query
    try:
        start, end = (datetime.fromisoformat(p.strip()).date() for p in parts[1:])
    except ValueError:
        return query
    return query.where(Payment.date.between(start, end))


def _search(query: Select, value, ctx) -> Select:
    if not value:
        return query
    own = [ilike(cast(getattr(Payment, c), String), value) for c in ("amount", "date")]
    own += [ilike(getattr(Payment, c), value) for c in ("number", "transaction_reference", "custom_value1",
                                                         "custom_value2", "custom_value3", "custom_value4")]
    client = exists().where(Client.id == Payment.client_id, ilike(Client.name, value))
    contact = exists().where(
        ClientContact.client_id == Payment.client_id,
        or_(*[ilike(getattr(ClientContact, c), value) for c in ("first_name", "last_name", "email")]),
    )
    return query.where(or_(*own, client, contact))


def _client_name():
    return select(Client.name).where(Client.id == Payment.client_id).scalar_subquery()


payment_resource = Resource(
    name="payments",
    label="Payment",
    model=Payment,
    serialize=serialize_payment,
    permission="payment",
    default_includes=[
        Include("paymentables", lambda: paymentable_resource,
                lambda s, rows, ctx: repository.paymentables_by_payment(s, ids_of(rows))),
        DOCUMENTS,
    ],
    # In the order upstream's transformer declares them.
    includes=[
        Include("client", lambda: client_resource, _clients_of, many=False),
        Include("invoices", _invoice_resource, lambda s, rows, ctx: repository.invoices_by_payment(s, ids_of(rows))),
        Include("type", lambda: payment_type_resource, lambda s, rows, ctx: {r.id: r for r in rows}, many=False),
        Include("credits", _credit_resource, lambda s, rows, ctx: repository.credits_by_payment(s, ids_of(rows))),
    ],
    silent_relations=frozenset({"company", "company_gateway", "contact", "user", "assigned_user", "currency",
                                "transaction", "exchange_currency", "vendor", "project", "gateway_type",
                                "company_ledger"}),
    filters={
        "client_status": _client_status,
        "match_transactions": _match_transactions,
        "number": exact(Payment.number),
        "filter": _search,
        "date_range": _date_range,
    },
    sorts={"client_id": _client_name, "number": lambda: digits_of(Payment.number)},
    actions={
        "archive": lambda s, ctx, row, inp: service.archive(s, ctx, row),
        "restore": lambda s, ctx, row, inp: service.restore(s, ctx, row),
        "delete": lambda s, ctx, row, inp: service.delete(s, ctx, row),
        "email": lambda s, ctx, row, inp: service.email(s, ctx, row),
        "email_receipt": lambda s, ctx, row, inp: service.email(s, ctx, row),
    },
    # Upstream requires an action but has no enum: an unknown one returns the unchanged list.
    strict_actions=False,
    # A deleted payment is refused only after the request's rules ran (the service checks it).
    edit_deleted=True,
    route_serializers={"destroy": serialize_deleted_payment},
)
