"""The recurring quote: the recurring machine over quotes (upstream renders it a little differently)."""

from ninja_api.activities import service as activities
from ninja_api.billing.kind import Activities, DocumentKind
from ninja_api.models import RecurringQuote, RecurringQuoteInvitation
from ninja_api.quotes.kind import QUOTE
from ninja_api.recurring.kind import RecurringKind

RECURRING_QUOTE_DOCUMENT = DocumentKind(
    entity="recurring_quote", label="RecurringQuote", model=RecurringQuote,
    invitation_model=RecurringQuoteInvitation, parent_key="recurring_quote_id",
    ledger_type="App\\Models\\RecurringQuote",
    activities=Activities(create=activities.CREATE_RECURRING_QUOTE, update=activities.UPDATE_RECURRING_QUOTE,
                          archive=activities.ARCHIVE_RECURRING_QUOTE, delete=activities.DELETE_RECURRING_QUOTE,
                          restore=activities.RESTORE_RECURRING_QUOTE),
    bool_fields=("auto_bill_enabled",),
    balance_follows_amount=True,
)

RECURRING_QUOTE = RecurringKind(
    document=RECURRING_QUOTE_DOCUMENT, target=QUOTE, entity_type="recurringQuote",
    design_setting="quote_design_id", renders_send_moment=False, dates_on_request=False,
)
