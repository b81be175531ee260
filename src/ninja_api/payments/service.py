"""Payment rules: store, apply, refund, delete; and the one way money moves onto invoices. Never commits.

Every change of money on an invoice goes through `apply_to_invoice`, every new payment through
`new_payment`, every use of a credit through `apply_credit`. Invoice transitions (mark paid, amount
paid, auto-bill, delete, restore) call these instead of moving balances themselves.

Locks: a request that moves money takes the company row first (as numbering does), then the
payment, then the invoices, then the credits, then the client, each in id order, and reads them
again under the lock. Concurrent requests on the same company therefore queue, and each sees what
the one before it committed.
"""

import time
from datetime import timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import formatting, ids
from ninja_api.activities import service as activities
from ninja_api.billing import line_items
from ninja_api.billing.settings import ClientSettings, company_today
from ninja_api.calc import calculated_status, round_money
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import record_deleted
from ninja_api.http.input import RequestInput, is_true
from ninja_api.http.validation import as_date, as_decimal, as_int, as_text
from ninja_api.models import Client, Credit, Invoice, Payment, Paymentable
from ninja_api.models.base import utcnow
from ninja_api.models.payment import CREDIT_TYPE, INVOICE_TYPE
from ninja_api.numbering import lock_company, next_number
from ninja_api.payments import emails, repository, validation
from ninja_api.payments.duplicates import _raw as raw_number
from ninja_api.payments.repository import CANCELLED, COMPLETED, PARTIALLY_REFUNDED, REFUNDED
from ninja_api.payments.validation import Lookups, RefundLookups, entries, number_or_zero, php_number
from ninja_api.statics.data import date_format, exchange_rate

PAYMENT_LEDGER = "App\\Models\\Payment"
DRAFT, SENT, PARTIAL, PAID, VOIDED = 1, 2, 3, 4, 5  # invoice statuses (5: cancelled)
CREDIT_DRAFT, CREDIT_SENT, CREDIT_PARTIAL, CREDIT_APPLIED = 1, 2, 3, 4
CREDIT_PAYMENT_TYPE = 32
MANUAL_ENTRY = "Manual entry"

# The three ways upstream lets money land on an invoice.
PAYMENT = "payment"  # an `invoices[]` entry: never more than the balance is consumed
MARK_PAID = "mark_paid"  # the whole balance; the partial is cleared
AMOUNT_PAID = "amount_paid"  # `amount_paid=X`: all of X, the balance may go below zero
LEDGER_NOTES = {PAYMENT: "ApplyPaymentInvoice", MARK_PAID: "Marked Paid Activity", AMOUNT_PAID: "ApplyPaymentInvoice-"}

# Activity ids (app/Models/Activity.php).
CREATE_PAYMENT, UPDATE_PAYMENT, ARCHIVE_PAYMENT, DELETE_PAYMENT = 10, 11, 12, 13
RESTORE_PAYMENT, REFUNDED_PAYMENT = 27, 40
ARCHIVE_INVOICE, PAID_INVOICE = 8, 54

TEXT_COLUMNS = ("transaction_reference", "private_notes", "number", "custom_value1", "custom_value2",
                "custom_value3", "custom_value4", "idempotency_key")
HASHED_COLUMNS = ("assigned_user_id", "category_id")


# --- locks ----------------------------------------------------------------------------------------


def lock_for_invoice(session: Session, ctx: AuthContext, invoice: Invoice) -> Client:
    """Before money moves on one invoice: the company, the invoice, its client, read again under lock."""
    lock_company(session, ctx.company)
    repository.lock(session, Invoice, [invoice.id])
    return repository.lock_one(session, Client, invoice.client_id)


# --- small pieces ---------------------------------------------------------------------------------


def _decoded(value):
    """A hashed id from the body: its number, or the text itself when it does not decode (it then
    matches nothing, as upstream's failed decode does). Raw integers are taken as ids, as upstream."""
    if isinstance(value, str):
        decoded = ids.decode(value)
        return decoded if decoded is not None else value
    if isinstance(value, bool) or not isinstance(value, (int, type(None))):
        return "invalid"
    return value


def _ledger(session: Session, ctx: AuthContext, client: Client, adjustment: Decimal, entity_id: int,
            entity_type: str, note: str) -> None:
    activities.ledger(session, ctx, client, adjustment, entity_id, entity_type, note)


def refresh_payment_balance(session: Session, client: Client) -> None:
    """Upstream recomputes the client's unapplied money after every payment event."""
    session.flush()
    client.payment_balance = repository.unapplied_total(session, client.id)


def _refresh_credit_balance(session: Session, client: Client) -> None:
    from ninja_api.credits.actions import refresh_credit_balance

    refresh_credit_balance(session, client)


def _mark_credit_sent(session: Session, ctx: AuthContext, credit: Credit) -> None:
    from ninja_api.credits.actions import mark_sent

    mark_sent(session, ctx, credit)


def _mark_invoice_sent(session: Session, ctx: AuthContext, invoice: Invoice) -> None:
    from ninja_api.invoices.actions import mark_sent

    mark_sent(session, ctx, invoice)


