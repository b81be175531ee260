"""Pure money calculation core, matching upstream Invoice Ninja to the cent.

Standard library only; every value is a ``Decimal``.  See
/work/shared/reference/calculation.md for the rules implemented here.
"""

from .adjustments import increased_cost, late_fee
from .balance import (
    InvoiceStatus,
    StoredMoney,
    calculated_status,
    clamp_partial_after_save,
    clamp_partial_unsaved,
    recurring_stored_money,
    stored_money,
    updated_status,
)
from .exclusive import calculate_exclusive
from .inclusive import calculate_inclusive
from .inputs import InvoiceInput, LineItemInput
from .invoice import calculate
from .results import InvoiceTotals, LineItemResult
from .rounding import (
    MONEY_CONTEXT,
    Numeric,
    format_money,
    money_context,
    round_money,
    round_rappen,
    to_decimal,
)
from .taxes import TaxGroup, is_named_tax, tax_group_key, tax_label

__all__ = [
    "MONEY_CONTEXT",
    "InvoiceInput",
    "InvoiceStatus",
    "InvoiceTotals",
    "LineItemInput",
    "LineItemResult",
    "Numeric",
    "StoredMoney",
    "TaxGroup",
    "calculate",
    "calculate_exclusive",
    "calculate_inclusive",
    "calculated_status",
    "clamp_partial_after_save",
    "clamp_partial_unsaved",
    "format_money",
    "increased_cost",
    "is_named_tax",
    "late_fee",
    "money_context",
    "recurring_stored_money",
    "round_money",
    "round_rappen",
    "stored_money",
    "tax_group_key",
    "tax_label",
    "to_decimal",
    "updated_status",
]
