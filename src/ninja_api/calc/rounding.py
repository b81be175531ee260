"""Decimal conversion and the rounding helpers upstream applies to money.

Upstream computes with PHP floats but every value that matters passes through
``round()`` or ``number_format()``, both of which round half away from zero on
the value as typed (they pre-round away binary noise).  Exact ``Decimal``
arithmetic followed by ``ROUND_HALF_UP`` reproduces that; Python's
``ROUND_HALF_UP`` rounds ties away from zero for negative numbers too.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import Union

__all__ = [
    "MONEY_CONTEXT",
    "Numeric",
    "format_money",
    "money_context",
    "round_money",
    "round_rappen",
    "to_decimal",
]

Numeric = Union[Decimal, int, str, bool, float, None]

# 50 significant digits keeps products of DECIMAL(20,6) values exact and leaves
# ample room for the non-terminating quotients of the inclusive-tax formula.
# Rounding of intermediate quotients is irrelevant at that depth; the money
# rounding itself is always requested explicitly with ROUND_HALF_UP.
MONEY_CONTEXT = Context(
    prec=50,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

_FIVE_CENTS = Decimal("0.05")


def money_context() -> AbstractContextManager[Context]:
    """A private copy of :data:`MONEY_CONTEXT`; the caller's context is left alone."""
    return localcontext(MONEY_CONTEXT)


def to_decimal(value: Numeric) -> Decimal:
    """Convert an incoming number the way the spec asks: ``Decimal(str(value))``.

    * ``None`` and ``""`` become 0, as PHP casts a missing number to 0.
    * ``bool`` becomes 1 or 0 (PHP's float cast of a boolean).
    * ``float`` is accepted because JSON decoders produce floats, but only via
      ``str()``: the shortest repr is the number the client typed, whereas
      ``Decimal(float)`` would expose the binary approximation.
    * NaN, infinities and non-numeric strings raise ``ValueError``.
    """
    if value is None:
        return Decimal(0)
    if isinstance(value, bool):
        return Decimal(1) if value else Decimal(0)
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, float)):
        result = Decimal(str(value))
    elif isinstance(value, str):
        text = value.strip()
        if text == "":
            return Decimal(0)
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    else:
        raise TypeError(f"unsupported numeric type: {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return result


def _quantum(places: int) -> Decimal:
    if places < 0:
        raise ValueError("precision must be >= 0")
    return Decimal(1).scaleb(-places)


def round_money(value: Numeric, precision: int = 2) -> Decimal:
    """``R(x, p)``: round half away from zero to ``precision`` decimals.

    A negative zero result is returned as plain zero so that serialised output
    never shows ``-0.00`` (the DECIMAL columns upstream cannot hold one).
    """
    result = to_decimal(value).quantize(
        _quantum(precision), rounding=ROUND_HALF_UP, context=MONEY_CONTEXT
    )
    return result.copy_abs() if result.is_zero() else result


def format_money(value: Numeric, precision: int = 2) -> Decimal:
    """``F(x, p)``: upstream's ``formatValue``.

    Upstream prints the float with six decimals before rounding it to the
    target precision, so a value is first rounded to 6 places and then to
    ``precision``.  That double rounding differs from :func:`round_money` only
    when the 7th decimal tips a tie (2.4999996 at p=0 gives 3, not 2).
    """
    return round_money(round_money(value, 6), precision)


def round_rappen(value: Numeric) -> Decimal:
    """Swiss 5-cent rounding applied to amount and balance when enabled."""
    with money_context():
        steps = round_money(to_decimal(value) / _FIVE_CENTS, 0)
        result = steps * _FIVE_CENTS
    return result.copy_abs() if result.is_zero() else result
