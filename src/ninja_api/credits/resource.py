"""The credit entity as the shared machinery sees it: its own filters and actions over the document core."""

from sqlalchemy import Select, or_

from ninja_api.billing import downloads
from ninja_api.billing.resource import document_resource, today
from ninja_api.http.listing import status_words
from ninja_api.credits import actions
from ninja_api.credits.kind import APPLIED, CREDIT, DRAFT, PARTIAL, SENT
from ninja_api.credits.schemas import serialize_credit
from ninja_api.models import Credit

CLIENT_STATUSES = {"draft": DRAFT, "sent": SENT, "partial": PARTIAL, "applied": APPLIED}


def _client_status(query: Select, value, ctx) -> Select:
    words = status_words(value)
    if words is None:
        return query
    wanted = [CLIENT_STATUSES[w] for w in words if w in CLIENT_STATUSES]
    return query.where(Credit.status_id.in_(wanted)) if wanted else query


def _applicable(query: Select, value, ctx) -> Select:
    """Credits a payment could use now. Upstream compares the due date with now, not today."""
    if not value:
        return query
    return query.where(Credit.status_id.in_((SENT, PARTIAL)), Credit.balance > 0,
                       or_(Credit.due_date.is_(None), Credit.due_date > today()))


def _unsaved_in_bulk(session, ctx, row, inp) -> None:
    """In bulk, upstream builds these answers and drops them: the list comes back unchanged."""


credit_resource = document_resource(
    CREDIT,
    serialize_credit,
    silent_relations=frozenset({"company", "user", "assigned_user", "project", "vendor", "design", "invoice",
                                "history", "location"}),
    filters={"client_status": _client_status, "applicable": _applicable},
    actions={
        "archive": lambda s, ctx, row, inp: actions.archive(s, ctx, row),
        "restore": lambda s, ctx, row, inp: actions.restore(s, ctx, row),
        "delete": lambda s, ctx, row, inp: actions.delete(s, ctx, row),
        "mark_sent": lambda s, ctx, row, inp: actions.mark_sent(s, ctx, row),
        "mark_paid": lambda s, ctx, row, inp: actions.mark_paid(s, ctx, row),
        "email": lambda s, ctx, row, inp: actions.email(s, ctx, row),
        "send_email": lambda s, ctx, row, inp: actions.email(s, ctx, row),
        "download": _unsaved_in_bulk,
        "clone_to_credit": _unsaved_in_bulk,
        "history": _unsaved_in_bulk,
    },
    strict_ids=True,
    set_actions={name: fn for name, fn in downloads.set_actions(CREDIT).items() if name != "download"},
)