def _set_currency(payment: Payment, ctx: AuthContext, settings: ClientSettings, requested_rate) -> None:
    """The client's currency; in another currency than the company's, the rate to the company's."""
    company_currency = str((ctx.company.settings or {}).get("currency_id") or "1")
    client_currency = settings.currency_id
    payment.currency_id = int(client_currency) if client_currency.isdigit() else int(company_currency)
    if requested_rate is not None and requested_rate != 1:
        payment.exchange_rate = requested_rate
        return
    if company_currency != client_currency:
        payment.exchange_rate = exchange_rate(client_currency, company_currency)
        payment.exchange_currency_id = int(company_currency)
    elif requested_rate is not None:
        payment.exchange_rate = requested_rate


# --- invoices -------------------------------------------------------------------------------------


def _update_balance(invoice: Invoice, adjustment: Decimal) -> None:
    """Upstream's updateBalance: a deleted invoice keeps its balance; zero at 2 dp means paid."""
    if invoice.is_deleted:
        return
    invoice.balance += adjustment
    if round_money(invoice.balance, 2) == 0:
        invoice.status_id = PAID
    if int(invoice.balance) == 0:
        invoice.next_send_date = None


def _due_date_if_empty(invoice: Invoice, settings: ClientSettings) -> None:
    terms = settings.get("payment_terms", "")
    if invoice.due_date or terms in ("", None):
        return
    due = (invoice.date or settings.today()) + timedelta(days=as_int(terms) or 0)
    if (invoice.partial or 0) > 0 and not invoice.partial_due_date:
        invoice.partial_due_date = due
    else:
        invoice.due_date = due


def _reset_reminders(invoice: Invoice) -> None:
    """After a partial was paid: no partial left means no partial due date and fresh reminders."""
    if not invoice.partial:
        invoice.partial_due_date = None
        if invoice.balance > 0:
            invoice.reminder1_sent = invoice.reminder2_sent = invoice.reminder3_sent = None


def _clear_partial(invoice: Invoice) -> None:
    invoice.partial = None
    invoice.partial_due_date = None


def _settle_payment(invoice: Invoice, amount: Decimal, settings: ClientSettings) -> Decimal:
    """§6.6 step 3 (upstream's ApplyPayment): returns what the invoice consumed."""
    if (invoice.partial or 0) > 0:
        if amount >= invoice.partial:
            _clear_partial(invoice)
            _due_date_if_empty(invoice, settings)
            invoice.status_id = PARTIAL
        else:
            invoice.partial -= amount
        _update_balance(invoice, -amount)
        invoice.paid_to_date += amount
        _reset_reminders(invoice)
        return amount
    if amount == invoice.balance:
        invoice.status_id, consumed = PAID, amount
    elif amount < invoice.balance:
        invoice.status_id, consumed = PARTIAL, amount
    else:
        invoice.status_id, consumed = PAID, invoice.balance
    _clear_partial(invoice)
    _update_balance(invoice, -consumed)
    invoice.paid_to_date += consumed
    return consumed


def _settle_all(invoice: Invoice, amount: Decimal) -> Decimal:
    _clear_partial(invoice)
    _update_balance(invoice, -amount)
    invoice.paid_to_date += amount
    invoice.status_id = PAID
    invoice.next_send_date = None
    return amount


def _settle_amount(invoice: Invoice, amount: Decimal) -> Decimal:
    had_partial = (invoice.partial or 0) > 0
    _update_balance(invoice, -amount)
    invoice.paid_to_date += amount
    invoice.status_id = calculated_status(invoice.balance, invoice.amount)
    if had_partial:
        invoice.partial = max(Decimal(0), invoice.partial - amount)
        _reset_reminders(invoice)
    if invoice.balance == 0:
        invoice.next_send_date = None
    return amount


def _auto_archive(session: Session, ctx: AuthContext, invoice: Invoice, settings: ClientSettings) -> None:
    if invoice.status_id == PAID and settings.flag("auto_archive_invoice") and lifecycle.archive(invoice):
        activities.record(session, ctx, ARCHIVE_INVOICE, client_id=invoice.client_id, invoice_id=invoice.id)


def apply_to_invoice(session: Session, ctx: AuthContext, payment: Payment, invoice: Invoice, client: Client,
                     amount: Decimal | None = None, *, rule: str = PAYMENT) -> Decimal:
    """Put `amount` of `payment` on `invoice` (a draft is marked sent first; None: its whole balance).

    Writes the pivot row, moves the invoice's balance, paid to date and status by `rule`, lowers the
    client's balance by what the invoice consumed and books it on the ledger. The payment's
    `applied` and the client's paid to date are the caller's (they count the request, not the
    invoice). Returns what the invoice consumed."""
    _mark_invoice_sent(session, ctx, invoice)
    settings = ClientSettings(session, ctx.company, client)
    if amount is None:
        amount = invoice.balance
    session.add(Paymentable(payment_id=payment.id, paymentable_id=invoice.id, paymentable_type=INVOICE_TYPE,
                            amount=amount, refunded=Decimal(0)))
    if rule == MARK_PAID:
        consumed = _settle_all(invoice, amount)
    elif rule == AMOUNT_PAID:
        consumed = _settle_amount(invoice, amount)
    else:
        consumed = _settle_payment(invoice, amount, settings)
    client.balance -= consumed
    _ledger(session, ctx, client, -consumed, payment.id, PAYMENT_LEDGER, LEDGER_NOTES[rule])
    _auto_archive(session, ctx, invoice, settings)
    return consumed


