"""The quote as the shared document core sees it."""

from ninja_api.activities import service as activities
from ninja_api.billing.kind import Activities, DocumentKind
from ninja_api.models import Quote, QuoteInvitation

QUOTE = DocumentKind(
    entity="quote", label="Quote", model=Quote, invitation_model=QuoteInvitation, parent_key="quote_id",
    ledger_type="App\\Models\\Quote",
    activities=Activities(create=activities.CREATE_QUOTE, update=activities.UPDATE_QUOTE,
                          archive=activities.ARCHIVE_QUOTE, delete=activities.DELETE_QUOTE,
                          restore=activities.RESTORE_QUOTE, email=activities.EMAIL_QUOTE),
    datetime_columns=frozenset({"due_date", "partial_due_date"}),
)
