"""The recurring quote entity: the recurring machine's resource over its kind."""

from ninja_api.recurring.resource import recurring_resource
from ninja_api.recurring_quotes.kind import RECURRING_QUOTE

recurring_quote_resource = recurring_resource(RECURRING_QUOTE)
