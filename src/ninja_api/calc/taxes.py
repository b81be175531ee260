"""Tax formulas, tax-name rules and the grouping of taxes into a tax map."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from .rounding import MONEY_CONTEXT, format_money, money_context, round_money

__all__ = [
    "TaxGroup",
    "exclusive_tax",
    "group_taxes",
    "inclusive_tax",
    "is_named_tax",
    "rate_text",
    "tax_group_key",
    "tax_label",
]

_HUNDRED = Decimal(100)


def is_named_tax(name: str) -> bool:
    """Upstream's ``strlen(name) > 1`` test.

    PHP's strlen counts bytes, so a single multi-byte character such as '€'
    already passes; counting UTF-8 bytes keeps that behaviour.
    """
    return len(name.encode("utf-8")) > 1


def exclusive_tax(base: Decimal, rate: Decimal) -> Decimal:
    """Tax added on top of ``base``; always 2 dp whatever the currency."""
    with money_context():
        return format_money(base * rate / _HUNDRED, 2)


def inclusive_tax(base: Decimal, rate: Decimal) -> Decimal:
    """Tax contained in the gross ``base``; always 2 dp whatever the currency.

    A rate of -100 divides by zero; upstream fails the same way.
    """
    with money_context():
        return format_money(base - base / (1 + rate / _HUNDRED), 2)


def rate_text(rate: Decimal) -> str:
    """The rate as PHP renders a float in a string: no exponent, no trailing zeros."""
    text = format(rate.normalize(MONEY_CONTEXT), "f")
    return "0" if text == "-0" else text


def tax_group_key(name: str, rate: Decimal) -> str:
    """Taxes with equal name+rate (spaces ignored) share one tax-map row."""
    return (name + rate_text(rate)).replace(" ", "")


def tax_label(
    name: str,
    rate: Decimal,
    decimal_separator: str = ".",
    thousands_separator: str = ",",
) -> str:
    """``"<name> <rate>%"`` as upstream prints it on PDFs and e-invoices.

    The rate is shown with up to 10 decimals and no trailing zeros, using the
    client's number separators (defaults are the US ones).
    """
    fixed = round_money(rate, 10)
    sign = "-" if fixed < 0 else ""
    whole, _, frac = format(fixed.copy_abs(), "f").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + thousands_separator.join(groups)
    frac = frac.rstrip("0")
    if frac:
        text += decimal_separator + frac
    return f"{name} {text}%"


@dataclass(frozen=True)
class TaxGroup:
    """One row of a tax map: the name and rate of the first contributing tax and the sum."""

    name: str
    rate: Decimal
    total: Decimal

    @property
    def key(self) -> str:
        return tax_group_key(self.name, self.rate)

    @property
    def label(self) -> str:
        return tax_label(self.name, self.rate)


def group_taxes(entries: Iterable[TaxGroup]) -> tuple[TaxGroup, ...]:
    """Merge per-line tax entries by key, keeping first-seen order and the first label."""
    merged: dict[str, TaxGroup] = {}
    with money_context():
        for entry in entries:
            current = merged.get(entry.key)
            if current is None:
                merged[entry.key] = entry
            else:
                merged[entry.key] = TaxGroup(current.name, current.rate, current.total + entry.total)
    return tuple(merged.values())

