"""Quote state transitions: sent, approved, converted to an invoice; quotes never move client money."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import service as activities
from ninja_api.billing import emails, invitations
from ninja_api.billing import repository as documents
from ninja_api.billing import service as core
from ninja_api.billing.clone import copy_of
from ninja_api.billing.settings import ClientSettings
from ninja_api.billing.totals import recalculate
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import bad_request
from ninja_api.invoices.kind import INVOICE
from ninja_api.models import Client, Invoice, Quote
from ninja_api.numbering import format_number, lock_company
from ninja_api.quotes.kind import QUOTE
from ninja_api.webhooks import events as webhook_events
from ninja_api.quotes.service import valid_days

DRAFT, SENT, APPROVED, CONVERTED = 1, 2, 3, 4


def _client(session: Session, quote: Quote) -> Client:
    return session.get(Client, quote.client_id)


def mark_sent(session: Session, ctx: AuthContext, quote: Quote) -> bool:
    if quote.status_id != DRAFT:
        return False
    lock_company(session, ctx.company)
    client = _client(session, quote)
    settings = ClientSettings(session, ctx.company, client)
    invitations.mark_sent_now(session, QUOTE, quote)
    days = valid_days(settings)
    if quote.due_date is None and days is not None and quote.date is not None:
        quote.due_date = datetime.combine(quote.date + timedelta(days=days), time())
    quote.status_id = SENT
    core.apply_number(session, ctx, QUOTE, quote, client, settings)
    webhook_events.fire(session, quote, "sent")
    return True


def approve(session: Session, ctx: AuthContext, quote: Quote) -> bool:
    """Approval without conversion, as upstream's API does it (only the client portal converts)."""
    if quote.status_id not in (DRAFT, SENT):
        return False
    quote.status_id = APPROVED
    webhook_events.fire(session, quote, "approve")
    return True


def approvable(quote: Quote) -> bool:
    return quote.status_id in (DRAFT, SENT)


def _harvested_number(session: Session, ctx: AuthContext, quote: Quote, settings: ClientSettings) -> str | None:
    """With a shared invoice/quote counter, the invoice takes the quote's counter when that number is free."""
    def pattern_of(key: str) -> str:
        pattern = str(settings.get(key, "") or "")
        return pattern + "{$counter}" if len(pattern) > 1 and "counter" not in pattern.lower() else pattern

    padding = int(settings.get("counter_padding", 4) or 4)
    now = datetime.now()
    prefix = format_number(pattern_of("quote_number_pattern"), "_stubling_", padding, {}, now).replace("_stubling_", "")
    digits = (quote.number or "").replace(prefix, "") if prefix else (quote.number or "")
    counter = int(digits) if digits.isdigit() else 0
    number = format_number(pattern_of("invoice_number_pattern"), counter, padding, {}, now)
    return None if documents.number_taken(session, Invoice, ctx.company_id, number) else number


def convert(session: Session, ctx: AuthContext, quote: Quote, *, refuse_twice: bool = True) -> Invoice | None:
    """A draft invoice with the quote's lines, invited contacts and (optionally) terms; the quote is converted."""
    if quote.invoice_id is not None:
        if refuse_twice:
            raise bad_request("This quote has already been converted. Cannot convert again.")
        return None
    lock_company(session, ctx.company)
    client = _client(session, quote)
    settings = ClientSettings(session, ctx.company, client)
    skip = ("number", "footer", "design_id", "status_id", "invoice_id", "due_date", "partial_due_date",
            "next_send_date", "reminder1_sent", "reminder2_sent", "reminder3_sent", "reminder_last_sent",
            "last_sent_date", "last_viewed", "balance", "paid_to_date", "recurring_id")
    if not ctx.company.use_quote_terms_on_conversion:
        skip += ("terms",)
    invoice = copy_of(quote, Invoice, skip=skip, status_id=DRAFT, date=settings.today(), user_id=quote.user_id,
                      design_id=ids.decode(settings.get("invoice_design_id", "Wpmbk5ezJn")), auto_bill_enabled=False,
                      **core.surcharge_taxes(ctx))
    if not invoice.terms:
        invoice.terms = str(settings.get("invoice_terms") or "") or None
    invoice.footer = str(settings.get("invoice_footer") or "") or None
    invoice.balance = 0
    invoice.paid_to_date = 0
    recalculate(invoice, settings)
    session.add(invoice)
    session.flush()
    quoted = documents.invitations_of(session, QUOTE, [quote.id]).get(quote.id, [])
    invitations.sync(session, ctx, INVOICE, invoice, [{"client_contact_id": ids.encode(i.client_contact_id)} for i in quoted])
    if settings.flag("shared_invoice_quote_counter"):
        invoice.number = _harvested_number(session, ctx, quote, settings)
    if settings.get("counter_number_applied", "when_saved") == "when_saved":
        core.apply_number(session, ctx, INVOICE, invoice, client, settings)
    activities.record(session, ctx, activities.CREATE_INVOICE, client_id=client.id, invoice_id=invoice.id)
    quote.invoice_id = invoice.id
    quote.status_id = CONVERTED
    if settings.flag("auto_archive_quote"):
        archive(session, ctx, quote)
    session.flush()
    return invoice


