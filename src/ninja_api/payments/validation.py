"""Upstream's request rules for storing, updating and refunding payments, with their messages.

Laravel checks each field in the order the rules are declared and stops at a field's first failure
(`bail`); the message bag keeps that order. Upstream's custom rules look at the whole `invoices` (or
`credits`) array every time they run, so one bad entry puts the same message on every entry.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ninja_api.http.validation import Errors, as_date, as_decimal, as_int
from ninja_api.models import Client, Credit, Invoice, Payment

MAX_AMOUNT = Decimal("99999999999999")
INVOICE_DRAFT, INVOICE_SENT, INVOICE_PARTIAL = 1, 2, 3
CREDIT_DRAFT = 1
PENDING = 1

CLIENT_ID_REQUIRED = "Client id is required"
AMOUNT_REQUIRED = "Amount required"
INVOICE_NOT_FOUND = "The requested invoice is not available"
NOT_ONE_CLIENT = "Selected invoices are not from a single client"
OVER_INVOICE = "Amount cannot be greater than invoice balance"
OVER_BALANCE = "The amount is greater than the invoice balance. You cannot overpay an invoice."
INVOICE_DELETED = "One or more invoices in this request have since been deleted"
DUPLICATE_INVOICES = "Duplicate invoices submitted."
INVOICES_PAID = "One or more of these invoices have been paid"
CREDITS_NOT_POSITIVE = "Total of credits must be more than zero."
CREDIT_NOT_FOUND = "Credit not found"
INSUFFICIENT_CREDIT = "Insufficient balance on credit."
DUPLICATE_CREDITS = "Duplicate credits submitted."
CREDIT_WITHOUT_INVOICE = "You must have an invoice set when using a credit in a payment"
CREDITS_OVER_INVOICES = "Total credits applied cannot be MORE than total of invoices"
NOT_BALANCED = "Amounts do not balance correctly."
INSUFFICIENT_UNAPPLIED = "Insufficient applied amount remaining to cover payment."
PENDING_PAYMENT = "Cannot apply a payment until the status is completed."
DUPLICATE_ON_UPDATE = "Attemping duplicate payment on the same Invoice"
PAYMENT_ID_REQUIRED = "Payment `id` required."
NO_SUCH_PAYMENT = "Unable to retrieve specified payment"
REFUND_INVOICE_NOT_FOUND = "Invoice not found for refund"
REFUND_WITHOUT_INVOICES = ("Attempting to refund a payment with invoices attached, please specify valid invoice/s "
                           "to be refunded.")


def php_number(value: Decimal) -> str:
    """A number as PHP prints a float: no fraction when whole, otherwise the shortest form."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def round2(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number_or_zero(value) -> Decimal:
    number = as_decimal(value)
    return number if number is not None else Decimal(0)


def entries(value) -> list[dict] | None:
    """An `invoices`/`credits` array as a list of dicts (anything else in it reads as empty)."""
    if not isinstance(value, list):
        return None
    return [e if isinstance(e, dict) else {} for e in value]


def _total(rows: list[dict] | None) -> Decimal:
    return sum((number_or_zero(e.get("amount")) for e in rows or []), Decimal(0))


@dataclass
class Lookups:
    """What the rules read, loaded (and locked) by the service before they run."""

    client: Client | None = None
    invoices: dict[int, Invoice] = field(default_factory=dict)  # this company's, by id
    credits: dict[int, Credit] = field(default_factory=dict)
    # Ids that exist in another company: upstream's rules find them and then see another client.
    foreign_invoices: set[int] = field(default_factory=set)
    foreign_credits: set[int] = field(default_factory=set)


def _foreign(row_id, ours: dict, foreign: set):
    """An invoice/credit of another company, as upstream's unscoped rule sees it: some other client."""
    return row_id in foreign and row_id not in ours


def _invoices_message(data: dict, rows: list[dict], found: Lookups) -> str | None:
    """Upstream's ValidInvoicesRules over the whole array: the first problem's message, or None."""
    if "client_id" not in data:
        return CLIENT_ID_REQUIRED
    seen = []
    for entry in rows:
        invoice_id = entry.get("invoice_id")
        seen.append(invoice_id)
        if "amount" not in entry:
            return AMOUNT_REQUIRED
        invoice = found.invoices.get(invoice_id) if isinstance(invoice_id, int) else None
        if invoice is None:
            return NOT_ONE_CLIENT if _foreign(invoice_id, found.invoices, found.foreign_invoices) else INVOICE_NOT_FOUND
        if invoice.client_id != data.get("client_id"):
            return NOT_ONE_CLIENT
        amount = number_or_zero(entry.get("amount"))
        if invoice.status_id == INVOICE_DRAFT and amount <= invoice.amount:
            continue
        if invoice.status_id == INVOICE_DRAFT:
            return OVER_INVOICE
        if amount > invoice.balance:
            return OVER_BALANCE
        if invoice.is_deleted:
            return INVOICE_DELETED
    if len(set(map(repr, seen))) != len(seen):
        return DUPLICATE_INVOICES
    return None