# --- credits --------------------------------------------------------------------------------------


def apply_credit(session: Session, ctx: AuthContext, payment: Payment, credit: Credit, client: Client,
                 amount: Decimal, invoice_numbers: str | None = None) -> None:
    """Spend `amount` of a credit in a payment (§6.6 step 4).

    The credit's balance drops and its paid to date rises; a documentary line (quantity 0) says
    which invoices it paid, so its amount stays. The invoice entries of the same payment already
    consumed the money: the credit only lets the payment's own amount be smaller."""
    session.add(Paymentable(payment_id=payment.id, paymentable_id=credit.id, paymentable_type=CREDIT_TYPE,
                            amount=amount, refunded=Decimal(0)))
    _mark_credit_sent(session, ctx, credit)
    settings = ClientSettings(session, ctx.company, client)
    if invoice_numbers is None:
        session.flush()
        invoice_numbers = ",".join(repository.invoice_numbers(session, payment.id))
    shown_date = formatting.day(payment.date, date_format(str(settings.get("date_format_id", "1") or "1")))
    note = f"{shown_date} - Credit applied to Invoice {invoice_numbers} {settings.money(amount)}"
    credit.line_items = list(credit.line_items or []) + line_items.clean(
        [{"quantity": 0, "cost": -amount, "notes": note, "type_id": "1"}])
    credit.paid_to_date = (credit.paid_to_date or Decimal(0)) + amount
    if amount == credit.balance:
        credit.status_id = CREDIT_APPLIED
        credit.balance -= amount
    elif amount < credit.balance:
        credit.status_id = CREDIT_PARTIAL
        credit.balance -= amount
    # More than its balance (only an update can ask it): upstream changes the balance not at all.
    _refresh_credit_balance(session, client)


def _give_back(credit: Credit, amount: Decimal) -> None:
    credit.balance += amount
    credit.paid_to_date = (credit.paid_to_date or Decimal(0)) - amount
    credit.status_id = CREDIT_SENT


# --- new payments ---------------------------------------------------------------------------------


def new_payment(session: Session, ctx: AuthContext, client: Client, *, amount: Decimal,
                applied: Decimal = Decimal(0), credits_total: Decimal = Decimal(0), reference: str | None = None,
                type_id: int | None = None, columns: dict | None = None, requested_rate=None,
                manual: bool = True) -> Payment:
    """The one place a payment row is created: completed, numbered, in the client's currency.

    The client's paid to date rises by the whole amount (applied or not) plus the credits spent."""
    settings = ClientSettings(session, ctx.company, client)
    payment = Payment(
        company_id=ctx.company_id, user_id=ctx.user_id, client_id=client.id, status_id=COMPLETED,
        amount=amount, applied=applied, refunded=Decimal(0), is_manual=manual, is_deleted=False,
        transaction_reference=reference, type_id=type_id, date=company_today(ctx.company), exchange_rate=Decimal(1),
    )
    for name, value in (columns or {}).items():
        setattr(payment, name, value)
    _set_currency(payment, ctx, settings, requested_rate)
    client.paid_to_date += amount + credits_total
    session.add(payment)
    session.flush()
    if not payment.number:
        payment.number = next_number(session, ctx.company, "payment", Payment, client=client, group=settings.group,
                                     user_id=ctx.user_id, append_counter=True)
    return payment


def _created(session: Session, ctx: AuthContext, payment: Payment, client: Client, first_invoice: int | None,
             send_receipt: bool) -> None:
    activities.record(session, ctx, CREATE_PAYMENT, client_id=client.id, invoice_id=first_invoice,
                      payment_id=payment.id)
    if send_receipt:
        emails.send_receipt(session, ctx, payment, client)
    refresh_payment_balance(session, client)


def _client_type_id(settings: ClientSettings) -> int | None:
    value = as_int(settings.get("payment_type_id", "0"))
    return value if value and value > 0 else None


CREDIT_PAYMENT_TYPE = 32


def settle_credit(session: Session, ctx: AuthContext, credit: Credit, client: Client, amount: Decimal) -> Payment:
    """A settled credit (balance ≤ 0, marked paid): a "Credit" payment of that balance, pivoted to the credit."""
    payment = new_payment(session, ctx, client, amount=amount, applied=amount, type_id=CREDIT_PAYMENT_TYPE)
    session.add(Paymentable(payment_id=payment.id, paymentable_id=credit.id, paymentable_type=CREDIT_TYPE,
                            amount=amount, refunded=Decimal(0)))
    activities.record(session, ctx, CREATE_PAYMENT, client_id=client.id, credit_id=credit.id, payment_id=payment.id)
    refresh_payment_balance(session, client)
    return payment


def pay_invoice(session: Session, ctx: AuthContext, invoice: Invoice, client: Client,
                reference: str | None = None) -> Payment:
    """Mark paid (§6.4): a payment of the whole balance. The caller locked and marked it sent."""
    settings = ClientSettings(session, ctx.company, client)
    payable = invoice.balance
    payment = new_payment(session, ctx, client, amount=payable, applied=payable,
                          reference=reference or MANUAL_ENTRY, type_id=_client_type_id(settings))
    apply_to_invoice(session, ctx, payment, invoice, client, payable, rule=MARK_PAID)
    _created(session, ctx, payment, client, invoice.id, settings.flag("send_email_on_mark_paid"))
    return payment


