"""The quote entity as the shared machinery sees it: its own filters and actions over the document core."""

from sqlalchemy import Select, and_, or_

from ninja_api.billing import downloads
from ninja_api.billing.resource import document_resource, today
from ninja_api.http.listing import status_words
from ninja_api.models import Quote
from ninja_api.quotes import actions
from ninja_api.quotes.kind import QUOTE
from ninja_api.quotes.schemas import serialize_quote


def _client_status(query: Select, value, ctx) -> Select:
    words = status_words(value)
    if words is None:
        return query
    now = today()
    clauses = []
    if "sent" in words:
        # Upstream's OR chain leaves the due-date clause untied to the status (quirk kept, as for invoices).
        clauses.append(or_(and_(Quote.status_id == actions.SENT, Quote.due_date.is_(None)), Quote.due_date >= now))
    wanted = [status for word, status in (("draft", actions.DRAFT), ("approved", actions.APPROVED)) if word in words]
    if wanted:
        clauses.append(Quote.status_id.in_(wanted))
    if "expired" in words:
        clauses.append(and_(Quote.status_id == actions.SENT, Quote.due_date.is_not(None), Quote.due_date <= now))
    if "upcoming" in words:
        clauses.append(and_(Quote.status_id == actions.SENT, Quote.due_date >= now))
    if "converted" in words:
        clauses.append(Quote.invoice_id.is_not(None))
    return query.where(or_(*clauses)) if clauses else query


def _convert_all(session, ctx, row, inp) -> None:
    actions.convert(session, ctx, row, refuse_twice=False)


def _in_bulk_nothing(session, ctx, row, inp) -> None:
    """Bulk actions upstream accepts whose answers it drops: the list comes back unchanged."""


quote_resource = document_resource(
    QUOTE,
    serialize_quote,
    silent_relations=frozenset({"company", "user", "assigned_user", "project", "vendor", "design", "invoice",
                                "history", "location"}),
    filters={"client_status": _client_status},
    actions={
        "archive": lambda s, ctx, row, inp: actions.archive(s, ctx, row),
        "restore": lambda s, ctx, row, inp: actions.restore(s, ctx, row),
        "delete": lambda s, ctx, row, inp: actions.delete(s, ctx, row),
        "mark_sent": lambda s, ctx, row, inp: actions.mark_sent(s, ctx, row),
        "approve": lambda s, ctx, row, inp: actions.approve(s, ctx, row),
        "convert_to_invoice": _convert_all,
        "email": lambda s, ctx, row, inp: actions.email(s, ctx, row),
        "send_email": lambda s, ctx, row, inp: actions.email(s, ctx, row),
        "convert_to_project": lambda s, ctx, row, inp: actions.convert_to_project(s, ctx, row),
        "clone_to_invoice": _in_bulk_nothing,
        "download": _in_bulk_nothing,
    },
    # Upstream checks the enum only when an action is sent; without one the list comes back unchanged.
    action_required=False,
    set_actions={"bulk_print": downloads.set_actions(QUOTE)["bulk_print"],
                 "bulk_download": downloads.set_actions(QUOTE)["bulk_download"]},
)
quote_resource.sorts["valid_until"] = lambda: Quote.due_date