def _credits_message(data: dict, rows: list[dict], invoices: list[dict] | None, found: Lookups,
                     mark_sent: Callable[[Credit], None]) -> str | None:
    """Upstream's ValidCreditsRules; a draft credit it reaches is marked sent on the way."""
    if "client_id" not in data:
        return CLIENT_ID_REQUIRED
    if _total(rows) <= 0:
        return CREDITS_NOT_POSITIVE
    seen = []
    for entry in rows:
        credit_id = entry.get("credit_id")
        seen.append(credit_id)
        credit = found.credits.get(credit_id) if isinstance(credit_id, int) else None
        if credit is None:
            return NOT_ONE_CLIENT if _foreign(credit_id, found.credits, found.foreign_credits) else CREDIT_NOT_FOUND
        if credit.client_id != data.get("client_id"):
            return NOT_ONE_CLIENT
        if credit.status_id == CREDIT_DRAFT:
            mark_sent(credit)
        amount = as_decimal(entry.get("amount"))
        if amount is not None and credit.balance < amount:
            return INSUFFICIENT_CREDIT
    if len(set(map(repr, seen))) != len(seen):
        return DUPLICATE_CREDITS
    if rows and not invoices:
        return CREDIT_WITHOUT_INVOICE
    return None


def _duplicated(rows: list[dict], key: str) -> set:
    counts = Counter(repr(e.get(key)) for e in rows if e.get(key) is not None)
    return {k for k, n in counts.items() if n > 1}


def _belongs(row, company_id: int, client_id) -> bool:
    return row is not None and row.company_id == company_id and row.client_id == client_id


def store_errors(data: dict, company_id: int, found: Lookups, *, number_taken: Callable[[str], bool],
                 key_taken: Callable[[str], bool], mark_credit_sent: Callable[[Credit], None]) -> Errors:
    """StorePaymentRequest's rules on the prepared input (ids decoded, amount and key filled in)."""
    errors = Errors()
    client_id = data.get("client_id")
    if client_id is None:
        errors.required("client_id")
    elif found.client is None or found.client.is_deleted:
        errors.invalid_choice("client_id")

    invoices = entries(data.get("invoices"))
    credits = entries(data.get("credits"))
    if invoices:
        for entry in invoices:
            invoice = found.invoices.get(entry.get("invoice_id"))
            if invoice is not None and (invoice.is_deleted or invoice.status_id not in (1, 2, 3)):
                errors.add("invoices", INVOICES_PAID)
                break
    for i, entry in enumerate(invoices or []):
        field_name = f"invoices.{i}.amount"
        if entry.get("amount") is None:
            errors.required(field_name)
        elif as_decimal(entry["amount"]) is None:
            errors.must_be(field_name, "a number")
    if invoices:
        message = _invoices_message(data, invoices, found)
        twice = _duplicated(invoices, "invoice_id")
        for i, entry in enumerate(invoices):
            field_name = f"invoices.{i}.invoice_id"
            invoice_id = entry.get("invoice_id")
            if invoice_id is None:
                errors.required(field_name)
            elif repr(invoice_id) in twice:
                errors.add(field_name, f"The {field_name.replace('_', ' ')} field has a duplicate value.")
            elif message is not None:
                errors.add(field_name, message)
            elif not _belongs(found.invoices.get(invoice_id), company_id, client_id):
                errors.invalid_choice(field_name)
    if credits:
        message = _credits_message(data, credits, invoices, found, mark_credit_sent)
        twice = _duplicated(credits, "credit_id")
        for i, entry in enumerate(credits):
            field_name = f"credits.{i}.credit_id"
            credit_id = entry.get("credit_id")
            if credit_id is None:
                errors.required(field_name)
            elif repr(credit_id) in twice:
                errors.add(field_name, f"The {field_name.replace('_', ' ')} field has a duplicate value.")
            elif message is not None:
                errors.add(field_name, message)
            elif not _belongs(found.credits.get(credit_id), company_id, client_id):
                errors.invalid_choice(field_name)
        over = _total(credits) > _total(invoices)
        for i, entry in enumerate(credits):
            field_name = f"credits.{i}.amount"
            if entry.get("amount") is None:
                errors.required(field_name)
            elif as_decimal(entry["amount"]) is None:
                errors.must_be(field_name, "a number")
            elif over:
                errors.add(field_name, CREDITS_OVER_INVOICES)

    amount = as_decimal(data.get("amount"))
    if amount is None:
        errors.must_be("amount", "a number")
    elif amount != 0 and invoices and round2(amount + _total(credits)) < round2(_total(invoices)):
        errors.add("amount", NOT_BALANCED)
    elif amount > MAX_AMOUNT:
        errors.add("amount", f"The amount must not be greater than {MAX_AMOUNT}.")

    number = data.get("number")
    if number is not None and number_taken(str(number)):
        errors.taken("number")
    key = data.get("idempotency_key")
    if key is not None:
        if not isinstance(key, str):
            errors.must_be("idempotency_key", "a string")
        elif len(key) > 64:
            errors.add("idempotency_key", "The idempotency key must not be greater than 64 characters.")
        elif key_taken(key):
            errors.taken("idempotency_key")
    _column_errors(errors, data)
    return errors