def pay_amount(session: Session, ctx: AuthContext, invoice: Invoice, client: Client, amount: Decimal,
               reference: str | None = None) -> Payment:
    """`amount_paid=X` (§6.5): a payment of X, all of it on the invoice. The caller locked and marked it sent."""
    settings = ClientSettings(session, ctx.company, client)
    payment = new_payment(session, ctx, client, amount=amount, applied=min(amount, invoice.balance),
                          reference=reference or MANUAL_ENTRY)
    apply_to_invoice(session, ctx, payment, invoice, client, amount, rule=AMOUNT_PAID)
    _created(session, ctx, payment, client, invoice.id, settings.flag("client_manual_payment_notification"))
    return payment


def pay_from_statement(session: Session, ctx: AuthContext, client: Client, invoices: list[Invoice], amount: Decimal,
                       *, reference: str | None, date, currency_id: int | None, transaction_id: int) -> Payment | None:
    """A bank credit matched to invoices: one payment of the whole line, spread over the invoices in
    order, each taking at most its balance; what is left stays unapplied on the payment.

    The caller locked the invoices and checked that each is payable. None when no invoice had a
    balance to take any of it (upstream would book an empty payment)."""
    shares: list[tuple[Invoice, Decimal]] = []
    available = amount
    for invoice in invoices:
        _mark_invoice_sent(session, ctx, invoice)
        share = min(invoice.balance, available)
        if share > 0:
            shares.append((invoice, share))
            available -= share
    if not shares:
        return None
    applied = sum((share for _, share in shares), Decimal(0))
    payment = new_payment(session, ctx, client, amount=amount, applied=applied, reference=reference, manual=False,
                          columns={"transaction_id": transaction_id, "date": date or company_today(ctx.company)})
    if currency_id:
        payment.currency_id = currency_id  # the statement's currency, as upstream books it
    for invoice, share in shares:
        apply_to_invoice(session, ctx, payment, invoice, client, share)
    _created(session, ctx, payment, client, shares[0][0].id,
             ClientSettings(session, ctx.company, client).flag("send_email_on_mark_paid"))
    return payment


def apply_existing(session: Session, ctx: AuthContext, payment: Payment, client: Client,
                   invoices: list[tuple[Invoice, Decimal]], credits: list[tuple[Credit, Decimal]] = ()) -> None:
    """Apply an existing payment's unapplied money (§6.7): the steps of a new one without its paid to date."""
    payment.is_manual = True
    payment.status_id = COMPLETED
    for invoice, amount in invoices:
        apply_to_invoice(session, ctx, payment, invoice, client, amount)
    for credit, amount in credits:
        apply_credit(session, ctx, payment, credit, client, amount)
    payment.applied += sum((a for _, a in invoices), Decimal(0)) - sum((a for _, a in credits), Decimal(0))


# --- auto-bill --------------------------------------------------------------------------------------


def pay_with_credits(session: Session, ctx: AuthContext, invoice: Invoice, client: Client) -> None:
    """Auto-bill's first step (§6.18): the client's credits pay the invoice, in a payment of amount 0."""
    credits = repository.usable_credits(session, client.id)
    if int(sum((c.balance for c in credits), Decimal(0))) == 0:
        return
    by_partial = (invoice.partial or 0) > 0
    used: list[tuple[Credit, Decimal]] = []
    for credit in credits:
        if by_partial:
            if credit.balance > invoice.partial:
                used.append((credit, invoice.partial))
                invoice.balance -= invoice.partial
                invoice.paid_to_date += invoice.partial
                invoice.partial = Decimal(0)
                break
            used.append((credit, credit.balance))
            invoice.partial -= credit.balance
        else:
            if credit.balance > invoice.balance:
                used.append((credit, invoice.balance))
                invoice.paid_to_date += invoice.balance
                invoice.balance = Decimal(0)
                break
            used.append((credit, credit.balance))
        invoice.balance -= credit.balance
        invoice.paid_to_date += credit.balance
    total = sum((a for _, a in used), Decimal(0))
    settings = ClientSettings(session, ctx.company, client)
    payment = new_payment(session, ctx, client, amount=Decimal(0), type_id=CREDIT_PAYMENT_TYPE, manual=False)
    session.add(Paymentable(payment_id=payment.id, paymentable_id=invoice.id, paymentable_type=INVOICE_TYPE,
                            amount=total, refunded=Decimal(0)))
    invoice.status_id = calculated_status(invoice.balance, invoice.amount)
    fmt = date_format(str(settings.get("date_format_id", "1") or "1"))
    for credit, amount in used:
        session.add(Paymentable(payment_id=payment.id, paymentable_id=credit.id, paymentable_type=CREDIT_TYPE,
                                amount=amount, refunded=Decimal(0)))
        note = (f"{formatting.day(payment.date, fmt)} - Credit applied to Invoice {invoice.number or ''} "
                f"{settings.money(amount)}")
        credit.line_items = list(credit.line_items or []) + line_items.clean(
            [{"quantity": 0, "cost": -amount, "notes": note, "type_id": "1"}])
        credit.balance -= amount
        credit.paid_to_date = (credit.paid_to_date or Decimal(0)) + amount
        if int(credit.balance) == 0:
            credit.status_id = CREDIT_APPLIED
        elif credit.amount == credit.balance:
            credit.status_id = CREDIT_SENT
        elif credit.balance > 0:
            credit.status_id = CREDIT_PARTIAL
    client.balance -= total
    client.paid_to_date += total
    _ledger(session, ctx, client, -total, payment.id, PAYMENT_LEDGER, "AutoBill")
    last = used[-1][0].number if used else "unknown"
    _ledger(session, ctx, client, -total, invoice.id, INVOICE_TYPE,
            f"Credit {last} used to pay down Invoice {invoice.number or ''}")
    _refresh_credit_balance(session, client)
    activities.record(session, ctx, CREATE_PAYMENT, client_id=client.id, invoice_id=invoice.id, payment_id=payment.id)
    if invoice.balance == 0:
        activities.record(session, ctx, PAID_INVOICE, client_id=client.id, invoice_id=invoice.id,
                          payment_id=payment.id)
    _auto_archive(session, ctx, invoice, settings)
    refresh_payment_balance(session, client)


