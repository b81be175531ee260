from ninja_api.recurring.endpoints import router_for
from ninja_api.recurring_quotes.kind import RECURRING_QUOTE
from ninja_api.recurring_quotes.resource import recurring_quote_resource

router = router_for(RECURRING_QUOTE, recurring_quote_resource)
