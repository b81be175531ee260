"""The invoice as the shared document core sees it."""

from ninja_api.activities import service as activities
from ninja_api.billing.kind import Activities, DocumentKind
from ninja_api.models import Invoice, InvoiceInvitation
from ninja_api.models.payment import INVOICE_TYPE

INVOICE = DocumentKind(
    entity="invoice", label="Invoice", model=Invoice, invitation_model=InvoiceInvitation, parent_key="invoice_id",
    ledger_type=INVOICE_TYPE,
    activities=Activities(create=activities.CREATE_INVOICE, update=activities.UPDATE_INVOICE,
                          archive=activities.ARCHIVE_INVOICE, delete=activities.DELETE_INVOICE,
                          restore=activities.RESTORE_INVOICE, mark_sent=activities.MARK_SENT_INVOICE,
                          email=activities.EMAIL_INVOICE),
    bool_fields=("auto_bill_enabled",),
    prefixes_recurring=True,
)