def apply_unapplied(session: Session, ctx: AuthContext, invoice: Invoice, client: Client) -> None:
    """Auto-bill's second step (§6.18): the client's unapplied payments, oldest first."""
    payments = repository.unapplied(session, client.id)
    if int(sum((p.amount - p.applied for p in payments), Decimal(0))) == 0:
        return
    by_partial = (invoice.partial or 0) > 0
    for payment in payments:
        left = payment.amount - payment.applied
        wanted = invoice.partial if by_partial else invoice.balance
        if wanted is None or wanted <= 0:
            break
        if left > wanted:
            apply_existing(session, ctx, payment, client, [(invoice, wanted)])
            break
        apply_existing(session, ctx, payment, client, [(invoice, left)])
        if int(invoice.balance) == 0:
            activities.record(session, ctx, PAID_INVOICE, client_id=client.id, invoice_id=invoice.id,
                              payment_id=payment.id)
            break
    refresh_payment_balance(session, client)


# --- the invoice side of invoice delete and restore ------------------------------------------------


def _shares(session: Session, pivots: list[Paymentable]) -> tuple[dict[int, Payment], dict[int, Decimal]]:
    payments = repository.lock(session, Payment, {p.payment_id for p in pivots})
    shares: dict[int, Decimal] = {}
    for pivot in pivots:
        shares[pivot.payment_id] = shares.get(pivot.payment_id, Decimal(0)) + pivot.amount - pivot.refunded
    return payments, shares


def _credit_part(session: Session, payment_id: int) -> Decimal:
    return sum((p.amount for p in repository.pivots(session, payment_id, CREDIT_TYPE)), Decimal(0))


def detach_invoice(session: Session, ctx: AuthContext, invoice: Invoice, client: Client) -> Decimal:
    """Invoice delete (§6.12): its pivots are trashed and its payments lose its share.

    When the shares are all the payments held, the payments are deleted too (status unchanged).
    Returns the sum of the shares, which the client's paid to date loses."""
    pivots = repository.invoice_pivots(session, invoice.id)
    payments, shares = _shares(session, pivots)
    paid_back = sum(shares.values(), Decimal(0))
    held = sum((p.amount - p.refunded for p in payments.values()), Decimal(0))
    now = utcnow()
    for pivot in pivots:
        pivot.deleted_at = now
    for payment_id, payment in payments.items():
        if payments and paid_back == held:
            payment.is_deleted = True
            payment.deleted_at = payment.deleted_at or now
        adjustment = shares[payment_id] - _credit_part(session, payment_id)
        payment.amount -= adjustment
        payment.applied -= adjustment
    if payments:
        refresh_payment_balance(session, client)
    return paid_back


def restore_refused(session: Session, invoice: Invoice) -> bool:
    """Upstream keeps a deleted invoice deleted when nothing was paid on it and one of its payments is deleted."""
    if (invoice.paid_to_date or 0) != 0:
        return False
    pivots = repository.invoice_pivots(session, invoice.id, include_trashed=True)
    payments = repository.lock(session, Payment, {p.payment_id for p in pivots})
    return any(p.is_deleted for p in payments.values())


def reattach_invoice(session: Session, ctx: AuthContext, invoice: Invoice, client: Client) -> None:
    """Invoice restore (§6.13): its trashed pivots come back and its payments regain its share."""
    pivots = [p for p in repository.invoice_pivots(session, invoice.id, include_trashed=True) if p.deleted_at]
    payments, shares = _shares(session, pivots)
    for pivot in pivots:
        pivot.deleted_at = None
    for payment_id, payment in payments.items():
        adjustment = shares[payment_id] - _credit_part(session, payment_id)
        payment.amount += adjustment
        payment.applied += adjustment
        payment.is_deleted = False
        payment.deleted_at = None
    if payments:
        refresh_payment_balance(session, client)


# --- POST /payments ---------------------------------------------------------------------------------