def _column_errors(errors: Errors, data: dict) -> None:
    """Fields upstream takes unchecked and then fails to store (a 500 there): refused here."""
    if "documents" in data and data["documents"] is not None and not isinstance(data["documents"], list):
        errors.must_be("documents", "an array")
    if data.get("date") is not None and as_date(data["date"]) is None:
        errors.add("date", "The date is not a valid date.")
    if data.get("type_id") is not None and as_int(data["type_id"]) is None:
        errors.must_be("type_id", "an integer")
    for name in ("exchange_rate",):
        if data.get(name) is not None and as_decimal(data[name]) is None:
            errors.must_be(name, "a number")


def update_errors(data: dict, payment: Payment, company_id: int, found: Lookups, *,
                  number_taken: Callable[[str], bool]) -> Errors:
    """UpdatePaymentRequest's rules; `amount` was already dropped from the input."""
    errors = Errors()
    if "client_id" in data and data["client_id"] != payment.client_id:
        errors.invalid_choice("client_id")
    if "number" in data and data["number"] is not None and number_taken(str(data["number"])):
        errors.taken("number")
    invoices = entries(data.get("invoices"))
    credits = entries(data.get("credits"))
    if data.get("invoices") is not None and invoices is None:
        errors.must_be("invoices", "an array")
    elif invoices is not None:
        message = _applied_message(data, invoices, credits, payment, found)
        if message is not None:
            errors.add("invoices", message)
    twice = _duplicated(invoices or [], "invoice_id")
    for i, entry in enumerate(invoices or []):
        field_name = f"invoices.{i}.invoice_id"
        invoice_id = entry.get("invoice_id")
        if invoice_id is None:
            continue
        if repr(invoice_id) in twice:
            errors.add(field_name, DUPLICATE_ON_UPDATE)
        elif not _belongs(found.invoices.get(invoice_id), company_id, payment.client_id):
            errors.invalid_choice(field_name)
    for i, entry in enumerate(invoices or []):
        field_name = f"invoices.{i}.amount"
        if "amount" not in entry:
            continue
        amount = as_decimal(entry["amount"])
        if amount is None:
            errors.must_be(field_name, "a number")
        elif amount < 0:
            errors.add(field_name, f"The {field_name} must be at least 0.")
    twice = _duplicated(credits or [], "credit_id")
    for i, entry in enumerate(credits or []):
        field_name = f"credits.{i}.credit_id"
        credit_id = entry.get("credit_id")
        if credit_id is None:
            continue
        if repr(credit_id) in twice:
            errors.add(field_name, DUPLICATE_ON_UPDATE)
        elif not _belongs(found.credits.get(credit_id), company_id, payment.client_id):
            errors.invalid_choice(field_name)
    for i, entry in enumerate(credits or []):
        field_name = f"credits.{i}.amount"
        if entry.get("amount") is None:
            errors.required(field_name)
        elif as_decimal(entry["amount"]) is None:
            errors.must_be(field_name, "a number")
    _column_errors(errors, data)
    return errors


def _applied_message(data: dict, invoices: list[dict], credits: list[dict] | None, payment: Payment,
                     found: Lookups) -> str | None:
    """Upstream's PaymentAppliedValidAmount: what is left unapplied must cover the invoices named."""
    if credits == [] and invoices == []:
        return None
    available = payment.amount - payment.applied + _total(credits)
    wanted = Decimal(0)
    for entry in invoices:
        amount = number_or_zero(entry.get("amount"))
        wanted += amount
        invoice = found.invoices.get(entry.get("invoice_id"))
        if invoice is None:
            continue  # the exists rule answers for it
        if invoice.status_id == INVOICE_DRAFT and invoice.amount >= amount:
            continue
        if invoice.balance < amount:
            return OVER_INVOICE
    if invoices and payment.status_id == PENDING:
        return PENDING_PAYMENT
    return None if round2(available, 3) >= round2(wanted, 3) else INSUFFICIENT_UNAPPLIED


