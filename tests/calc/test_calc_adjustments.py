"""Price increase and late fee rules (calculation.md §5.6)."""

from decimal import Decimal as D

from ninja_api.calc import increased_cost, late_fee


def test_increase_prices():
    # §5.6: 60 -> +10% -> 66 -> +1% -> 66.66.
    assert increased_cost(60, 10) == 66
    assert increased_cost(66, 1) == D("66.66")


def test_increase_percentage_is_rounded_as_a_fraction():
    # 12.5% -> 0.125 -> 0.13 at 2 dp: 100 x 1.13 = 113.
    assert increased_cost(100, D("12.5")) == 113
    # The cost itself is not rounded: 3.333 x 1.1 = 3.6663.
    assert increased_cost(D("3.333"), 10) == D("3.6663")


def test_no_late_fee_without_amount_or_percent():
    assert late_fee(0, 0, partial=0, balance=100) is None
    assert late_fee(-1, 0, partial=0, balance=100) is None


def test_late_fee_on_balance():
    # 5 + R(100 x 10%) = 15.
    assert late_fee(5, 10, partial=0, balance=100) == 15
    # 0.333% of 100 = 0.333 -> 0.33.
    assert late_fee(0, D("0.333"), partial=0, balance=100) == D("0.33")


def test_late_fee_on_partial():
    # partial 20 > 0 is the base: 5 + 2 = 7.
    assert late_fee(5, 10, partial=20, balance=100) == 7
    assert late_fee(5, 10, partial=None, balance=100) == 15
