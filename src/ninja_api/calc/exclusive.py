"""Document totals with taxes added on top (upstream ``InvoiceSum``, calculation.md §3)."""

from __future__ import annotations

from decimal import Decimal

from .inputs import InvoiceInput
from .line_items import exclusive_lines, redistribute_exclusive
from .results import InvoiceTotals
from .rounding import format_money, money_context, round_money
from .taxes import TaxGroup, group_taxes, is_named_tax

__all__ = ["calculate_exclusive", "document_discount"]

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


def document_discount(sub_total: Decimal, invoice: InvoiceInput) -> Decimal:
    """The invoice-level discount in money.

    Amount mode uses the discount exactly as given (no rounding); percent
    mode rounds to 2 dp regardless of the currency precision.
    """
    if invoice.is_amount_discount:
        return invoice.discount
    with money_context():
        return round_money(sub_total * (invoice.discount / _HUNDRED), 2)


def _surcharge_tax(invoice: InvoiceInput, rate: Decimal) -> Decimal:
    # Every taxable surcharge is taxed once per document tax slot, each piece
    # rounded on its own.
    tax = _ZERO
    for amount, taxable in invoice.surcharges:
        if taxable:
            tax += round_money(amount * (rate / _HUNDRED), 2)
    return tax


def calculate_exclusive(invoice: InvoiceInput) -> InvoiceTotals:
    p = invoice.precision
    with money_context():
        lines = exclusive_lines(invoice)
        total = lines.sub_total

        total_discount = document_discount(lines.sub_total, invoice)
        total -= total_discount

        total_taxes = _ZERO
        total_tax_map: list[TaxGroup] = []
        for name, rate in invoice.tax_slots:
            # A document tax without a usable name is ignored entirely, rate and all.
            if not is_named_tax(name):
                continue
            # Base is the discounted total before surcharges are added.
            tax = round_money(total * (rate / _HUNDRED), 2) + _surcharge_tax(invoice, rate)
            total_taxes += tax
            total_tax_map.append(TaxGroup(name, rate, tax))

        surcharges = sum((amount for amount, _ in invoice.surcharges), _ZERO)
        total += surcharges

        if invoice.is_amount_discount:
            redistribute_exclusive(lines, invoice)

        tax_map = group_taxes(lines.tax_entries)
        for group in tax_map:
            total_taxes += group.total

        total += total_taxes

        return InvoiceTotals(
            line_items=tuple(line.freeze(invoice.is_amount_discount) for line in lines.lines),
            sub_total=lines.sub_total,
            gross_sub_total=lines.gross_sub_total,
            total_discount=total_discount,
            total_custom_values=surcharges,
            total_taxes=total_taxes,
            tax_map=tax_map,
            total_tax_map=tuple(total_tax_map),
            total=total,
            amount=format_money(total, p),
            precision=p,
            uses_inclusive_taxes=False,
        )
