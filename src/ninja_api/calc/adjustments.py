"""Small money rules of the entry points that change lines before a
recalculation (calculation.md §5.6)."""

from __future__ import annotations

from decimal import Decimal

from .rounding import Numeric, money_context, round_money, to_decimal

__all__ = ["increased_cost", "late_fee"]

_HUNDRED = Decimal(100)


def increased_cost(cost: Numeric, percentage: Numeric) -> Decimal:
    """New unit cost for the recurring ``increase_prices`` bulk action.

    The percentage is rounded as a 2-dp *fraction*, so 12.5 % acts as 13 %;
    the resulting cost itself is not rounded.
    """
    with money_context():
        factor = 1 + round_money(to_decimal(percentage) / _HUNDRED, 2)
        return to_decimal(cost) * factor


def late_fee(
    fee_amount: Numeric, fee_percent: Numeric, *, partial: Numeric, balance: Numeric
) -> Decimal | None:
    """Cost of the late-fee line a reminder appends, or None when no fee applies.

    The percentage applies to the partial (deposit) when one is set,
    otherwise to the balance; only that percentage part is rounded.
    """
    with money_context():
        amount = to_decimal(fee_amount)
        percent = to_decimal(fee_percent)
        if amount <= 0 and percent <= 0:
            return None
        partial_d = to_decimal(partial)
        base = partial_d if partial_d > 0 else to_decimal(balance)
        return amount + round_money(base * percent / _HUNDRED, 2)
