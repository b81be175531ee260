"""Matching statement lines to what they paid: upstream's MatchBankTransactions, run inside the request.

A credit line matched to invoices becomes one payment through the payments service (so balances,
ledger and activities move exactly as for any payment); a line linked to a payment or expenses
only records the link; a debit line with a vendor or category becomes a new expense. Each line
ends converted. Never commits.
"""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import service as activities
from ninja_api.bank_transactions import repository
from ninja_api.expenses import service as expenses
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ValidationFailed
from ninja_api.http.validation import Errors, as_text
from ninja_api.models import BankTransaction, Client, Expense, ExpenseCategory, Vendor
from ninja_api.models.payment import INVOICE_TYPE
from ninja_api.numbering import lock_company, next_number
from ninja_api.payments import repository as payments
from ninja_api.payments import service as payment_service

UNMATCHED, MATCHED, CONVERTED = 1, 2, 3
PAYABLE_STATUSES = (1, 2, 3)  # draft, sent, partial


def _hashes(value) -> list[int]:
    """A comma list of hashed ids; parts that are not one are skipped, as upstream does."""
    text = as_text(value) or ""
    return [key for key in (ids.decode(part.strip()) for part in text.split(",") if len(part.strip()) > 1)
            if key is not None]


def _filled(entry: dict, field: str) -> bool:
    value = entry.get(field)
    return isinstance(value, (str, int)) and not isinstance(value, bool) and len(str(value)) >= 1


def check(session: Session, ctx: AuthContext, transactions) -> list[dict]:
    """MatchBankTransactionRequest: each entry's ids decoded and resolved inside the company."""
    if not isinstance(transactions, list) or not transactions:
        raise ValidationFailed({"transactions": ["The transactions field is required." if not transactions
                                                 else "The transactions must be an array."]})
    errors = Errors()
    entries = []
    for index, entry in enumerate(transactions):
        entry = entry if isinstance(entry, dict) else {}
        field = f"transactions.{index}"
        key = ids.decode(entry["id"]) if isinstance(entry.get("id"), str) else None
        if entry.get("id") in (None, ""):
            errors.required(f"{field}.id")
        elif key is None or not repository.live_in_company(session, BankTransaction, ctx.company_id, key):
            errors.invalid_choice(f"{field}.id")
        resolved = {"id": key}
        for name, model in (("ninja_category_id", ExpenseCategory), ("vendor_id", Vendor)):
            if not _filled(entry, name):
                continue
            value = ids.decode(str(entry[name]))
            if value is None or not repository.live_in_company(session, model, ctx.company_id, value):
                errors.invalid_choice(f"{field}.{name}")
            resolved[name] = value
        if _filled(entry, "payment_id"):
            value = ids.decode(str(entry["payment_id"]))
            payment = None if value is None else repository.payment_in_company(session, ctx.company_id, value)
            if payment is None or payment.is_deleted:
                errors.invalid_choice(f"{field}.payment_id")
            elif payment.transaction_id is not None:
                continue  # upstream drops an entry that would link a payment a second time
            resolved["payment"] = payment
        if entry.get("invoice_ids") is not None and as_text(entry["invoice_ids"]) is None:
            errors.must_be(f"{field}.invoice_ids", "a string")
        for name in ("invoice_ids", "expense_id"):
            if _filled(entry, name):
                resolved[name] = _hashes(entry[name])
        entries.append(resolved)
    errors.raise_if_any()
    return entries


def match(session: Session, ctx: AuthContext, entries: list[dict]) -> list[int]:
    """Upstream's four ways, in its order of precedence; the ids of the lines that changed."""
    lock_company(session, ctx.company)
    changed = []
    for entry in entries:
        found = repository.transactions(session, ctx.company_id, [entry["id"]], lock=True)
        if not found:
            continue
        row = found[0]
        if entry.get("invoice_ids"):
            done = _pay_invoices(session, ctx, row, entry["invoice_ids"])
        elif entry.get("payment") is not None:
            done = _link_payment(session, row, entry["payment"])
        elif entry.get("expense_id"):
            done = _link_expenses(session, ctx, row, entry["expense_id"])
        elif entry.get("vendor_id") or entry.get("ninja_category_id"):
            done = _new_expense(session, ctx, row, entry.get("vendor_id"), entry.get("ninja_category_id"))
        else:
            done = False
        if done:
            changed.append(row.id)
    session.flush()
    return changed


def convert_matched(session: Session, ctx: AuthContext, rows: list[BankTransaction], inp=None) -> None:
    """Bulk `convert_matched`: what a rule proposed (invoices, or a category) is carried out."""
    entries = [{"id": row.id, "invoice_ids": _hashes(row.invoice_ids), "ninja_category_id": row.ninja_category_id,
                "vendor_id": row.vendor_id if row.ninja_category_id else None}
               for row in rows if not row.is_deleted]
    match(session, ctx, entries)