@dataclass
class RefundLookups:
    payment: Payment | None = None  # this company's, archived and deleted included
    pivots: list = field(default_factory=list)  # the payment's invoice pivots, trashed ones included
    live_pivots: list = field(default_factory=list)
    invoices: dict[int, Invoice] = field(default_factory=dict)  # this company's named invoices


def _hash(value: int) -> str:
    from ninja_api import ids

    return ids.encode(value)


def refund_errors(data: dict, found: RefundLookups) -> Errors:
    """RefundPaymentRequest's rules (ValidRefundableRequest and ValidRefundableInvoices included)."""
    errors = Errors()
    payment = found.payment
    invoices = entries(data.get("invoices"))
    if data.get("id") is None:
        errors.required("id")
    elif payment is None or payment.is_deleted:
        errors.add("id", NO_SUCH_PAYMENT)
    else:
        message = _refundable_request(invoices or [], found)
        if message:
            errors.add("id", message)
    if data.get("amount") is not None:
        amount = as_decimal(data["amount"])
        if amount is None:
            errors.must_be("amount", "a number")
        elif amount > MAX_AMOUNT:
            errors.add("amount", f"The amount must not be greater than {MAX_AMOUNT}.")
    elif not invoices:
        errors.required("amount")  # upstream fails with a 500 when neither is given
    if data.get("date") is None:
        errors.required("date")
    if data.get("invoices") is not None and invoices is None:
        errors.must_be("invoices", "an array")
    for i, entry in enumerate(invoices or []):
        if entry.get("invoice_id") is None:
            errors.required(f"invoices.{i}.invoice_id")
    for i, entry in enumerate(invoices or []):
        field_name = f"invoices.{i}.amount"
        amount = as_decimal(entry.get("amount")) if entry.get("amount") is not None else None
        if entry.get("amount") is None:
            errors.required(field_name)
        elif amount is None:
            errors.must_be(field_name, "a number")
        elif amount <= 0:
            errors.add(field_name, f"The {field_name} must be greater than 0.")
    if "invoices" in data and invoices is not None and payment is not None and not payment.is_deleted:
        message = _refundable_invoices(invoices, found)
        if message:
            errors.add("invoices", message)
    return errors


def _refundable_request(invoices: list[dict], found: RefundLookups) -> str:
    message = ""
    if found.pivots:
        matched = False
        for pivot in found.pivots:
            over = None
            for entry in invoices:
                if entry.get("invoice_id") == pivot.paymentable_id:
                    matched = True
                    refundable = pivot.amount - pivot.refunded
                    if number_or_zero(entry.get("amount")) > refundable:
                        over = ("Attempting to refund more than allowed for invoice id "
                                f"{_hash(pivot.paymentable_id)}, maximum refundable amount is {php_number(refundable)}")
                        break
            if over:
                message = over
                break
        else:
            if not matched:
                message = REFUND_WITHOUT_INVOICES
    linked = {p.paymentable_id for p in found.pivots}
    for entry in invoices:
        invoice = found.invoices.get(entry.get("invoice_id"))
        if invoice is None:
            message = REFUND_INVOICE_NOT_FOUND
        elif invoice.id not in linked:
            message = f"Invoice id {_hash(invoice.id)} is not related to this payment"
    return message


def _refundable_invoices(invoices: list[dict], found: RefundLookups) -> str:
    if found.payment is None or found.payment.deleted_at is not None:
        # Upstream looks the payment up without archived ones here.
        return NO_SUCH_PAYMENT
    named = [found.invoices[i] for i in sorted(found.invoices)
             if found.invoices[i].deleted_at is None and any(e.get("invoice_id") == i for e in invoices)]
    for invoice in named:
        if invoice.is_deleted or invoice.amount - invoice.balance == 0:
            # Upstream's text names a `:number` placeholder it never fills.
            return "Invoice id :number cannot be refunded"
        for entry in invoices:
            if entry.get("invoice_id") != invoice.id:
                continue
            pivot = next((p for p in found.live_pivots if p.paymentable_id == invoice.id), None)
            if pivot is None:
                continue
            refundable = pivot.amount - pivot.refunded
            if number_or_zero(entry.get("amount")) > refundable:
                raw = entry.get("amount")
                shown = raw if isinstance(raw, str) else php_number(number_or_zero(raw))
                return f"Attempting to refund {shown} only {php_number(refundable)} available for refund"
    return ""
