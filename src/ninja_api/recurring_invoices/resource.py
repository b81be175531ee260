"""The recurring invoice entity: the recurring machine's resource over its kind."""

from ninja_api.recurring.resource import recurring_resource
from ninja_api.recurring_invoices.kind import RECURRING_INVOICE

recurring_invoice_resource = recurring_resource(RECURRING_INVOICE)