def unlink(session: Session, ctx: AuthContext, row: BankTransaction, inp=None) -> None:
    """Bulk `unlink`: the line forgets what it was matched to; the payment or expenses stay."""
    payment = repository.payment_of_transaction(session, ctx.company_id, row.payment_id)
    if payment is not None:
        payment.transaction_id = None
    repository.release_expenses(session, ctx.company_id, _hashes(row.expense_id))
    row.payment_id = None
    row.expense_id = None
    row.vendor_id = None
    row.invoice_ids = None
    row.ninja_category_id = None
    row.status_id = UNMATCHED


# --- the four ways --------------------------------------------------------------------------------


def _pay_invoices(session: Session, ctx: AuthContext, row: BankTransaction, keys: list[int]) -> bool:
    if row.status_id == CONVERTED:
        return False
    invoices = repository.invoices_of(session, ctx.company_id, keys)
    if not invoices or any(i.is_deleted or i.status_id not in PAYABLE_STATUSES for i in invoices):
        return False
    # One payment has one client: invoices of another client than the first are left alone
    # (upstream books them all on the last invoice's client).
    client_id = invoices[0].client_id
    invoices = [i for i in invoices if i.client_id == client_id]
    client = payments.lock_one(session, Client, client_id)
    payment = payment_service.pay_from_statement(
        session, ctx, client, invoices, Decimal(row.amount), reference=row.description, date=row.date,
        currency_id=row.currency_id, transaction_id=row.id)
    if payment is None:
        return False
    session.flush()
    row.invoice_ids = _invoices_paid_by(session, payment.id)
    row.payment_id = payment.id
    row.status_id = CONVERTED
    return True


def _invoices_paid_by(session: Session, payment_id: int) -> str:
    return ",".join(ids.encode(p.paymentable_id) for p in payments.pivots(session, payment_id, INVOICE_TYPE))


def _link_payment(session: Session, row: BankTransaction, payment) -> bool:
    if row.status_id == CONVERTED:
        return False
    payment.transaction_id = row.id
    row.payment_id = payment.id
    row.status_id = CONVERTED
    row.invoice_ids = _invoices_paid_by(session, payment.id)
    return True


def _link_expenses(session: Session, ctx: AuthContext, row: BankTransaction, keys: list[int]) -> bool:
    done = False
    for expense in repository.expenses_of(session, ctx.company_id, keys):
        if expense.transaction_id:
            continue
        expense.transaction_id = row.id
        row.expense_id = listed_with(row.expense_id, ids.encode(expense.id))
        row.status_id = CONVERTED
        row.vendor_id = expense.vendor_id
        row.ninja_category_id = expense.category_id
        done = True
    return done


def _new_expense(session: Session, ctx: AuthContext, row: BankTransaction, vendor_id: int | None,
                 category_id: int | None) -> bool:
    if row.status_id == CONVERTED:
        return False
    expense = book_expense(session, ctx, row, vendor_id, category_id)
    row.expense_id = listed_with(row.expense_id, ids.encode(expense.id))
    if vendor_id:
        row.vendor_id = vendor_id
    if category_id:
        row.ninja_category_id = category_id
    row.status_id = CONVERTED
    return True


def book_expense(session: Session, ctx: AuthContext, row: BankTransaction, vendor_id: int | None,
                 category_id: int | None) -> Expense:
    """The expense a debit line becomes: its amount, currency, date (also the payment date) and text."""
    expense = expenses.blank(session, ctx)
    expense.category_id = category_id or None
    expense.vendor_id = vendor_id or None
    expense.amount = row.amount
    expense.currency_id = row.currency_id
    expense.date = row.date
    expense.payment_date = row.date
    expense.transaction_reference = row.description or ""
    expense.transaction_id = row.id
    expense.invoice_documents = bool(ctx.company.invoice_expense_documents)
    expense.should_be_invoiced = bool(ctx.company.mark_expenses_invoiceable)
    expenses.exchange(ctx, expense, {})
    expense.number = next_number(session, ctx.company, "expense", Expense, user_id=ctx.user_id)
    session.add(expense)
    session.flush()
    activities.record(session, ctx, activities.CREATE_EXPENSE, expense_id=expense.id, vendor_id=expense.vendor_id)
    return expense


def listed_with(listed: str | None, hashed: str) -> str:
    """Upstream's coalesceExpenses: a comma list that grows."""
    if not listed or len(listed) < 2:
        return hashed
    return f"{listed},{hashed}"
