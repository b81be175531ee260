"""One cycle of a recurring document: what it generates, and how its schedule moves on.

This follows upstream's SendRecurring and RecurringInvoiceToInvoiceFactory: the new document copies
the recurring one's money and lines (date keywords resolved for the client at the cycle's send
moment), is dated the cycle's day in the client's calendar, takes its due date from
`due_date_days`, gets the recurring document's contacts as invitations, and is marked sent and
e-mailed when `auto_email_invoice` is on (auto-billed first where `auto_bill` and `auto_bill_date`
say so). Nothing here commits.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import service as activities
from ninja_api.billing import emails, invitations, keywords, repository
from ninja_api.billing import service as documents
from ninja_api.billing.kind import DocumentKind
from ninja_api.billing.settings import ClientSettings
from ninja_api.http.auth import AuthContext
from ninja_api.models import Client
from ninja_api.recurring import schedule
from ninja_api.recurring.kind import RecurringKind

DRAFT, SENT = 1, 2
STALE_AFTER = timedelta(days=3)
COPIED = ("discount", "is_amount_discount", "po_number", "private_notes", "tax_name1", "tax_rate1", "tax_name2",
          "tax_rate2", "tax_name3", "tax_rate3", "total_taxes", "subscription_id", "custom_value1", "custom_value2",
          "custom_value3", "custom_value4", "amount", "uses_inclusive_taxes", "custom_surcharge1",
          "custom_surcharge2", "custom_surcharge3", "custom_surcharge4", "custom_surcharge_tax1",
          "custom_surcharge_tax2", "custom_surcharge_tax3", "custom_surcharge_tax4", "user_id", "assigned_user_id",
          "company_id", "design_id")


@dataclass(frozen=True)
class Cycle:
    """The send being made: the client's day (the new document's date) and the UTC moment it was due."""

    day: date
    moment: datetime


def next_cycle(doc, settings: ClientSettings, now: datetime) -> tuple[Cycle, dict]:
    """The send due now, and the schedule after it (upstream's nextSendDate, nextSendDateClient,
    remainingCycles, last_sent_date)."""
    day = schedule.client_day(doc)
    cycle = Cycle(day=day or now.date(), moment=doc.next_send_date or now)
    if settings.company.stop_on_unpaid_recurring and doc.next_send_date and doc.next_send_date < now - STALE_AFTER:
        # Held back by an unpaid invoice for long: this send and the schedule restart from today.
        day = now.date()
        cycle = Cycle(day=day, moment=now)
    following = schedule.advance(day, doc.frequency_id) if day is not None else None
    cycles = schedule.remaining_after_send(doc.remaining_cycles)
    values = {
        "next_send_date_client": datetime.combine(following, time()) if following else None,
        "next_send_date": schedule.send_moment(settings, following) if following else None,
        "remaining_cycles": cycles,
        "last_sent_date": now,
    }
    if cycles == 0:
        values.update(status_id=schedule.COMPLETED, next_send_date=None)
    return cycle, values


def blocked_by_unpaid(session: Session, kind: RecurringKind, doc, settings: ClientSettings) -> bool:
    """stop_on_unpaid_recurring: no new invoice while one generated before is still owed."""
    if not settings.company.stop_on_unpaid_recurring or kind.target.entity != "invoice":
        return False
    target = kind.target.model
    owed = select(target.id).where(target.recurring_id == doc.id, target.status_id.in_((2, 3)),
                                   target.is_deleted.is_(False), target.balance > 0).limit(1)
    return session.scalar(owed) is not None


def _texts(value: str | None, settings: ClientSettings, moment: datetime) -> str | None:
    return keywords.expand(value, settings, moment) if value else None


def _lines(items, settings: ClientSettings, moment: datetime) -> list:
    lines = []
    for item in items or []:
        item = dict(item)
        if "notes" in item:
            item["notes"] = keywords.expand(item["notes"], settings, moment)
        lines.append(item)
    return lines


def build(kind: RecurringKind, doc, client: Client, settings: ClientSettings, cycle: Cycle):
    """The unsaved draft a cycle generates (upstream's RecurringInvoiceToInvoiceFactory)."""
    target: DocumentKind = kind.target
    new = target.model()
    for name in COPIED:
        setattr(new, name, getattr(doc, name))
    # Upstream resolves these three at the moment its job runs and the lines at the send moment;
    # on time the two agree, and a cycle caught up late reads as of its own moment here.
    new.footer = _texts(doc.footer, settings, cycle.moment)
    new.terms = _texts(doc.terms, settings, cycle.moment)
    new.public_notes = _texts(doc.public_notes, settings, cycle.moment)
    new.line_items = _lines(doc.line_items, settings, cycle.moment)
    new.status_id, new.balance, new.paid_to_date, new.is_deleted = DRAFT, Decimal(0), Decimal(0), False
    new.recurring_id, new.client_id = doc.id, client.id
    new.exchange_rate = settings.exchange_rate()
    new.date = cycle.day
    due = schedule.due_date(settings, doc.due_date_days, cycle.day)
    new.due_date = datetime.combine(due, time()) if due and "due_date" in target.datetime_columns else due
    if hasattr(new, "auto_bill_enabled"):
        new.auto_bill_enabled = doc.auto_bill_enabled
    if hasattr(new, "is_proforma"):
        new.is_proforma = bool(doc.is_proforma)
    return new


def _fill_defaults(session: Session, ctx: AuthContext, target: DocumentKind, new, client: Client,
                   settings: ClientSettings) -> None:
    """Upstream's fillDefaults: design, footer, terms and notes from the settings when the cycle has none."""
    if not new.design_id:
        new.design_id = ids.decode(settings.get(f"{target.entity}_design_id", "Wpmbk5ezJn"))
    if not new.footer:
        new.footer = str(settings.get(f"{target.entity}_footer") or "") or None
    if not new.terms:
        new.terms = str(settings.get(f"{target.entity}_terms") or "") or None
    if not new.public_notes:
        new.public_notes = client.public_notes or None
    if settings.get("counter_number_applied", "when_saved") == "when_saved":
        documents.apply_number(session, ctx, target, new, client, settings)


def _invite(session: Session, ctx: AuthContext, kind: RecurringKind, doc, new) -> None:
    """The recurring document's live contacts, invited to the new one (at least one, as every document)."""
    invitations.sync(session, ctx, kind.document, doc, None)
    live = {c.id for c in repository.live_contacts(session, doc.client_id)}
    for invitation in repository.invitations_of(session, kind.document, [doc.id]).get(doc.id, []):
        if invitation.client_contact_id in live:
            invitations.invite(session, ctx, kind.target, new, invitation.client_contact_id)
    session.flush()
    invitations.sync(session, ctx, kind.target, new, None)


def mark_quote_sent(session: Session, ctx: AuthContext, quote) -> bool:
    """A generated quote goes out: sent, its balance its amount, its invitations stamped."""
    from ninja_api.quotes.kind import QUOTE

    if quote.status_id != DRAFT or quote.is_deleted:
        return False
    client = session.get(Client, quote.client_id)
    invitations.mark_sent_now(session, QUOTE, quote)
    quote.status_id, quote.balance = SENT, quote.amount
    documents.apply_number(session, ctx, QUOTE, quote, client, ClientSettings(session, ctx.company, client))
    return True


def send(session: Session, ctx: AuthContext, kind: RecurringKind, doc, cycle: Cycle, now: datetime):
    """Generate the document of one cycle. The caller has already moved the schedule on."""
    client = session.get(Client, doc.client_id)
    settings = ClientSettings(session, ctx.company, client)
    target = kind.target
    new = build(kind, doc, client, settings, cycle)
    session.add(new)
    session.flush()
    _fill_defaults(session, ctx, target, new, client, settings)
    _invite(session, ctx, kind, doc, new)
    activities.record(session, ctx, target.activities.create, client_id=client.id, **{target.parent_key: new.id},
                      **{kind.document.parent_key: doc.id})
    if target.entity == "invoice":
        _deliver_invoice(session, ctx, doc, new, settings, now)
    elif settings.flag("auto_email_invoice"):
        mark_quote_sent(session, ctx, new)
        emails.send(session, ctx, target, new, target.entity, mark_sent=mark_quote_sent)
    session.flush()
    return new


def _deliver_invoice(session: Session, ctx: AuthContext, doc, invoice, settings: ClientSettings,
                     now: datetime) -> None:
    from ninja_api.invoices import actions, billing
    from ninja_api.invoices import emails as invoice_emails

    auto_email = settings.flag("auto_email_invoice")
    if auto_email:
        actions.mark_sent(session, ctx, invoice)
    if doc.auto_bill == "always":
        invoice.auto_bill_enabled = True
    elif doc.auto_bill == "off":
        invoice.auto_bill_enabled = False
    if not auto_email:
        return
    when = settings.get("auto_bill_date", "on_due_date")
    bill_now = invoice.auto_bill_enabled and (
        when == "on_send_date" or (when == "on_due_date" and invoice.due_date is not None
                                   and invoice.due_date <= now.date()))
    if not bill_now:
        invoice_emails.send(session, ctx, invoice, "invoice")
        return
    billing.auto_bill(session, ctx, invoice)
    # Upstream leaves the e-mail to the payment notification; without gateways there is no charge,
    # so an invoice still owed is e-mailed as any other.
    if not settings.flag("client_online_payment_notification") or invoice.balance > 0:
        invoice_emails.send(session, ctx, invoice, "invoice")