def prepare_store(ctx: AuthContext, raw: dict) -> dict:
    """StorePaymentRequest's preparation: ids decoded, amount inferred, date and key filled in."""
    data = dict(raw)
    for name in ("client_id", *HASHED_COLUMNS):
        if name in data:
            data[name] = _decoded(data[name])
    invoices_total, credits_total = Decimal(0), Decimal(0)
    for name, key in (("invoices", "invoice_id"), ("credits", "credit_id")):
        value = raw.get(name)
        if not isinstance(value, list):
            if name in data:
                data[name] = None
            continue
        prepared = []
        for entry in value:
            if isinstance(entry, dict):
                entry = dict(entry)
                counts = name == "invoices" or isinstance(entry.get(key), str)
                if isinstance(entry.get(key), str):
                    entry[key] = _decoded(entry[key])
                number = as_decimal(entry.get("amount"))
                if counts and number is not None:
                    if name == "invoices":
                        invoices_total += number
                    else:
                        credits_total += number
            prepared.append(entry)
        data[name] = prepared
    given = raw.get("amount")
    if given is None or as_decimal(given) == 0:
        data["amount"] = invoices_total - credits_total
        shown_amount = php_number(data["amount"])
    else:
        shown_amount = raw_number(given)
    if data.get("date") is None:
        data["date"] = company_today(ctx.company).isoformat()
    if data.get("idempotency_key") is None:
        raw_client = raw.get("client_id")
        client_text = raw_client if isinstance(raw_client, (str, int)) and not isinstance(raw_client, bool) else ""
        data["idempotency_key"] = (f"{int(time.time())}{data['date']}{shown_amount}{php_number(credits_total)}"
                                   f"{client_text}{ctx.company.company_key}")[:64]
    if "exchange_rate" in data and data["exchange_rate"] is None:
        del data["exchange_rate"]
    return data


def _columns(data: dict) -> dict:
    """The request's writable payment columns (upstream's fillable list, `amount` aside)."""
    columns: dict = {}
    for name in TEXT_COLUMNS:
        if name in data:
            columns[name] = as_text(data[name])
    for name in HASHED_COLUMNS:
        if name in data:
            columns[name] = data[name] if isinstance(data[name], int) else None
    if "type_id" in data:
        columns["type_id"] = as_int(data["type_id"])
    if "exchange_currency_id" in data:
        columns["exchange_currency_id"] = as_int(data["exchange_currency_id"])
    if "date" in data:
        columns["date"] = as_date(data["date"])
    return columns


def _lookups(session: Session, ctx: AuthContext, data: dict, client_id) -> Lookups:
    """Lock and load what the rules read: the named invoices and credits, then the client."""
    invoice_ids = [e.get("invoice_id") for e in entries(data.get("invoices")) or []]
    credit_ids = [e.get("credit_id") for e in entries(data.get("credits")) or []]
    found = Lookups()
    found.invoices = repository.lock(session, Invoice, invoice_ids, ctx.company_id)
    found.credits = repository.lock(session, Credit, credit_ids, ctx.company_id)
    found.foreign_invoices = repository.existing_ids(session, Invoice, [i for i in invoice_ids if i not in found.invoices])
    found.foreign_credits = repository.existing_ids(session, Credit, [i for i in credit_ids if i not in found.credits])
    if isinstance(client_id, int) and not isinstance(client_id, bool):
        found.client = repository.lock(session, Client, [client_id], ctx.company_id).get(client_id)
    return found


def _receipt_wanted(data: dict, settings: ClientSettings) -> bool:
    if "email_receipt" in data:
        return is_true(data["email_receipt"])
    return settings.flag("client_manual_payment_notification")


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Payment:
    data = prepare_store(ctx, inp.data)
    lock_company(session, ctx.company)
    found = _lookups(session, ctx, data, data.get("client_id"))
    validation.store_errors(
        data, ctx.company_id, found,
        number_taken=lambda n: repository.number_taken(session, ctx.company_id, n),
        key_taken=lambda k: repository.idempotency_key_taken(session, ctx.company_id, k),
        mark_credit_sent=lambda credit: _mark_credit_sent(session, ctx, credit),
    ).raise_if_any()
    client = found.client
    invoices = entries(data.get("invoices")) or []
    credits = entries(data.get("credits")) or []
    invoices_total = sum((number_or_zero(e.get("amount")) for e in invoices), Decimal(0))
    credits_total = sum((number_or_zero(e.get("amount")) for e in credits), Decimal(0))
    payment = new_payment(session, ctx, client, amount=as_decimal(data["amount"]), credits_total=credits_total,
                          columns=_columns(data), requested_rate=as_decimal(data.get("exchange_rate")))
    for entry in invoices:
        invoice = found.invoices.get(entry.get("invoice_id"))
        if invoice is not None:
            apply_to_invoice(session, ctx, payment, invoice, client, number_or_zero(entry.get("amount")))
    for entry in credits:
        credit = found.credits.get(entry.get("credit_id"))
        if credit is not None:
            apply_credit(session, ctx, payment, credit, client, number_or_zero(entry.get("amount")))
    payment.applied += invoices_total - credits_total
    first = next((found.invoices[e["invoice_id"]].id for e in invoices if e.get("invoice_id") in found.invoices), None)
    _created(session, ctx, payment, client, first,
             _receipt_wanted(data, ClientSettings(session, ctx.company, client)) and first is not None)
    return payment


