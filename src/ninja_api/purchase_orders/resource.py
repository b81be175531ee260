"""The purchase order as the shared machinery sees it: upstream's own filters and actions over the document core."""

from sqlalchemy import Select, String, and_, cast, or_, select

from ninja_api.billing import downloads
from ninja_api.billing.party import CLIENT, VENDOR
from ninja_api.billing.resource import document_resource, today, without_deleted
from ninja_api.http.listing import exact, ilike, status_words
from ninja_api.http.resource import Include
from ninja_api.models import Expense, PurchaseOrder, Vendor
from ninja_api.purchase_orders import actions
from ninja_api.purchase_orders.kind import ACCEPTED, CANCELLED, DRAFT, PURCHASE_ORDER, SENT
from ninja_api.purchase_orders.schemas import serialize_purchase_order


def _search(query: Select, value, ctx) -> Select:
    """`filter=`: number, date, amounts and custom values as text, or the vendor's name."""
    if not value:
        return query
    own = [ilike(getattr(PurchaseOrder, c), value)
           for c in ("number", "custom_value1", "custom_value2", "custom_value3", "custom_value4")]
    own += [ilike(cast(getattr(PurchaseOrder, c), String), value) for c in ("date", "amount", "balance")]
    vendor = PurchaseOrder.vendor_id.in_(select(Vendor.id).where(ilike(Vendor.name, value)))
    return query.where(or_(*own, vendor))


def _client_status(query: Select, value, ctx) -> Select:
    words = status_words(value)
    if words is None:
        return query
    clauses = []
    if "sent" in words:
        # Upstream's OR chain leaves the due-date clause untied to the status (as for invoices and quotes).
        clauses.append(or_(and_(PurchaseOrder.status_id == SENT, PurchaseOrder.due_date.is_(None)),
                           PurchaseOrder.due_date >= today()))
    wanted = [status for word, status in (("draft", DRAFT), ("accepted", ACCEPTED), ("cancelled", CANCELLED))
              if word in words]
    if wanted:
        clauses.append(PurchaseOrder.status_id.in_(wanted))
    return query.where(or_(*clauses)) if clauses else query


def _filter_deleted_clients(query: Select, value, ctx) -> Select:
    if value != "true":
        return query
    from ninja_api.models import Client

    return query.where(PurchaseOrder.client_id.in_(select(Client.id).where(Client.is_deleted.is_(False))))


def _expense_resource():
    from ninja_api.expenses.resource import expense_resource

    return expense_resource


def _expenses_of(session, rows, ctx) -> dict:
    wanted = {r.expense_id for r in rows if r.expense_id}
    found = {e.id: e for e in session.scalars(select(Expense).where(Expense.id.in_(wanted)))} if wanted else {}
    return {r.id: found.get(r.expense_id) for r in rows}


def _in_bulk(action):
    return lambda s, ctx, row, inp: action(s, ctx, row)


def _expense_unless_done(session, ctx, row, inp) -> None:
    # In bulk an order already expensed is passed over (upstream's 400 answers only the single action).
    if row.expense_id is None:
        actions.to_expense(session, ctx, row)


def _in_bulk_nothing(session, ctx, row, inp) -> None:
    """Bulk actions upstream accepts whose answers it drops: the list comes back unchanged."""


purchase_order_resource = document_resource(
    PURCHASE_ORDER,
    serialize_purchase_order,
    # The shared document filters are client-based; a purchase order has upstream's base ones and these.
    omit_filters=("*",),
    filters={
        "filter": _search,
        "number": exact(PurchaseOrder.number),
        "client_status": _client_status,
        "without_deleted_clients": without_deleted(PurchaseOrder, CLIENT),
        "without_deleted_vendors": without_deleted(PurchaseOrder, VENDOR),
        "filter_deleted_clients": _filter_deleted_clients,
    },
    includes=[Include("expense", _expense_resource, _expenses_of, many=False)],
    silent_relations=frozenset({"company", "user", "assigned_user", "project", "client", "design", "invoice",
                                "history", "location"}),
    actions={
        "archive": _in_bulk(actions.archive),
        "restore": _in_bulk(actions.restore),
        "delete": _in_bulk(actions.delete),
        "mark_sent": _in_bulk(actions.mark_sent),
        "email": _in_bulk(actions.email),
        "send_email": _in_bulk(actions.email),
        "cancel": _in_bulk(actions.cancel),
        "add_to_inventory": _in_bulk(actions.add_to_inventory),
        "expense": _expense_unless_done,
        "download": _in_bulk_nothing,
    },
    action_required=False,
    empty_bulk_message="No Purchase Orders Found",
    set_actions={name: run for name, run in downloads.set_actions(PURCHASE_ORDER).items()
                 if name in ("bulk_print", "bulk_download")},
)
