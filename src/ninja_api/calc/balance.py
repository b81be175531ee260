"""What a recalculation stores: amount, balance, partial and the derived
status (calculation.md §5.1–§5.3, §6.2, §6.5)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

from .results import InvoiceTotals
from .rounding import Numeric, format_money, money_context, round_money, round_rappen, to_decimal

__all__ = [
    "InvoiceStatus",
    "StoredMoney",
    "calculated_status",
    "clamp_partial_after_save",
    "clamp_partial_unsaved",
    "recurring_stored_money",
    "stored_money",
    "updated_status",
]


class InvoiceStatus(IntEnum):
    DRAFT = 1
    SENT = 2
    PARTIAL = 3
    PAID = 4
    CANCELLED = 5
    REVERSED = 6


@dataclass(frozen=True)
class StoredMoney:
    amount: Decimal
    balance: Decimal
    total_taxes: Decimal


def _apply_once(
    totals: InvoiceTotals,
    status_id: int,
    amount_old: Decimal,
    balance_old: Decimal,
    paid_to_date: Decimal,
    rappen_rounding: bool,
) -> tuple[Decimal, Decimal]:
    if status_id == InvoiceStatus.CANCELLED:
        balance = Decimal(0)
    elif status_id != InvoiceStatus.DRAFT:
        # amount != balance is upstream's only test for "something was paid or
        # adjusted"; paid_to_date itself is not consulted.
        if amount_old != balance_old:
            balance = totals.balance_total - paid_to_date
        else:
            balance = totals.balance_total
    else:
        # Drafts keep whatever balance they have (0 until marked sent).
        balance = balance_old
    amount = format_money(totals.total, totals.precision)
    if rappen_rounding:
        amount = round_rappen(amount)
        balance = round_rappen(balance)
    return amount, balance


def stored_money(
    totals: InvoiceTotals,
    *,
    status_id: int,
    amount_old: Numeric,
    balance_old: Numeric,
    paid_to_date: Numeric,
    rappen_rounding: bool = False,
) -> StoredMoney:
    """Amount and balance an invoice, quote, credit or purchase order stores
    after a recalculation, from the values stored *before* it.

    Upstream runs its balance step twice (once while building, once when
    saving), the second time against the amount and balance the first run
    produced.  Repeating it here keeps the rare cases where ``R`` and ``F``
    of the total disagree identical to upstream.

    Upstream tests the raw ids 5 (cancelled) and 1 (draft) for every document
    type, so a purchase order with status 5 is zeroed too.
    """
    status_id = int(status_id)
    with money_context():
        amount = to_decimal(amount_old)
        balance = to_decimal(balance_old)
        paid = to_decimal(paid_to_date)
        for _ in range(2):
            amount, balance = _apply_once(totals, status_id, amount, balance, paid, rappen_rounding)
        return StoredMoney(amount=amount, balance=balance, total_taxes=totals.total_taxes)


def recurring_stored_money(totals: InvoiceTotals, *, rappen_rounding: bool = False) -> StoredMoney:
    """Recurring invoices/quotes: the balance always equals the amount.

    The inclusive calculator overwrites amount and balance with the formatted
    total and skips Rappen rounding there; the exclusive one keeps it.
    """
    amount = format_money(totals.total, totals.precision)
    if rappen_rounding and not totals.uses_inclusive_taxes:
        amount = round_rappen(amount)
    return StoredMoney(amount=amount, balance=amount, total_taxes=totals.total_taxes)


def clamp_partial_unsaved(
    partial: Numeric | None, balance: Numeric, *, inclusive: bool = False
) -> Decimal | None:
    """The calculator's own clamp, which upstream runs only for documents not
    yet persisted: ``max(0, min(round(partial, 2), balance))``."""
    if partial is None:
        return None
    rounded = format_money(partial, 2) if inclusive else round_money(partial, 2)
    return max(Decimal(0), min(rounded, to_decimal(balance)))


def clamp_partial_after_save(
    partial: Numeric | None, amount: Numeric, balance: Numeric
) -> Decimal | None:
    """The clamp the API path applies after saving.

    ``int(balance)`` truncates toward zero like PHP's ``(int)`` cast, so a
    balance below one unit (and every draft, whose balance is 0) leaves the
    partial untouched, even when it exceeds the amount.
    """
    if partial is None:
        return None
    partial_d = to_decimal(partial)
    amount_d = to_decimal(amount)
    balance_d = to_decimal(balance)
    if int(balance_d) != 0 and partial_d > amount_d and amount_d > 0:
        return min(amount_d, balance_d)
    return partial_d


def calculated_status(balance: Numeric, amount: Numeric) -> int:
    """Status after money moved (upstream ``setCalculatedStatus``).

    Paid when the balance rounds to zero at 2 dp, partial when strictly
    between 0 and the amount, otherwise sent; an over-payment (negative
    balance) therefore reads as sent.
    """
    balance_d = to_decimal(balance)
    if round_money(balance_d, 2) == 0:
        return int(InvoiceStatus.PAID)
    if 0 < balance_d < to_decimal(amount):
        return int(InvoiceStatus.PARTIAL)
    return int(InvoiceStatus.SENT)


def updated_status(status_id: int, balance: Numeric, amount: Numeric) -> int:
    """Status re-derived after editing a document (upstream ``updateStatus``):
    as :func:`calculated_status` but drafts are left alone."""
    if int(status_id) == InvoiceStatus.DRAFT:
        return int(status_id)
    return calculated_status(balance, amount)
