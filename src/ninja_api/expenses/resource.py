"""The expense entity as the shared machinery sees it: filters, sorts, includes, bulk actions."""

from sqlalchemy import Select, String, and_, cast, literal_column, or_, select

from ninja_api.documents.include import DOCUMENTS
from ninja_api.expenses import repository, service
from ninja_api.expenses.schemas import serialize_expense
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import digits_of, exact, ilike, status_words
from ninja_api.http.resource import Include, Resource
from ninja_api.models import Client, Expense, ExpenseCategory, Invoice, Project, Vendor


def search(model, *, client_names: bool = True):
    """`filter`: the row's own text and amount, or its category's, vendor's (and client's) name."""

    def apply(query: Select, value, ctx) -> Select:
        if not value:
            return query
        own = [ilike(getattr(model, c), value)
               for c in ("number", "public_notes", "custom_value1", "custom_value2", "custom_value3", "custom_value4")]
        own.append(ilike(cast(model.amount, String), value))
        related = [
            model.category_id.in_(select(ExpenseCategory.id).where(ilike(ExpenseCategory.name, value))),
            model.vendor_id.in_(select(Vendor.id).where(ilike(Vendor.name, value))),
        ]
        if client_names:
            related.append(model.client_id.in_(select(Client.id).where(ilike(Client.name, value))))
        return query.where(or_(*own, *related))

    return apply


def client_status(model, *, logged_from_zero: bool = True, uncategorized: bool = True):
    """`client_status=logged,pending,...`: any of the named states (recurring expenses count a
    zero amount out of `logged` and know no `uncategorized`, as upstream)."""

    def apply(query: Select, value, ctx) -> Select:
        words = status_words(value)
        if words is None:
            return query
        clauses = []
        if "logged" in words:
            positive = model.amount >= 0 if logged_from_zero else model.amount > 0
            clauses.append(and_(positive, model.invoice_id.is_(None), model.payment_date.is_(None),
                                model.should_be_invoiced.is_(False)))
        if "pending" in words:
            clauses.append(and_(model.should_be_invoiced.is_(True), model.invoice_id.is_(None)))
        if "invoiced" in words:
            clauses.append(model.invoice_id.is_not(None))
        if "paid" in words:
            clauses.append(model.payment_date.is_not(None))
        if "unpaid" in words:
            clauses.append(model.payment_date.is_(None))
        if uncategorized and "uncategorized" in words:
            clauses.append(model.category_id.is_(None))
        # A status word upstream does not know adds no condition (its empty group matches everything).
        return query.where(or_(*clauses)) if clauses else query

    return apply


def _match_transactions(query: Select, value, ctx) -> Select:
    if value != "true":
        return query
    return query.where(Expense.is_deleted.is_(False), Expense.transaction_id.is_(None))


def _has_invoices(query: Select, value, ctx) -> Select:
    """`client,<id>` or `project,<id>`: expenses on that client's (project's) open invoices."""
    if not value or "," not in value:
        return query
    kind, _, hashed_id = value.partition(",")
    if kind not in ("client", "project"):
        return query
    from ninja_api import ids

    key = ids.decode(hashed_id)
    column = Invoice.client_id if kind == "client" else Invoice.project_id
    if key is None:
        return query.where(literal_column("1") == 0)
    return query.where(Expense.invoice_id.in_(
        select(Invoice.id).where(column == key, Invoice.status_id.in_((1, 2, 3)))))


def by_name(column, model):
    # Rows without the relation last, then by its id, then by its name (upstream's order).
    def sort():
        name = select(model.name).where(model.id == column).scalar_subquery()
        return [column.is_(None), column, name]

    return sort


# --- includes ---------------------------------------------------------------------------------


def _client_resource():
    from ninja_api.clients.resource import client_resource

    return client_resource


def _vendor_resource():
    from ninja_api.vendors.resource import vendor_resource

    return vendor_resource


def _category_resource():
    from ninja_api.expense_categories.resource import expense_category_resource

    return expense_category_resource


def _invoice_resource():
    from ninja_api.invoices.resource import invoice_resource

    return invoice_resource


def _project_resource():
    from ninja_api.projects.resource import project_resource

    return project_resource


expense_resource = Resource(
    name="expenses",
    label="Expense",
    model=Expense,
    serialize=serialize_expense,
    permission="expense",
    default_includes=[DOCUMENTS],
    includes=[
        Include("client", _client_resource, lambda s, rows, ctx: repository.related(s, Client, rows, "client_id"),
                many=False),
        Include("vendor", _vendor_resource, lambda s, rows, ctx: repository.related(s, Vendor, rows, "vendor_id"),
                many=False),
        Include("category", _category_resource,
                lambda s, rows, ctx: repository.related(s, ExpenseCategory, rows, "category_id"), many=False),
        Include("invoice", _invoice_resource, lambda s, rows, ctx: repository.related(s, Invoice, rows, "invoice_id"),
                many=False),
        Include("project", _project_resource, lambda s, rows, ctx: repository.related(s, Project, rows, "project_id"),
                many=False),
    ],
    silent_relations=frozenset({"company", "user", "assigned_user", "currency", "payment_type",
                                "purchase_order", "transaction", "recurring_expense"}),
    filters={
        "filter": search(Expense),
        "client_status": client_status(Expense),
        "number": exact(Expense.number),
        "match_transactions": _match_transactions,
        "has_invoices": _has_invoices,
    },
    sorts={
        "number": lambda: digits_of(Expense.number),
        "client_id": by_name(Expense.client_id, Client),
        "vendor_id": by_name(Expense.vendor_id, Vendor),
        "category_id": by_name(Expense.category_id, ExpenseCategory),
    },
    ignored_sorts=frozenset({"documents"}),
    actions={**default_actions(), "bulk_categorize": service.bulk_categorize},
    action_required=False,
    strict_ids=True,
)