# --- PUT /payments/{id} ----------------------------------------------------------------------------


def prepare_update(raw: dict) -> dict:
    data = dict(raw)
    data.pop("amount", None)
    for name in ("client_id", *HASHED_COLUMNS):
        if name in data:
            data[name] = _decoded(data[name])
    for name, key in (("invoices", "invoice_id"), ("credits", "credit_id")):
        if isinstance(data.get(name), list):
            data[name] = [dict(e, **{key: _decoded(e[key])}) if isinstance(e, dict) and e.get(key) is not None else e
                          for e in data[name]]
    if "exchange_rate" in data and data["exchange_rate"] is None:
        del data["exchange_rate"]
    return data


def update(session: Session, ctx: AuthContext, payment: Payment, inp: RequestInput) -> Payment:
    data = prepare_update(inp.data)
    lock_company(session, ctx.company)
    repository.lock(session, Payment, [payment.id])
    found = _lookups(session, ctx, data, None)
    validation.update_errors(
        data, payment, ctx.company_id, found,
        number_taken=lambda n: repository.number_taken(session, ctx.company_id, n, payment.id),
    ).raise_if_any()
    if payment.is_deleted:
        raise record_deleted()
    client = repository.lock_one(session, Client, payment.client_id)
    for name, value in _columns(data).items():
        setattr(payment, name, value)
    if "exchange_rate" in data:
        payment.exchange_rate = as_decimal(data["exchange_rate"])
    payment.updated_at = utcnow()
    if not payment.number:
        settings = ClientSettings(session, ctx.company, client)
        payment.number = next_number(session, ctx.company, "payment", Payment, client=client, group=settings.group,
                                     user_id=ctx.user_id, append_counter=True)
    invoices = [(found.invoices[e["invoice_id"]], number_or_zero(e.get("amount")))
                for e in entries(data.get("invoices")) or [] if e.get("invoice_id") in found.invoices]
    credits = [(found.credits[e["credit_id"]], number_or_zero(e.get("amount")))
               for e in entries(data.get("credits")) or [] if e.get("credit_id") in found.credits]
    apply_existing(session, ctx, payment, client, invoices, credits)
    activities.record(session, ctx, UPDATE_PAYMENT, client_id=client.id, payment_id=payment.id)
    refresh_payment_balance(session, client)
    return payment


# --- delete, archive, restore -----------------------------------------------------------------------


def delete(session: Session, ctx: AuthContext, payment: Payment) -> None:
    """§6.9: credits first, then every invoice gets back what the payment still held on it."""
    if payment.is_deleted:
        return
    lock_company(session, ctx.company)
    repository.lock(session, Payment, [payment.id])
    if payment.is_deleted:
        return
    pivots = repository.pivots(session, payment.id, include_trashed=True, for_update=True)
    invoice_pivots = [p for p in pivots if p.paymentable_type == INVOICE_TYPE]
    credit_pivots = [p for p in pivots if p.paymentable_type == CREDIT_TYPE]
    invoices = repository.lock(session, Invoice, [p.paymentable_id for p in invoice_pivots])
    credits = repository.lock(session, Credit, [p.paymentable_id for p in credit_pivots])
    client = repository.lock_one(session, Client, payment.client_id)
    payment.status_id = CANCELLED

    for pivot in credit_pivots:
        credit = credits.get(pivot.paymentable_id)
        if credit is not None and not credit.is_deleted:
            # Upstream gives back the whole pivot, also what a refund already gave back; only the rest here.
            _give_back(credit, abs(pivot.amount - pivot.refunded))
    if credit_pivots:
        _refresh_credit_balance(session, client)

    deleted_total = Decimal(0)
    now = utcnow()
    for pivot in invoice_pivots:
        net = pivot.amount - pivot.refunded
        deleted_total += net
        invoice = invoices.get(pivot.paymentable_id)
        if invoice is None:
            continue
        if invoice.status_id == VOIDED:
            invoice.paid_to_date -= net
            client.paid_to_date -= net
        elif not invoice.is_deleted:
            invoice.deleted_at = None
            _update_balance(invoice, net)
            invoice.paid_to_date -= net
            client.balance += net
            client.paid_to_date -= net
            if net:
                _ledger(session, ctx, client, net, invoice.id, INVOICE_TYPE,
                        f"Adjusting invoice {invoice.number or ''} due to deletion of Payment {payment.number or ''}")
            if invoice.balance == invoice.amount:
                invoice.status_id = SENT
            elif invoice.balance == 0:
                invoice.status_id = PAID
            else:
                invoice.status_id = PARTIAL
        else:
            invoice.paid_to_date -= net
            invoice.deleted_at = now
    # What the payment held beyond its invoices (unapplied money) leaves the client's paid to date too.
    client.paid_to_date += min(Decimal(0), -(payment.amount - payment.refunded - deleted_total))

    for pivot in pivots:
        session.delete(pivot)
    payment.is_deleted = True
    payment.deleted_at = now
    activities.record(session, ctx, DELETE_PAYMENT, client_id=client.id, payment_id=payment.id)
    refresh_payment_balance(session, client)


def archive(session: Session, ctx: AuthContext, payment: Payment) -> None:
    if lifecycle.archive(payment):
        activities.record(session, ctx, ARCHIVE_PAYMENT, client_id=payment.client_id, payment_id=payment.id)


