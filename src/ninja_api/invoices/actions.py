"""Invoice state transitions with their effects on balances, payments, activities and ledger."""

from datetime import timedelta
from decimal import Decimal


from sqlalchemy.orm import Session

from ninja_api.activities import service as activities
from ninja_api.billing import invitations
from ninja_api.billing import repository as documents
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.invoices import repository
from ninja_api.invoices.kind import INVOICE
from ninja_api.billing.settings import ClientSettings
from ninja_api.invoices.service import (
    CANCELLED, DRAFT, PAID, PARTIAL, SENT, _apply_number, adjust_client, refresh_client_balance,
)
from ninja_api.models import Client, Invoice, Payment, Quote
from ninja_api.numbering import lock_company
from ninja_api.webhooks import events as webhook_events
from ninja_api.payments import service as payments

PAYABLE = (DRAFT, SENT, PARTIAL)
QUOTE_SENT = 2
DELETED_SUFFIX = "_Deleted"


def _client(session: Session, invoice: Invoice) -> Client:
    return session.get(Client, invoice.client_id)


def mark_sent(session: Session, ctx: AuthContext, invoice: Invoice, *, record: bool = True) -> bool:
    if invoice.status_id != DRAFT or invoice.is_deleted:
        return False
    lock_company(session, ctx.company)
    client = _client(session, invoice)
    settings = ClientSettings(session, ctx.company, client)
    invoice.status_id = SENT
    invoice.balance = (invoice.balance or Decimal(0)) + invoice.amount
    _apply_number(session, ctx, invoice, client, settings)
    terms = str(settings.get("payment_terms", "") or "")
    if terms.lstrip("-").isdigit() and invoice.date:
        due = invoice.date + timedelta(days=int(terms))
        if invoice.partial and invoice.partial > 0 and not invoice.partial_due_date:
            invoice.partial_due_date = due
        elif not invoice.due_date:
            invoice.due_date = due
    invoice.exchange_rate = settings.exchange_rate()
    invitations.mark_sent_now(session, INVOICE, invoice)
    refresh_client_balance(session, ctx, client, invoice, "Invoice marked as sent")
    if record:
        activities.record(session, ctx, activities.MARK_SENT_INVOICE, client_id=client.id, invoice_id=invoice.id)
    webhook_events.fire(session, invoice, "sent")
    return True


def can_mark_paid(invoice: Invoice) -> bool:
    return invoice.status_id != PAID and not invoice.is_deleted


def mark_paid(session: Session, ctx: AuthContext, invoice: Invoice, reference: str | None = None) -> Payment | None:
    client = payments.lock_for_invoice(session, ctx, invoice)
    if not can_mark_paid(invoice) or invoice.status_id in (CANCELLED,):
        return None
    mark_sent(session, ctx, invoice)
    payment = payments.pay_invoice(session, ctx, invoice, client, reference)
    activities.record(session, ctx, activities.PAID_INVOICE, client_id=client.id, invoice_id=invoice.id,
                      payment_id=payment.id)
    session.flush()
    return payment


def apply_amount(session: Session, ctx: AuthContext, invoice: Invoice, amount: Decimal, reference: str | None = None) -> None:
    """`amount_paid=X`: a manual payment of X against the invoice, over-payment included."""
    if invoice.is_deleted:
        return
    client = payments.lock_for_invoice(session, ctx, invoice)
    mark_sent(session, ctx, invoice)
    if invoice.status_id == PAID or amount == 0:
        return
    payment = payments.pay_amount(session, ctx, invoice, client, amount, reference)
    # Upstream fires "invoice paid" for any amount paid this way.
    activities.record(session, ctx, activities.PAID_INVOICE, client_id=client.id, invoice_id=invoice.id,
                      payment_id=payment.id)
    session.flush()


def cancel(session: Session, ctx: AuthContext, invoice: Invoice) -> bool:
    if invoice.status_id not in (SENT, PARTIAL) or invoice.is_deleted or invoice.deleted_at is not None:
        return False
    client = _client(session, invoice)
    backup = dict(invoice.backup or {})
    backup["cancellation"] = {"adjustment": float(-invoice.balance), "status_id": invoice.status_id}
    invoice.backup = backup
    invoice.balance = Decimal(0)
    invoice.status_id = CANCELLED
    refresh_client_balance(session, ctx, client, invoice, "Invoice cancelled")
    activities.record(session, ctx, activities.CANCELLED_INVOICE, client_id=client.id, invoice_id=invoice.id)
    if ClientSettings(session, ctx.company, client).flag("auto_archive_invoice_cancelled"):
        lifecycle.archive(invoice)
    return True


