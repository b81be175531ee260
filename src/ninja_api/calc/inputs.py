"""Immutable inputs of the calculation.

The constructors coerce every numeric field with :func:`to_decimal` and every
tax name with :func:`tax_name_text`, so the calculation only ever sees
``Decimal`` and ``str``.  Field defaults are the line-item defaults upstream
fills in when a key is missing (entities.md §5, calculation.md §2.1).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any, Iterable

from .rounding import to_decimal

__all__ = ["InvoiceInput", "LineItemInput", "tax_name_text"]


def tax_name_text(value: Any) -> str:
    """Tax names are cast to string upstream; null becomes ''.

    A bool is mapped like PHP's string cast (true -> '1', false -> '') so a
    stray boolean cannot masquerade as a valid two-character name.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, str):
        return value
    return str(value)


def _flag(value: Any) -> bool:
    # PHP truthiness: the strings "" and "0" are false, every other string true.
    if isinstance(value, str):
        return value not in ("", "0")
    return bool(value)


_LINE_NUMBERS = ("quantity", "cost", "discount", "tax_rate1", "tax_rate2", "tax_rate3")
_LINE_NAMES = ("tax_name1", "tax_name2", "tax_name3")


@dataclass(frozen=True)
class LineItemInput:
    """One entry of ``line_items`` as far as money is concerned.

    ``discount`` is an amount or a percentage depending on the *invoice's*
    ``is_amount_discount``; the item's own flag is ignored upstream, so it is
    not an input here.
    """

    quantity: Decimal = Decimal(0)
    cost: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    tax_name1: str = ""
    tax_rate1: Decimal = Decimal(0)
    tax_name2: str = ""
    tax_rate2: Decimal = Decimal(0)
    tax_name3: str = ""
    tax_rate3: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        for name in _LINE_NUMBERS:
            object.__setattr__(self, name, to_decimal(getattr(self, name)))
        for name in _LINE_NAMES:
            object.__setattr__(self, name, tax_name_text(getattr(self, name)))

    @property
    def tax_slots(self) -> tuple[tuple[str, Decimal], tuple[str, Decimal], tuple[str, Decimal]]:
        return (
            (self.tax_name1, self.tax_rate1),
            (self.tax_name2, self.tax_rate2),
            (self.tax_name3, self.tax_rate3),
        )

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> "LineItemInput":
        """Build from a stored/requested line-item dict, ignoring unrelated keys."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


_INVOICE_NUMBERS = (
    "discount",
    "tax_rate1",
    "tax_rate2",
    "tax_rate3",
    "custom_surcharge1",
    "custom_surcharge2",
    "custom_surcharge3",
    "custom_surcharge4",
)
_INVOICE_NAMES = ("tax_name1", "tax_name2", "tax_name3")
_INVOICE_FLAGS = (
    "is_amount_discount",
    "uses_inclusive_taxes",
    "custom_surcharge_tax1",
    "custom_surcharge_tax2",
    "custom_surcharge_tax3",
    "custom_surcharge_tax4",
)


@dataclass(frozen=True)
class InvoiceInput:
    """The document-level values the totals depend on.

    Used for invoices, quotes, credits, recurring invoices/quotes and purchase
    orders alike.  ``precision`` is the client's (vendor's for purchase
    orders) currency precision.  A null surcharge is stored as 0: upstream
    treats null and 0 identically in every step.

    ``is_amount_discount`` defaults to False (the database default); note that
    upstream's invoice factory creates new documents with True, so callers
    must pass the entity's actual flag.
    """

    line_items: tuple[LineItemInput, ...] = ()
    discount: Decimal = Decimal(0)
    is_amount_discount: bool = False
    tax_name1: str = ""
    tax_rate1: Decimal = Decimal(0)
    tax_name2: str = ""
    tax_rate2: Decimal = Decimal(0)
    tax_name3: str = ""
    tax_rate3: Decimal = Decimal(0)
    custom_surcharge1: Decimal = Decimal(0)
    custom_surcharge2: Decimal = Decimal(0)
    custom_surcharge3: Decimal = Decimal(0)
    custom_surcharge4: Decimal = Decimal(0)
    custom_surcharge_tax1: bool = False
    custom_surcharge_tax2: bool = False
    custom_surcharge_tax3: bool = False
    custom_surcharge_tax4: bool = False
    uses_inclusive_taxes: bool = False
    precision: int = 2

    def __post_init__(self) -> None:
        items: Iterable[Any] = self.line_items or ()
        object.__setattr__(
            self,
            "line_items",
            tuple(
                item if isinstance(item, LineItemInput) else LineItemInput.from_mapping(item)
                for item in items
            ),
        )
        for name in _INVOICE_NUMBERS:
            object.__setattr__(self, name, to_decimal(getattr(self, name)))
        for name in _INVOICE_NAMES:
            object.__setattr__(self, name, tax_name_text(getattr(self, name)))
        for name in _INVOICE_FLAGS:
            object.__setattr__(self, name, _flag(getattr(self, name)))
        precision = self.precision
        if isinstance(precision, bool) or not isinstance(precision, int) or precision < 0:
            raise ValueError(f"precision must be a non-negative int, got {precision!r}")

    @property
    def tax_slots(self) -> tuple[tuple[str, Decimal], tuple[str, Decimal], tuple[str, Decimal]]:
        return (
            (self.tax_name1, self.tax_rate1),
            (self.tax_name2, self.tax_rate2),
            (self.tax_name3, self.tax_rate3),
        )

    @property
    def surcharges(self) -> tuple[tuple[Decimal, bool], ...]:
        """(amount, taxable) for custom surcharges 1..4."""
        return (
            (self.custom_surcharge1, self.custom_surcharge_tax1),
            (self.custom_surcharge2, self.custom_surcharge_tax2),
            (self.custom_surcharge3, self.custom_surcharge_tax3),
            (self.custom_surcharge4, self.custom_surcharge_tax4),
        )
