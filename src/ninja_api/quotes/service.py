"""Quote rules: create, update and what they trigger, on the shared document core; never commits."""

from datetime import timedelta

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.billing import repository
from ninja_api.billing import service as documents
from ninja_api.billing.settings import ClientSettings
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import as_date
from ninja_api.models import Client, Quote
from ninja_api.quotes.kind import QUOTE

DEFAULT_VALID_DAYS = 7


def valid_days(settings: ClientSettings) -> int | None:
    """The client's `valid_until` setting: how many days a quote stays valid (None when unset)."""
    value = str(settings.get("valid_until", "") or "").strip()
    return int(value) if value.lstrip("-").isdigit() else None


def blank(session: Session, ctx: AuthContext) -> Quote:
    return documents.blank(ctx, QUOTE)


def _apply_number_when_saved(session: Session, ctx: AuthContext, quote: Quote, client: Client,
                             settings: ClientSettings) -> None:
    if settings.get("counter_number_applied", "when_saved") == "when_saved":
        documents.apply_number(session, ctx, QUOTE, quote, client, settings)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Quote:
    data = inp.data
    # A partial due date without a validity date: the quote is valid for the client's valid_until days.
    if data.get("partial_due_date") and not (isinstance(data.get("due_date"), str) and len(data["due_date"]) > 1):
        client = repository.client_in_company(session, ctx.company_id, ids.decode(data["client_id"])) \
            if isinstance(data.get("client_id"), str) else None
        start = as_date(data.get("date"))
        if client is not None and start is not None:
            days = valid_days(ClientSettings(session, ctx.company, client))
            data["due_date"] = (start + timedelta(days=DEFAULT_VALID_DAYS if days is None else days)).isoformat()
    quote, client, settings = documents.create(session, ctx, QUOTE, inp, client_notes_win=False)
    _apply_number_when_saved(session, ctx, quote, client, settings)
    session.flush()
    run_toggles(session, ctx, quote, inp)
    return quote


def update(session: Session, ctx: AuthContext, quote: Quote, inp: RequestInput) -> Quote:
    client, settings = documents.update(session, ctx, QUOTE, quote, inp)
    _apply_number_when_saved(session, ctx, quote, client, settings)
    documents.finish_update(session, ctx, QUOTE, quote, client, inp)
    run_toggles(session, ctx, quote, inp)
    return quote


def run_toggles(session: Session, ctx: AuthContext, quote: Quote, inp: RequestInput) -> None:
    """Actions a create or update asks for in its query or body, in upstream's order."""
    from ninja_api.quotes import actions

    if inp.flag("send_email"):
        actions.email(session, ctx, quote)
    if inp.flag("mark_sent"):
        actions.mark_sent(session, ctx, quote)
    if inp.flag("convert"):
        actions.convert(session, ctx, quote, refuse_twice=False)
    if inp.flag("approve"):
        actions.approve(session, ctx, quote)
    documents.save_defaults(ctx, QUOTE, quote, inp)
    session.flush()


def delete(session: Session, ctx: AuthContext, quote: Quote) -> None:
    from ninja_api.quotes import actions

    actions.delete(session, ctx, quote)
