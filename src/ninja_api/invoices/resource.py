"""The invoice entity as the shared machinery sees it: filters, sorts, includes, bulk actions."""

from datetime import date, datetime, timezone

from sqlalchemy import Select, and_, exists, literal_column, or_, select

from ninja_api import ids
from ninja_api.activities.resource import activity_resource
from ninja_api.clients.resource import client_resource
from ninja_api.documents.include import DOCUMENTS
from ninja_api.http.errors import ApiError
from ninja_api.http.listing import contains, digits_of, exact, ilike, parse_moment
from ninja_api.http.resource import Include, Resource
from ninja_api.invoices import actions, billing, downloads, emails, reminders, repository
from ninja_api.billing.settings import settings_by_client
from ninja_api.invoices.service import is_locked
from ninja_api.invoices.schemas import serialize_invitation, serialize_invoice, serialize_payment, serialize_paymentable
from ninja_api.templates import service as templates
from ninja_api.models import Activity, Client, ClientContact, Invoice, InvoiceInvitation, Payment, Paymentable

_NOTHING = literal_column("1") == 0


def _ids(rows) -> list[int]:
    return [r.id for r in rows]


invitation_resource = Resource(
    name="invoice_invitations", label="InvoiceInvitation", model=InvoiceInvitation,
    serialize=serialize_invitation, permission="invoice", has_assigned_user=False,
)
paymentable_resource = Resource(
    name="paymentables", label="Paymentable", model=Paymentable, serialize=serialize_paymentable,
    permission="payment", has_assigned_user=False,
)
payment_resource = Resource(
    name="payments", label="Payment", model=Payment, serialize=serialize_payment, permission="payment",
    default_includes=[
        Include("paymentables", lambda: paymentable_resource,
                lambda s, rows, ctx: repository.paymentables_by_payment(s, _ids(rows))),
        DOCUMENTS,
    ],
)


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


def _clients_of(session, rows, ctx) -> dict:
    found = {c.id: c for c in session.scalars(select(Client).where(Client.id.in_({r.client_id for r in rows})))}
    return {r.id: found.get(r.client_id) for r in rows}


def _activities_of(session, rows, ctx) -> dict:
    grouped: dict[int, list] = {}
    for a in session.scalars(select(Activity).where(Activity.invoice_id.in_(_ids(rows))).order_by(Activity.id.desc())):
        grouped.setdefault(a.invoice_id, []).append(a)
    return grouped


# --- filters ------------------------------------------------------------------------------------


def _today() -> date:
    return datetime.now(timezone.utc).date()


def _client_status(query: Select, value, ctx) -> Select:
    if not value:
        return query
    words = {w.strip() for w in value.split(",")}
    if "all" in words:
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
        clauses.append(and_(Invoice.status_id.in_((2, 3)), Invoice.due_date < _today()))
        clauses.append(Invoice.partial_due_date < _today())
    return query.where(or_(*clauses)) if clauses else query


def _status_id(query: Select, value, ctx) -> Select:
    if not value:
        return query
    wanted = [int(v) for v in value.split(",") if v.strip().lstrip("-").isdigit()]
    return query.where(Invoice.status_id.in_(wanted)) if wanted else query


def _on_or_after(column):
    def apply(query: Select, value, ctx) -> Select:
        moment = parse_moment(value)
        return query.where(column >= moment.date()) if moment else query

    return apply


def _between(column):
    def apply(query: Select, value, ctx) -> Select:
        if not value or "," not in value:
            return query
        start, _, end = value.partition(",")
        start, end = parse_moment(start), parse_moment(end)
        if start is None or end is None:
            return query
        return query.where(column.between(start.date(), end.date()))

    return apply


def _upcoming(query: Select, value, ctx) -> Select:
    today = _today()
    return query.where(
        Invoice.status_id.in_((2, 3)), Invoice.is_deleted.is_(False), Invoice.balance > 0,
        or_(
            Invoice.due_date.is_(None),
            and_(Invoice.due_date >= today, or_(Invoice.partial.is_(None), Invoice.partial == 0)),
            and_(Invoice.partial_due_date >= today, Invoice.partial > 0),
        ),
    )


