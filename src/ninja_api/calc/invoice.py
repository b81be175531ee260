"""Entry point choosing the exclusive or inclusive calculator."""

from __future__ import annotations

from .exclusive import calculate_exclusive
from .inclusive import calculate_inclusive
from .inputs import InvoiceInput
from .results import InvoiceTotals

__all__ = ["calculate"]


def calculate(invoice: InvoiceInput) -> InvoiceTotals:
    """Recalculate a document's lines and totals (no balance, see :mod:`.balance`)."""
    if invoice.uses_inclusive_taxes:
        return calculate_inclusive(invoice)
    return calculate_exclusive(invoice)