def restore(session: Session, ctx: AuthContext, payment: Payment) -> None:
    """A deleted payment cannot come back (its money was reversed); an archived one is unarchived."""
    if payment.is_deleted:
        return
    if lifecycle.restore(payment):
        activities.record(session, ctx, RESTORE_PAYMENT, client_id=payment.client_id, payment_id=payment.id)
        client = session.get(Client, payment.client_id)
        refresh_payment_balance(session, client)


def email(session: Session, ctx: AuthContext, payment: Payment) -> None:
    emails.send_receipt(session, ctx, payment, session.get(Client, payment.client_id))


# --- POST /payments/refund ----------------------------------------------------------------------------


def prepare_refund(raw: dict) -> dict:
    data = dict(raw)
    if data.get("gateway_refund") is None:
        data["gateway_refund"] = False
    if data.get("send_email") is None:
        data["send_email"] = False
    if "id" in data:
        data["id"] = _decoded(data["id"])
    if isinstance(data.get("invoices"), list):
        data["invoices"] = [dict(e, invoice_id=_decoded(e.get("invoice_id"))) if isinstance(e, dict) else e
                            for e in data["invoices"]]
    data.pop("credits", None)
    return data


def refund(session: Session, ctx: AuthContext, inp: RequestInput) -> Payment:
    """§6.8: credits are handed back before money; the named invoices reopen."""
    data = prepare_refund(inp.data)
    lock_company(session, ctx.company)
    payment_id = data.get("id")
    found = RefundLookups()
    if isinstance(payment_id, int) and not isinstance(payment_id, bool):
        found.payment = repository.lock(session, Payment, [payment_id], ctx.company_id).get(payment_id)
    wanted = entries(data.get("invoices")) or []
    if found.payment is not None:
        found.pivots = repository.pivots(session, found.payment.id, INVOICE_TYPE, include_trashed=True,
                                         for_update=True)
        found.live_pivots = [p for p in found.pivots if p.deleted_at is None]
        linked = [p.paymentable_id for p in found.pivots]
        found.invoices = repository.lock(session, Invoice, linked + [e.get("invoice_id") for e in wanted],
                                         ctx.company_id)
    validation.refund_errors(data, found).raise_if_any()

    payment = found.payment
    credit_pivots = repository.pivots(session, payment.id, CREDIT_TYPE, include_trashed=True, for_update=True)
    credits = repository.lock(session, Credit, [p.paymentable_id for p in credit_pivots])
    client = repository.lock_one(session, Client, payment.client_id)
    amounts = [(e.get("invoice_id"), number_or_zero(e.get("amount"))) for e in wanted]
    total = sum((a for _, a in amounts), Decimal(0)) if amounts else as_decimal(data.get("amount"))

    remaining, credits_used = total, Decimal(0)
    for pivot in credit_pivots:
        if remaining == 0:
            break
        given = min(pivot.amount - pivot.refunded, remaining)
        pivot.refunded += given
        credit = credits.get(pivot.paymentable_id)
        if credit is not None:
            _give_back(credit, given)
        credits_used += given
        remaining -= given
    if credit_pivots:
        # Upstream leaves the client's credit balance as it was; it follows the credits here.
        _refresh_credit_balance(session, client)

    payment.refunded += total - credits_used
    payment.refund_meta = list(payment.refund_meta or []) + [_meta(data)]
    if total == payment.amount or payment.amount == payment.refunded:
        payment.status_id = REFUNDED
    else:
        payment.status_id = PARTIALLY_REFUNDED
    for pivot in found.pivots:
        for invoice_id, amount in amounts:
            if invoice_id == pivot.paymentable_id:
                pivot.refunded += amount

    now = utcnow()
    for invoice_id, amount in amounts:
        invoice = found.invoices[invoice_id]
        invoice.deleted_at = None
        _update_balance(invoice, amount)
        invoice.paid_to_date -= amount
        client.balance += amount
        client.paid_to_date -= amount
        if amount:
            _ledger(session, ctx, client, abs(amount), invoice.id, INVOICE_TYPE,
                    f"Refund of payment # {payment.number or ''}")
        invoice.status_id = SENT if invoice.amount == invoice.balance else PARTIAL
        invoice.auto_bill_enabled = False
        if invoice.is_deleted:
            invoice.deleted_at = now
    if not amounts:
        client.deleted_at = None
        client.paid_to_date -= total

    gateway = "Yes" if data.get("gateway_refund") is not False else "No"
    notes = f"Refunded : {php_number(total)} - Gateway Refund : {gateway}"
    for invoice_id, _ in amounts or [(None, None)]:
        activities.record(session, ctx, REFUNDED_PAYMENT, client_id=client.id, payment_id=payment.id,
                          invoice_id=invoice_id, notes=notes)
    if is_true(data.get("email_receipt")):
        emails.send_refund(session, ctx, payment, client, total)
    refresh_payment_balance(session, client)
    return payment


def _meta(data: dict) -> dict:
    """The refund request as upstream keeps it on the payment (ids decoded)."""
    def plain(value):
        if isinstance(value, Decimal):
            return php_number(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return plain({k: v for k, v in data.items() if k not in ("include", "index")})
