"""The invoice entity as the shared machinery sees it: its own filters and actions over the document core."""

from sqlalchemy import Select, and_, literal_column, or_, select

from ninja_api import ids
from ninja_api.billing.resource import document_resource, ids_of, search, today
from ninja_api.billing.settings import settings_by_client
from ninja_api.http.errors import ApiError
from ninja_api.http.listing import status_words
from ninja_api.http.resource import Include
from ninja_api.billing import downloads
from ninja_api.subscriptions.links import set_payment_link
from ninja_api.invoices import actions, billing, emails, reminders
from ninja_api.invoices.kind import INVOICE
from ninja_api.invoices.schemas import serialize_invoice
from ninja_api.invoices.service import is_locked
from ninja_api.models import Client, Invoice
from ninja_api.payments import repository as payments
from ninja_api.payments.resource import payment_resource
from ninja_api.search import text_index
from ninja_api.templates import service as templates

_NOTHING = literal_column("1") == 0


def _prepare(session, rows, ctx) -> None:
    """Upstream adds `reminder_schedule` and `is_locked` only when the query string asks for them."""
    wanted = [name for name in ("reminder_schedule", "is_locked") if ctx.query.get(name) == "true"]
    if not wanted:
        return
    clients = {c.id: c for c in session.scalars(select(Client).where(Client.id.in_({r.client_id for r in rows})))}
    by_client = settings_by_client(session, ctx.company, clients)
    for row in rows:
        settings = by_client[row.client_id]
        extras = {}
        if "reminder_schedule" in wanted:
            extras["reminder_schedule"] = reminders.schedule_text(settings)
        if "is_locked" in wanted:
            extras["is_locked"] = is_locked(row, settings)
        row.requested_fields = extras


def _client_status(query: Select, value, ctx) -> Select:
    """`client_status=draft,paid,unpaid,overdue,cancelled` (`all`: no filter)."""
    words = status_words(value)
    if words is None:
        return query
    clauses = []
    if "draft" in words:
        clauses.append(Invoice.status_id == 1)
    if "paid" in words:
        clauses.append(Invoice.status_id == 4)
    if "cancelled" in words:
        clauses.append(Invoice.status_id == 5)
    if "unpaid" in words:
        clauses.append(Invoice.status_id.in_((2, 3)))
    if "overdue" in words:
        # Upstream's OR chain leaves the partial-due clause untied to the status (quirk kept).
        clauses.append(and_(Invoice.status_id.in_((2, 3)), Invoice.due_date < today()))
        clauses.append(Invoice.partial_due_date < today())
    return query.where(or_(*clauses)) if clauses else query


def _upcoming(query: Select, value, ctx) -> Select:
    now = today()
    return query.where(
        Invoice.status_id.in_((2, 3)), Invoice.is_deleted.is_(False), Invoice.balance > 0,
        or_(
            Invoice.due_date.is_(None),
            and_(Invoice.due_date >= now, or_(Invoice.partial.is_(None), Invoice.partial == 0)),
            and_(Invoice.partial_due_date >= now, Invoice.partial > 0),
        ),
    )


def _overdue(query: Select, value, ctx) -> Select:
    now = today()
    return query.where(
        Invoice.status_id.in_((2, 3)), Invoice.is_deleted.is_(False), Invoice.balance > 0,
        or_(Invoice.due_date < now, Invoice.partial_due_date < now),
    )


def _payable(query: Select, value, ctx) -> Select:
    if not value:
        return query
    client_id = ids.decode(value)
    if client_id is None:
        return query.where(_NOTHING)
    return query.where(Invoice.client_id == client_id, Invoice.status_id.in_((1, 2, 3)),
                       Invoice.is_deleted.is_(False), Invoice.balance > 0)


def _payments_need_permission(ctx, action) -> None:
    if action in ("auto_bill", "mark_paid") and not ctx.has_permission("create_payment"):
        raise ApiError(422, {"message": "You are not authorized", "errors": {"ids": ["You are not authorized"]}})


invoice_resource = document_resource(
    INVOICE,
    serialize_invoice,
    prepare=_prepare,
    includes=[
        Include("payments", lambda: payment_resource, lambda s, rows, ctx: payments.payments_by_invoice(s, ids_of(rows))),
    ],
    silent_relations=frozenset({"company", "user", "assigned_user", "project", "vendor", "design", "recurring_invoice",
                                "subscription", "history", "credits", "tasks", "expenses", "location"}),
    filters={
        "filter": search(Invoice, text_index.invoice_ids),
        "client_status": _client_status,
        "upcoming": _upcoming,
        "overdue": _overdue,
        "payable": _payable,
    },
    actions={
        "archive": lambda s, ctx, row, inp: actions.archive(s, ctx, row),
        "restore": lambda s, ctx, row, inp: actions.restore(s, ctx, row),
        "delete": lambda s, ctx, row, inp: actions.delete(s, ctx, row),
        "mark_sent": lambda s, ctx, row, inp: actions.mark_sent(s, ctx, row),
        "mark_paid": lambda s, ctx, row, inp: actions.mark_paid(s, ctx, row, inp.get("reference")),
        "cancel": lambda s, ctx, row, inp: actions.cancel(s, ctx, row),
        "auto_bill": lambda s, ctx, row, inp: billing.auto_bill(s, ctx, row),
        "email": lambda s, ctx, row, inp: emails.send(s, ctx, row, inp.get("email_type")),
        "send_email": lambda s, ctx, row, inp: emails.send(s, ctx, row, inp.get("email_type")),
        # In bulk, upstream builds the clones and never saves them.
        "clone_to_invoice": lambda s, ctx, row, inp: None,
        "clone_to_quote": lambda s, ctx, row, inp: None,
        "set_payment_link": set_payment_link,
    },
    # Upstream has no enum for invoice actions: an unknown one returns the unchanged list.
    sorts={"number": lambda: Invoice.number_sort},
    strict_actions=False,
    empty_bulk_message="No Invoices Found",
    bulk_guard=_payments_need_permission,
    set_actions={**downloads.set_actions(INVOICE), "template": templates.action("invoices")},
)
