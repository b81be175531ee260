"""The document entity as the shared machinery sees it."""

from sqlalchemy import Select

from ninja_api.documents import service
from ninja_api.documents.schemas import serialize_document
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import ilike
from ninja_api.http.resource import Resource
from ninja_api.models import Document


def _search(query: Select, value, ctx) -> Select:
    return query.where(ilike(Document.name, value)) if value else query


document_resource = Resource(
    name="documents",
    label="Document",
    model=Document,
    serialize=serialize_document,
    permission="document",
    filters={"filter": _search},
    # Upstream's document delete removes the row and its file for good.
    actions={**default_actions(), "delete": service.delete},
    set_actions={"download": service.mail_zip},
    strict_actions=False,
    action_required=False,
    silent_relations=frozenset({"user", "company", "documentable"}),
)


def owner_resource(path: str) -> Resource:
    """The Resource of the entity an upload route names."""
    from ninja_api.clients.resource import client_resource
    from ninja_api.credits.resource import credit_resource
    from ninja_api.expenses.resource import expense_resource
    from ninja_api.group_settings.resource import group_setting_resource
    from ninja_api.invoices.resource import invoice_resource
    from ninja_api.payments.resource import payment_resource
    from ninja_api.products.resource import product_resource
    from ninja_api.projects.resource import project_resource
    from ninja_api.purchase_orders.resource import purchase_order_resource
    from ninja_api.quotes.resource import quote_resource
    from ninja_api.recurring_expenses.resource import recurring_expense_resource
    from ninja_api.recurring_invoices.resource import recurring_invoice_resource
    from ninja_api.recurring_quotes.resource import recurring_quote_resource
    from ninja_api.tasks.resource import task_resource
    from ninja_api.vendors.resource import vendor_resource

    found = (client_resource, credit_resource, expense_resource, group_setting_resource, invoice_resource,
             payment_resource, product_resource, project_resource, purchase_order_resource, quote_resource,
             recurring_expense_resource, recurring_invoice_resource, recurring_quote_resource, task_resource,
             vendor_resource)
    return next(r for r in found if r.name == path)
