"""Document totals with taxes contained in the prices
(upstream ``InvoiceSumInclusive``, calculation.md §4)."""

from __future__ import annotations

from decimal import Decimal

from .exclusive import document_discount
from .inputs import InvoiceInput
from .line_items import inclusive_lines, redistribute_inclusive
from .results import InvoiceTotals
from .rounding import format_money, money_context
from .taxes import TaxGroup, group_taxes, inclusive_tax, is_named_tax

__all__ = ["calculate_inclusive"]

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


def _document_tax_base(invoice: InvoiceInput, sub_total: Decimal, total: Decimal) -> Decimal:
    base = total
    if invoice.discount > 0 and invoice.is_amount_discount:
        base = format_money(sub_total - invoice.discount, 2)
    if invoice.discount > 0 and not invoice.is_amount_discount:
        base = format_money(sub_total - sub_total * (invoice.discount / _HUNDRED), 2)
    # Only positive taxable surcharges join the base; negative ones never do.
    for amount, taxable in invoice.surcharges:
        if amount > 0 and taxable:
            base += amount
    return base


def calculate_inclusive(invoice: InvoiceInput) -> InvoiceTotals:
    p = invoice.precision
    with money_context():
        lines = inclusive_lines(invoice)
        total = lines.sub_total

        total_discount = document_discount(lines.sub_total, invoice)
        total -= total_discount

        total_taxes = _ZERO
        total_tax_map: list[TaxGroup] = []
        base = _document_tax_base(invoice, lines.sub_total, total)
        for name, rate in invoice.tax_slots:
            if not is_named_tax(name):
                continue
            # Extracted from the whole amount on top of any line taxes: the
            # same money may be reported twice, by design upstream.
            tax = inclusive_tax(base, rate)
            total_taxes += tax
            total_tax_map.append(TaxGroup(name, rate, tax))

        surcharges = sum((amount for amount, _ in invoice.surcharges), _ZERO)
        total += surcharges

        if invoice.is_amount_discount:
            redistribute_inclusive(lines, invoice)

        tax_map = group_taxes(lines.tax_entries)
        for group in tax_map:
            total_taxes += group.total

        # Taxes are already inside the prices, so they are never added to the total.
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
            uses_inclusive_taxes=True,
        )