def clone_to_quote(quote: Quote) -> Quote:
    """An unsaved draft copy: no number, dates or conversion."""
    return copy_of(quote, Quote, skip=("number", "date", "due_date", "partial_due_date", "invoice_id", "last_sent_date"),
                   status_id=DRAFT)


def clone_to_invoice(quote: Quote) -> Invoice:
    """The unsaved draft invoice upstream renders for `clone_to_invoice`."""
    skip = ("number", "footer", "design_id", "invoice_id", "due_date", "partial_due_date", "next_send_date",
            "reminder1_sent", "reminder2_sent", "reminder3_sent", "reminder_last_sent", "last_sent_date", "last_viewed")
    return copy_of(quote, Invoice, skip=skip, status_id=DRAFT, balance=0, paid_to_date=0, auto_bill_enabled=False,
                   date=None)


def email(session: Session, ctx: AuthContext, quote: Quote) -> None:
    emails.send(session, ctx, QUOTE, quote, "quote", mark_sent=mark_sent)


def archive(session: Session, ctx: AuthContext, quote: Quote) -> None:
    if lifecycle.archive(quote):
        activities.record(session, ctx, QUOTE.activities.archive, client_id=quote.client_id, quote_id=quote.id)


def delete(session: Session, ctx: AuthContext, quote: Quote) -> None:
    if lifecycle.delete(quote):
        activities.record(session, ctx, QUOTE.activities.delete, client_id=quote.client_id, quote_id=quote.id)


def restore(session: Session, ctx: AuthContext, quote: Quote) -> None:
    if lifecycle.restore(quote):
        activities.record(session, ctx, QUOTE.activities.restore, client_id=quote.client_id, quote_id=quote.id)


def convert_to_project(session: Session, ctx: AuthContext, quote: Quote):
    """A project for the quote's client with one task per task line (type 2), budgeted by their hours."""
    from ninja_api.clients.schemas import display_name
    from ninja_api.http.input import RequestInput
    from ninja_api.projects import service as projects
    from ninja_api.tasks import service as tasks

    client = _client(session, quote)
    settings = ClientSettings(session, ctx.company, client)
    lines = [item for item in quote.line_items or [] if str(item.get("type_id")) == "2"]
    hours = sum((Decimal(str(item.get("quantity") or 0)) for item in lines), Decimal(0))
    name = f"Quote # {quote.number or ''} [{display_name(client, documents.live_contacts(session, client.id))}]"
    project = projects.create(session, ctx, RequestInput(data={
        "client_id": ids.encode(client.id), "name": name, "public_notes": quote.public_notes or "",
        "private_notes": quote.private_notes or "", "budgeted_hours": format(hours, "f"),
        "task_rate": str(settings.get("default_task_rate", 0) or 0),
    }))
    quote.project_id = project.id
    for item in lines:
        tasks.create(session, ctx, RequestInput(data={
            "client_id": ids.encode(client.id), "project_id": ids.encode(project.id),
            "description": str(item.get("notes") or ""), "rate": str(item.get("cost") or 0),
        }))
    session.flush()
    return project
