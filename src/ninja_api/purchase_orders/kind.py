"""The purchase order as the shared document core sees it: a document addressed to a vendor."""

from ninja_api.activities import service as activities
from ninja_api.billing.kind import Activities, DocumentKind
from ninja_api.billing.party import VENDOR
from ninja_api.models import PurchaseOrder, PurchaseOrderInvitation

PURCHASE_ORDER = DocumentKind(
    entity="purchase_order", label="PurchaseOrder", model=PurchaseOrder, invitation_model=PurchaseOrderInvitation,
    parent_key="purchase_order_id", ledger_type="",
    activities=Activities(create=activities.CREATE_PURCHASE_ORDER, update=activities.UPDATE_PURCHASE_ORDER,
                          archive=activities.ARCHIVE_PURCHASE_ORDER, delete=activities.DELETE_PURCHASE_ORDER,
                          restore=activities.RESTORE_PURCHASE_ORDER, email=activities.EMAIL_PURCHASE_ORDER),
    party=VENDOR,
    id_fields=("client_id",),
    status_ids=(1, 2, 3, 4, 5),
    datetime_columns=frozenset({"partial_due_date"}),
)

DRAFT, SENT, ACCEPTED, RECEIVED, CANCELLED = 1, 2, 3, 4, 5
