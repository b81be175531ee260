from ninja_api.recurring.endpoints import router_for
from ninja_api.recurring_invoices.kind import RECURRING_INVOICE
from ninja_api.recurring_invoices.resource import recurring_invoice_resource

router = router_for(RECURRING_INVOICE, recurring_invoice_resource)