def _overdue(query: Select, value, ctx) -> Select:
    today = _today()
    return query.where(
        Invoice.status_id.in_((2, 3)), Invoice.is_deleted.is_(False), Invoice.balance > 0,
        or_(Invoice.due_date < today, Invoice.partial_due_date < today),
    )


def _payable(query: Select, value, ctx) -> Select:
    if not value:
        return query
    client_id = ids.decode(value)
    if client_id is None:
        return query.where(_NOTHING)
    return query.where(Invoice.client_id == client_id, Invoice.status_id.in_((1, 2, 3)),
                       Invoice.is_deleted.is_(False), Invoice.balance > 0)


def _without_deleted_clients(query: Select, value, ctx) -> Select:
    live = exists().where(Client.id == Invoice.client_id, Client.is_deleted.is_(False), Client.deleted_at.is_(None))
    return query.where(live)


def _filter_deleted_clients(query: Select, value, ctx) -> Select:
    if value != "true":
        return query
    return query.where(exists().where(Client.id == Invoice.client_id, Client.is_deleted.is_(False)))


def _search(query: Select, value, ctx) -> Select:
    if not value:
        return query
    own = [ilike(getattr(Invoice, c), value) for c in ("number", "po_number", "custom_value1", "custom_value2",
                                                          "custom_value3", "custom_value4")]
    client = exists().where(Client.id == Invoice.client_id, ilike(Client.name, value))
    contact = exists().where(
        ClientContact.client_id == Invoice.client_id,
        or_(*[ilike(getattr(ClientContact, c), value) for c in ("first_name", "last_name", "email")]),
    )
    # Line item notes and product keys live in the JSON column; a text match finds them.
    lines = ilike(Invoice.line_items, value)
    return query.where(or_(*own, client, contact, lines))


def _client_name():
    return select(Client.name).where(Client.id == Invoice.client_id).scalar_subquery()


def _payments_need_permission(ctx, action) -> None:
    if action in ("auto_bill", "mark_paid") and not ctx.has_permission("create_payment"):
        raise ApiError(422, {"message": "You are not authorized", "errors": {"ids": ["You are not authorized"]}})


invoice_resource = Resource(
    name="invoices",
    label="Invoice",
    model=Invoice,
    serialize=serialize_invoice,
    permission="invoice",
    prepare=_prepare,
    default_includes=[
        Include("invitations", lambda: invitation_resource,
                lambda s, rows, ctx: repository.invitations_by_invoice(s, _ids(rows))),
        DOCUMENTS,
    ],
    includes=[
        Include("payments", lambda: payment_resource, lambda s, rows, ctx: repository.payments_by_invoice(s, _ids(rows))),
        Include("client", lambda: client_resource, _clients_of, many=False),
        Include("activities", lambda: activity_resource, _activities_of),
    ],
    silent_relations=frozenset({"company", "user", "assigned_user", "project", "vendor", "design", "recurring_invoice",
                                "subscription", "history", "credits", "tasks", "expenses", "location"}),
    filters={
        "client_status": _client_status,
        "status_id": _status_id,
        "number": exact(Invoice.number),
        "filter": _search,
        "private_notes": contains(Invoice.private_notes),
        "date": _on_or_after(Invoice.date),
        "due_date": _on_or_after(Invoice.due_date),
        "date_range": _between(Invoice.date),
        "due_date_range": _between(Invoice.due_date),
        "upcoming": _upcoming,
        "overdue": _overdue,
        "payable": _payable,
        "without_deleted_clients": _without_deleted_clients,
        "filter_deleted_clients": _filter_deleted_clients,
    },
    sorts={"client_id": _client_name, "number": lambda: digits_of(Invoice.number)},
    ignored_sorts=frozenset({"documents"}),
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
    },
    # Upstream has no enum for invoice actions: an unknown one returns the unchanged list.
    strict_actions=False,
    empty_bulk_message="No Invoices Found",
    bulk_guard=_payments_need_permission,
    set_actions={"download": downloads.download, "bulk_print": downloads.bulk_print,
                 "bulk_download": downloads.bulk_download, "template": templates.action("invoices")},
)
