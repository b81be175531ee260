from datetime import date
from decimal import Decimal

import pytest

from ninja_api.formatting import day, money, number


@pytest.mark.parametrize("value,precision,expected", [
    ("1234.5", 2, "1,234.50"),
    ("0.005", 2, "0.01"),
    ("-0.005", 2, "-0.01"),
    ("1234567.891", 0, "1,234,568"),
    ("999.995", 2, "1,000.00"),
    ("12", 3, "12.000"),
])
def test_number_rounds_half_away_from_zero_and_groups(value, precision, expected):
    assert number(Decimal(value), precision) == expected


@pytest.mark.parametrize("currency_id,country_id,kwargs,expected", [
    ("1", None, {}, "$1,234.50"),
    ("3", None, {}, "€1.234,50"),
    ("3", "840", {}, "€1,234.50"),  # the country's separators win over the currency's
    ("1", None, {"show_code": True}, "1,234.50 USD"),
    ("17", None, {"show_code": True}, "CHF 1'234.50"),
])
def test_money(currency_id, country_id, kwargs, expected):
    assert money(Decimal("1234.5"), currency_id, country_id, **kwargs) == expected


def test_day_uses_php_format_letters():
    assert day(date(2026, 3, 7), "d/M/Y") == "07/Mar/2026"
    assert day(date(2026, 3, 7), "F j, Y") == "March 7, 2026"
    assert day(None, "Y-m-d") == ""


def test_negative_sign_goes_before_the_symbol():
    assert money(Decimal("-69"), "1") == "-$69.00"
    assert money(Decimal("-1234.5"), "3") == "-€1.234,50"


def test_country_can_swap_the_symbol():
    from ninja_api.statics.data import statics

    swapping = [c for c in statics()["countries"] if c.get("swap_currency_symbol")]
    assert swapping, "the statics list countries that write the symbol after the amount"
    assert money(Decimal("5"), "3", swapping[0]["id"]).endswith(" €")
