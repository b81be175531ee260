"""Per-line calculations (calculation.md §2.2, §2.3 and the amount-mode
redistribution of §3 step 5 / §4 step 5).

Each pass works on mutable :class:`WorkingLine` records because upstream
revisits the lines after the document discount is known; the public
calculators freeze them into :class:`LineItemResult` at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .inputs import InvoiceInput, LineItemInput
from .results import LineItemResult
from .rounding import format_money, money_context, round_money
from .taxes import TaxGroup, exclusive_tax, inclusive_tax, is_named_tax

__all__ = [
    "LinePass",
    "WorkingLine",
    "exclusive_lines",
    "inclusive_lines",
    "redistribute_exclusive",
    "redistribute_inclusive",
]

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


@dataclass
class WorkingLine:
    item: LineItemInput
    line_total: Decimal
    gross_line_total: Decimal = _ZERO
    tax_amount: Decimal = _ZERO
    taxes: tuple[Decimal, Decimal, Decimal] = (_ZERO, _ZERO, _ZERO)

    def freeze(self, is_amount_discount: bool) -> LineItemResult:
        return LineItemResult(
            line_total=self.line_total,
            gross_line_total=self.gross_line_total,
            tax_amount=self.tax_amount,
            taxes=self.taxes,
            is_amount_discount=is_amount_discount,
        )


@dataclass
class LinePass:
    lines: list[WorkingLine] = field(default_factory=list)
    sub_total: Decimal = _ZERO
    gross_sub_total: Decimal = _ZERO
    tax_entries: list[TaxGroup] = field(default_factory=list)


def _first_pass_base(line_total: Decimal, invoice: InvoiceInput) -> Decimal:
    # Upstream applies the document discount as a percentage here even in
    # amount mode; amount mode replaces these taxes later (redistribution).
    return line_total - line_total * (invoice.discount / _HUNDRED)


def exclusive_lines(invoice: InvoiceInput) -> LinePass:
    """First pass over the lines of an exclusive-tax document."""
    p = invoice.precision
    result = LinePass()
    with money_context():
        for item in invoice.line_items:
            line_total = item.cost * item.quantity
            if invoice.is_amount_discount:
                # Deliberately left unrounded: the stored line_total keeps
                # every decimal (82.6446 stays 82.6446).
                line_total = line_total - format_money(item.discount, p)
            else:
                line_total = format_money(line_total - line_total * (item.discount / _HUNDRED), p)

            base = _first_pass_base(line_total, invoice)
            taxes = []
            for name, rate in item.tax_slots:
                tax = exclusive_tax(base, rate)
                taxes.append(tax)
                if is_named_tax(name):
                    result.tax_entries.append(TaxGroup(name, rate, tax))
            item_tax = taxes[0] + taxes[1] + taxes[2]

            line = WorkingLine(
                item=item,
                line_total=line_total,
                gross_line_total=line_total + item_tax,
                tax_amount=item_tax,
                taxes=(taxes[0], taxes[1], taxes[2]),
            )
            result.lines.append(line)
            # The sub total is built from lines rounded one by one, which is
            # why 2 x 8.325 + ... gives 57.92 rather than 57.90.
            result.sub_total += round_money(line_total, p)
            result.gross_sub_total += line.gross_line_total
    return result


def inclusive_lines(invoice: InvoiceInput) -> LinePass:
    """First pass over the lines of an inclusive-tax document."""
    p = invoice.precision
    result = LinePass()
    with money_context():
        for item in invoice.line_items:
            line_total = item.cost * item.quantity
            if invoice.is_amount_discount:
                line_total = line_total - format_money(item.discount, p)
            else:
                line_total = line_total - format_money(line_total * (item.discount / _HUNDRED), p)

            base = _first_pass_base(line_total, invoice)
            taxes = []
            item_tax = _ZERO
            for name, rate in item.tax_slots:
                # Each rate is extracted from the same gross base, not compounded.
                tax = inclusive_tax(base, rate)
                taxes.append(tax)
                item_tax += format_money(tax, p)
                if is_named_tax(name):
                    result.tax_entries.append(TaxGroup(name, rate, tax))

            result.lines.append(
                WorkingLine(
                    item=item,
                    line_total=line_total,
                    gross_line_total=line_total,
                    tax_amount=format_money(item_tax, p),
                    taxes=(taxes[0], taxes[1], taxes[2]),
                )
            )
            # Unlike the exclusive side, inclusive lines are summed unrounded.
            result.sub_total += line_total
        result.gross_sub_total = result.sub_total
    return result


def _redistributed_taxes(
    line: WorkingLine, base: Decimal, extract: bool, entries: list[TaxGroup]
) -> Decimal:
    taxes = []
    for name, rate in line.item.tax_slots:
        tax = inclusive_tax(base, rate) if extract else exclusive_tax(base, rate)
        taxes.append(tax)
        # The name test of the first pass is gone here: any non-zero tax is
        # grouped, even an unnamed one.
        if tax != 0:
            entries.append(TaxGroup(name, rate, tax))
    line.taxes = (taxes[0], taxes[1], taxes[2])
    return taxes[0] + taxes[1] + taxes[2]


def redistribute_exclusive(lines: LinePass, invoice: InvoiceInput) -> None:
    """Amount mode: spread the document's amount discount over the line taxes.

    Replaces ``lines.tax_entries``.  Lines whose total is exactly zero keep
    their first-pass values.
    """
    entries: list[TaxGroup] = []
    with money_context():
        for line in lines.lines:
            if line.line_total == 0:
                continue
            if lines.sub_total == 0:
                # Upstream's division by zero is caught and the line is
                # taxed on its full amount.
                base = line.line_total
            else:
                base = line.line_total - line.line_total * (invoice.discount / lines.sub_total)
            item_tax = _redistributed_taxes(line, base, extract=False, entries=entries)
            line.tax_amount = item_tax
            line.gross_line_total = line.line_total + item_tax
    lines.tax_entries = entries


def redistribute_inclusive(lines: LinePass, invoice: InvoiceInput) -> None:
    """Amount mode, inclusive taxes: like :func:`redistribute_exclusive` but
    every line is revisited (zero lines included) and the share is computed as
    ``D * (line / sub_total)``."""
    entries: list[TaxGroup] = []
    with money_context():
        for line in lines.lines:
            if lines.sub_total == 0:
                base = line.line_total
            else:
                base = line.line_total - invoice.discount * (line.line_total / lines.sub_total)
            item_tax = _redistributed_taxes(line, base, extract=True, entries=entries)
            line.tax_amount = item_tax
            line.gross_line_total = line.line_total
    lines.tax_entries = entries
