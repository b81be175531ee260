"""The recurring invoice as the shared document core and the recurring machine see it."""

from ninja_api.activities import service as activities
from ninja_api.billing.kind import Activities, DocumentKind
from ninja_api.invoices.kind import INVOICE
from ninja_api.models import RecurringInvoice, RecurringInvoiceInvitation
from ninja_api.recurring.kind import RecurringKind

RECURRING_INVOICE_DOCUMENT = DocumentKind(
    entity="recurring_invoice", label="RecurringInvoice", model=RecurringInvoice,
    invitation_model=RecurringInvoiceInvitation, parent_key="recurring_invoice_id",
    ledger_type="App\\Models\\RecurringInvoice",
    activities=Activities(create=activities.CREATE_RECURRING_INVOICE, update=activities.UPDATE_RECURRING_INVOICE,
                          archive=activities.ARCHIVE_RECURRING_INVOICE, delete=activities.DELETE_RECURRING_INVOICE,
                          restore=activities.RESTORE_RECURRING_INVOICE),
    bool_fields=("auto_bill_enabled",),
    balance_follows_amount=True,
)

RECURRING_INVOICE = RecurringKind(
    document=RECURRING_INVOICE_DOCUMENT, target=INVOICE, entity_type="recurringInvoice",
    design_setting="invoice_design_id",
)
