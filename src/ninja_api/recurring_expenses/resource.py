"""The recurring expense entity as the shared machinery sees it: filters, sorts, includes, actions."""

from sqlalchemy import select

from ninja_api.billing.settings import ClientSettings, settings_by_client
from ninja_api.documents.include import DOCUMENTS
from ninja_api.expenses import repository
from ninja_api.expenses.resource import by_name, client_status, search
from ninja_api.http.auth import AuthContext
from ninja_api.http.listing import digits_of, exact
from ninja_api.http.resource import Include, Resource
from ninja_api.models import Client, ExpenseCategory, RecurringExpense, Vendor
from ninja_api.recurring_expenses import generate, service
from ninja_api.recurring_expenses.schemas import serialize_recurring_expense


def _prepare(session, rows, ctx: AuthContext) -> None:
    """Upcoming dates for a page, when shown: with the clients' settings loaded once."""
    if ctx.query.get("show_dates") != "true":
        return
    clients = {c.id: c for c in session.scalars(select(Client).where(
        Client.id.in_({r.client_id for r in rows if r.client_id})))}
    by_client = settings_by_client(session, ctx.company, clients)
    company = ClientSettings(None, ctx.company, None)
    for row in rows:
        row.listed_dates = generate.listed_dates(row, by_client.get(row.client_id, company))


def _client_resource():
    from ninja_api.clients.resource import client_resource

    return client_resource


def _vendor_resource():
    from ninja_api.vendors.resource import vendor_resource

    return vendor_resource


recurring_expense_resource = Resource(
    name="recurring_expenses",
    label="RecurringExpense",
    model=RecurringExpense,
    serialize=serialize_recurring_expense,
    permission="recurring_expense",
    default_includes=[DOCUMENTS],
    includes=[
        Include("client", _client_resource,
                lambda s, rows, ctx: repository.related(s, Client, rows, "client_id"), many=False),
        Include("vendor", _vendor_resource,
                lambda s, rows, ctx: repository.related(s, Vendor, rows, "vendor_id"), many=False),
    ],
    silent_relations=frozenset({"company", "user", "assigned_user", "category", "project", "invoice"}),
    prepare=_prepare,
    filters={
        "filter": search(RecurringExpense, client_names=False),
        "client_status": client_status(RecurringExpense, logged_from_zero=False, uncategorized=False),
        "number": exact(RecurringExpense.number),
    },
    sorts={
        "number": lambda: digits_of(RecurringExpense.number),
        "client_id": by_name(RecurringExpense.client_id, Client),
        "vendor_id": by_name(RecurringExpense.vendor_id, Vendor),
        "category_id": by_name(RecurringExpense.category_id, ExpenseCategory),
    },
    ignored_sorts=frozenset({"documents"}),
    actions={
        "archive": service.archive,
        "restore": service.restore,
        "delete": service.delete,
        "start": service.start,
        "stop": service.stop,
    },
    # Upstream's bulk reads `action` unvalidated: an unknown one changes nothing.
    strict_actions=False,
    action_required=False,
)
