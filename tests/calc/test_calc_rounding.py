"""Rounding helpers and number conversion (calculation.md §1)."""

from decimal import Decimal as D, getcontext, localcontext

import pytest

from ninja_api.calc import (
    InvoiceInput,
    LineItemInput,
    calculate,
    format_money,
    round_money,
    round_rappen,
    to_decimal,
)


@pytest.mark.parametrize(
    "value, places, expected",
    [
        # §1.1: halves go away from zero, judged on the decimal value typed.
        ("1.005", 2, "1.01"),
        ("2.145", 2, "2.15"),
        ("0.875", 2, "0.88"),
        ("-8.181818181818", 2, "-8.18"),
        ("3.1449444", 3, "3.145"),
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("-1.005", 2, "-1.01"),
        ("1.004999", 2, "1.00"),
    ],
)
def test_round_money_is_half_away_from_zero(value, places, expected):
    result = round_money(D(value), places)
    assert result == D(expected)
    assert str(result) == expected


def test_round_money_fixes_the_exponent():
    # Results carry exactly `precision` places so serialisation is stable.
    assert str(round_money(10, 2)) == "10.00"
    assert str(round_money(D("1084.3"), 0)) == "1084"
    assert str(round_money(D("1.2345"), 3)) == "1.235"


def test_negative_zero_is_normalised():
    assert str(round_money(D("-0.001"), 2)) == "0.00"
    assert str(format_money(D("-0.0000001"), 2)) == "0.00"


def test_format_money_pre_rounds_to_six_places():
    # §1.2: 2.4999996 -> 2.500000 at 6 dp -> 3 at 0 dp; plain rounding gives 2.
    assert format_money(D("2.4999996"), 0) == D("3")
    assert round_money(D("2.4999996"), 0) == D("2")
    # Away from such ties both helpers agree.
    assert format_money(D("7.9831932773"), 2) == round_money(D("7.9831932773"), 2) == D("7.98")


@pytest.mark.parametrize(
    "value, expected",
    # §5.2 examples.
    [("10.01", "10.00"), ("10.09", "10.10"), ("20.18", "20.20"), ("-10.03", "-10.05")],
)
def test_round_rappen(value, expected):
    assert round_rappen(D(value)) == D(expected)


def test_to_decimal_conversions():
    assert to_decimal(None) == 0
    assert to_decimal("") == 0
    assert to_decimal(True) == 1 and to_decimal(False) == 0
    assert to_decimal(7) == D(7)
    assert to_decimal(" 2.50 ") == D("2.50")
    # A float is read through its shortest repr, not its binary value.
    assert to_decimal(0.1) == D("0.1")
    # The literal upstream's test types has more digits than a double holds;
    # the shortest repr of that double is 2.5212545221452145.
    assert to_decimal(2.521254522145214511) == D("2.5212545221452145")
    assert isinstance(to_decimal(0.1), D)


@pytest.mark.parametrize("bad", ["abc", "1,5", float("nan"), float("inf"), D("NaN"), "Infinity"])
def test_to_decimal_rejects_non_numbers(bad):
    with pytest.raises(ValueError):
        to_decimal(bad)


def test_to_decimal_rejects_unknown_types():
    with pytest.raises(TypeError):
        to_decimal([1])


def test_round_money_rejects_negative_precision():
    with pytest.raises(ValueError):
        round_money(1, -1)


def test_caller_context_is_neither_used_nor_changed():
    invoice = InvoiceInput(
        line_items=[LineItemInput(quantity=1, cost="50", tax_name1="taxy", tax_rate1=19)],
        uses_inclusive_taxes=True,
    )
    before = getcontext().prec
    with localcontext() as ctx:
        # A tiny caller precision would wreck 50 - 50/1.19 if it leaked in.
        ctx.prec = 3
        totals = calculate(invoice)
        assert getcontext().prec == 3
    assert getcontext().prec == before
    # 50 - 50/1.19 = 7.983193... -> 7.98
    assert totals.total_taxes == D("7.98")
