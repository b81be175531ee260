"""The credit as the shared document core sees it."""

from ninja_api.activities import service as activities
from ninja_api.billing.kind import Activities, DocumentKind
from ninja_api.models import Credit, CreditInvitation
from ninja_api.models.payment import CREDIT_TYPE

CREDIT = DocumentKind(
    entity="credit", label="Credit", model=Credit, invitation_model=CreditInvitation, parent_key="credit_id",
    ledger_type=CREDIT_TYPE,
    activities=Activities(create=activities.CREATE_CREDIT, update=activities.UPDATE_CREDIT,
                          archive=activities.ARCHIVE_CREDIT, delete=activities.DELETE_CREDIT,
                          restore=activities.RESTORE_CREDIT),
    datetime_columns=frozenset({"partial_due_date"}),
)

DRAFT, SENT, PARTIAL, APPLIED = 1, 2, 3, 4
