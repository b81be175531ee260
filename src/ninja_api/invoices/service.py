"""Invoice rules: create, update and what they trigger, on the shared document core; never commits."""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api.activities import service as activities
from ninja_api.billing import service as documents
from ninja_api.billing.settings import ClientSettings
from ninja_api.calc import updated_status
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ApiError
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import as_decimal, as_text
from ninja_api.invoices import repository
from ninja_api.invoices.kind import INVOICE
from ninja_api.models import Client, Invoice
from ninja_api.models.payment import INVOICE_TYPE
from ninja_api.products.service import update_from_line_items
from ninja_api.tasks.invoicing import link_tasks
from ninja_api.expenses.invoicing import link_expenses

DRAFT, SENT, PARTIAL, PAID, CANCELLED, REVERSED = 1, 2, 3, 4, 5, 6


def refresh_client_balance(session: Session, ctx: AuthContext, client: Client, invoice: Invoice, note: str) -> None:
    before = client.balance
    session.flush()
    client.balance = repository.open_balance(session, client.id)
    if client.balance != before:
        activities.ledger(session, ctx, client, client.balance - before, invoice.id, INVOICE_TYPE, note)


def adjust_client(session, ctx, client: Client, invoice: Invoice, balance: Decimal = Decimal(0),
                  paid: Decimal = Decimal(0), note: str = "") -> None:
    client.balance += balance
    client.paid_to_date += paid
    if balance:
        activities.ledger(session, ctx, client, balance, invoice.id, INVOICE_TYPE, note)


def blank(session: Session, ctx: AuthContext) -> Invoice:
    return documents.blank(ctx, INVOICE, auto_bill_enabled=False)


def _apply_number(session: Session, ctx: AuthContext, invoice: Invoice, client: Client, settings: ClientSettings) -> None:
    documents.apply_number(session, ctx, INVOICE, invoice, client, settings)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Invoice:
    def defaults(invoice: Invoice, settings: ClientSettings) -> None:
        invoice.auto_bill_enabled = settings.flag("auto_bill_standard_invoices")

    invoice, client, settings = documents.create(session, ctx, INVOICE, inp, defaults=defaults)
    _update_products(session, ctx, invoice, settings)
    link_tasks(session, invoice)
    link_expenses(session, invoice)
    if settings.get("counter_number_applied", "when_saved") == "when_saved":
        _apply_number(session, ctx, invoice, client, settings)
    session.flush()
    run_toggles(session, ctx, invoice, inp)
    return invoice


def _update_products(session: Session, ctx: AuthContext, invoice: Invoice, settings: ClientSettings) -> None:
    company_currency = str((ctx.company.settings or {}).get("currency_id") or "1")
    if ctx.company.update_products and settings.currency_id == company_currency:
        update_from_line_items(session, ctx, invoice.line_items or [], project_id=invoice.project_id,
                               vendor_id=invoice.vendor_id)


def is_locked(invoice: Invoice, settings: ClientSettings) -> bool:
    mode = settings.get("lock_invoices", "off")
    if mode == "when_sent":
        return invoice.status_id == SENT
    if mode == "when_paid":
        return invoice.status_id in (PARTIAL, PAID)
    if mode == "end_of_month" and invoice.date:
        today = settings.today()
        return (invoice.date.year, invoice.date.month) < (today.year, today.month)
    return False


def update(session: Session, ctx: AuthContext, invoice: Invoice, inp: RequestInput) -> Invoice:
    from ninja_api.payments.service import lock_for_invoice

    # An update recomputes the balance from what is paid, and may pay (`amount_paid`): lock the
    # company, the invoice and the client, read them again, and only then decide.
    client = lock_for_invoice(session, ctx, invoice)
    if is_locked(invoice, ClientSettings(session, ctx.company, client)):
        raise ApiError(422, {"message": "", "errors": {"number": "This invoice is locked and unable to be modified"}})
    client, settings = documents.update(session, ctx, INVOICE, invoice, inp)
    _update_products(session, ctx, invoice, settings)
    link_tasks(session, invoice)
    link_expenses(session, invoice)
    if invoice.status_id != DRAFT:
        invoice.status_id = updated_status(invoice.status_id, invoice.balance, invoice.amount)
        refresh_client_balance(session, ctx, client, invoice, "Invoice updated")
    documents.finish_update(session, ctx, INVOICE, invoice, client, inp)
    run_toggles(session, ctx, invoice, inp)
    return invoice


def run_toggles(session: Session, ctx: AuthContext, invoice: Invoice, inp: RequestInput) -> None:
    """Actions a create or update asks for in its query or body, in upstream's order."""
    from ninja_api.invoices import actions, billing, emails

    if inp.flag("auto_bill"):
        billing.auto_bill(session, ctx, invoice)
    if inp.flag("paid"):
        actions.mark_paid(session, ctx, invoice, reference=as_text(inp.get("reference")))
    if inp.flag("mark_sent"):
        actions.mark_sent(session, ctx, invoice)
    amount_paid = as_decimal(inp.get("amount_paid")) if inp.get("amount_paid") is not None else None
    if amount_paid is not None:
        actions.apply_amount(session, ctx, invoice, amount_paid, reference=as_text(inp.get("reference")))
    if inp.flag("send_email"):
        emails.send(session, ctx, invoice, "invoice")
    if inp.flag("cancel"):
        actions.cancel(session, ctx, invoice)
    documents.save_defaults(ctx, INVOICE, invoice, inp)
    session.flush()


def delete(session: Session, ctx: AuthContext, invoice: Invoice) -> None:
    from ninja_api.invoices import actions

    actions.delete(session, ctx, invoice)
