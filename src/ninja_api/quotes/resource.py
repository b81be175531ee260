"""The quote entity as the shared machinery sees it (served so far only through clone_to_quote)."""

from collections import defaultdict

from sqlalchemy import select

from ninja_api.documents.include import DOCUMENTS
from ninja_api.http.resource import Include, Resource
from ninja_api.invoices.schemas import serialize_invitation
from ninja_api.models import Quote, QuoteInvitation
from ninja_api.quotes.schemas import serialize_quote


def _invitations_of(session, rows, ctx) -> dict:
    grouped: dict[int, list] = defaultdict(list)
    saved = [r.id for r in rows if r.id is not None]
    if saved:
        query = select(QuoteInvitation).where(QuoteInvitation.quote_id.in_(saved), QuoteInvitation.deleted_at.is_(None))
        for row in session.scalars(query.order_by(QuoteInvitation.id)):
            grouped[row.quote_id].append(row)
    return grouped


quote_invitation_resource = Resource(
    name="quote_invitations", label="QuoteInvitation", model=QuoteInvitation,
    serialize=lambda row, ctx: serialize_invitation(row, ctx, "quote"), permission="quote", has_assigned_user=False,
)
quote_resource = Resource(
    name="quotes", label="Quote", model=Quote, serialize=serialize_quote, permission="quote",
    default_includes=[Include("invitations", lambda: quote_invitation_resource, _invitations_of), DOCUMENTS],
)
