"""Immutable outputs of the calculation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .rounding import format_money, money_context, round_money
from .taxes import TaxGroup

__all__ = ["InvoiceTotals", "LineItemResult"]


@dataclass(frozen=True)
class LineItemResult:
    """Values written back into the stored line item.

    Exclusive taxes: ``line_total`` is net (after the line discount, before
    tax and before the invoice discount) and ``gross_line_total`` adds
    ``tax_amount``.  Inclusive taxes: both totals are the tax-inclusive
    amount and the net is ``line_total - tax_amount``.

    ``taxes`` holds the three 2-dp tax components behind ``tax_amount``.
    ``is_amount_discount`` is the invoice's flag, copied onto the item.
    """

    line_total: Decimal
    gross_line_total: Decimal
    tax_amount: Decimal
    taxes: tuple[Decimal, Decimal, Decimal]
    is_amount_discount: bool


@dataclass(frozen=True)
class InvoiceTotals:
    """Everything one recalculation produces.

    ``total`` is the unrounded document total; ``amount`` is what upstream
    stores (``F(total, p)``).  ``total_taxes`` is the sum of 2-dp pieces and is
    never re-rounded.  ``tax_map`` groups line taxes, ``total_tax_map`` lists
    the document-level taxes one row per tax slot; neither is part of the
    REST payload.  For inclusive documents the taxes are informational and are
    not part of ``total``.
    """

    line_items: tuple[LineItemResult, ...]
    sub_total: Decimal
    gross_sub_total: Decimal
    total_discount: Decimal
    total_custom_values: Decimal
    total_taxes: Decimal
    tax_map: tuple[TaxGroup, ...]
    total_tax_map: tuple[TaxGroup, ...]
    total: Decimal
    amount: Decimal
    precision: int
    uses_inclusive_taxes: bool

    @property
    def line_taxes(self) -> Decimal:
        with money_context():
            return sum((group.total for group in self.tax_map), Decimal(0))

    @property
    def invoice_taxes(self) -> Decimal:
        with money_context():
            return sum((group.total for group in self.total_tax_map), Decimal(0))

    @property
    def balance_total(self) -> Decimal:
        """The rounded total the balance rule starts from.

        The exclusive calculator rounds plainly, the inclusive one formats;
        the two differ only when the 7th decimal tips a tie.
        """
        if self.uses_inclusive_taxes:
            return format_money(self.total, self.precision)
        return round_money(self.total, self.precision)
