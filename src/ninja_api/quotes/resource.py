"""The quote entity as the shared machinery sees it (served so far only through clone_to_quote)."""

from ninja_api.billing.resource import document_resource
from ninja_api.quotes.kind import QUOTE
from ninja_api.quotes.schemas import serialize_quote

quote_resource = document_resource(QUOTE, serialize_quote)