def archive(session: Session, ctx: AuthContext, invoice: Invoice) -> None:
    if lifecycle.archive(invoice):
        activities.record(session, ctx, activities.ARCHIVE_INVOICE, client_id=invoice.client_id, invoice_id=invoice.id)


def _free_number(session: Session, company_id: int, number: str) -> str:
    candidate, n = f"{number}{DELETED_SUFFIX}", 0
    while documents.number_taken(session, Invoice, company_id, candidate):
        n += 1
        candidate = f"{number}{DELETED_SUFFIX}_{n}"
    return candidate


def delete(session: Session, ctx: AuthContext, invoice: Invoice) -> None:
    """Deleting takes the invoice out of the client's balance and its payments' totals."""
    if invoice.is_deleted:
        return
    client = payments.lock_for_invoice(session, ctx, invoice)
    if invoice.number:
        invoice.number = _free_number(session, ctx.company_id, invoice.number)
    paid_back = payments.detach_invoice(session, ctx, invoice, client)
    adjust_client(session, ctx, client, invoice, balance=-invoice.balance, paid=-paid_back, note="Invoice deleted")
    # A quote converted into this invoice is sent again, free to be converted anew.
    for quote in repository.quotes_converted_to(session, invoice.id):
        quote.invoice_id = None
        quote.status_id = QUOTE_SENT
    lifecycle.delete(invoice)
    activities.record(session, ctx, activities.DELETE_INVOICE, client_id=client.id, invoice_id=invoice.id)
    session.flush()


def restore(session: Session, ctx: AuthContext, invoice: Invoice) -> None:
    if invoice.deleted_at is None and not invoice.is_deleted:
        return
    if not invoice.is_deleted:
        lifecycle.restore(invoice)
        activities.record(session, ctx, activities.RESTORE_INVOICE, client_id=invoice.client_id, invoice_id=invoice.id)
        return
    client = payments.lock_for_invoice(session, ctx, invoice)
    if payments.restore_refused(session, invoice):
        return  # upstream refuses: the invoice stays deleted
    payments.reattach_invoice(session, ctx, invoice, client)
    if invoice.number and DELETED_SUFFIX in invoice.number:
        original = invoice.number.split(DELETED_SUFFIX)[0]
        if not documents.number_taken(session, Invoice, ctx.company_id, original, invoice.id):
            invoice.number = original
        else:
            invoice.number = None
            settings = ClientSettings(session, ctx.company, client)
            _apply_number(session, ctx, invoice, client, settings)
    adjust_client(session, ctx, client, invoice, balance=invoice.balance, paid=invoice.paid_to_date or Decimal(0),
                  note="Invoice restored")
    lifecycle.restore(invoice)
    activities.record(session, ctx, activities.RESTORE_INVOICE, client_id=client.id, invoice_id=invoice.id)
    session.flush()


def clone(invoice: Invoice) -> Invoice:
    """An unsaved copy, as `clone_to_invoice` renders it: no id, number or dates, draft."""
    copy = Invoice()
    for column in Invoice.__table__.columns:
        setattr(copy, column.key, getattr(invoice, column.key))
    copy.id = None
    copy.number = None
    copy.status_id = DRAFT
    copy.date = None
    copy.due_date = None
    copy.partial_due_date = None
    copy.balance = Decimal(0)
    copy.paid_to_date = Decimal(0)
    copy.is_deleted = False
    copy.deleted_at = None
    copy.created_at = None
    copy.updated_at = None
    copy.last_sent_date = None
    return copy




QUOTE_COPIED = ("discount", "is_amount_discount", "po_number", "footer", "public_notes", "private_notes", "terms",
                "tax_name1", "tax_rate1", "tax_name2", "tax_rate2", "tax_rate3", "custom_value1", "custom_value2",
                "custom_value3", "custom_value4", "amount", "partial", "last_viewed", "line_items")


def clone_to_quote(invoice: Invoice) -> Quote:
    """An unsaved draft quote with upstream's selection of the invoice's fields.

    Upstream copies neither the client nor tax_name3 (but tax_rate3), and no exchange rate.
    """
    quote = Quote(status_id=DRAFT, number="", is_deleted=False)
    for name in QUOTE_COPIED:
        setattr(quote, name, getattr(invoice, name))
    return quote
