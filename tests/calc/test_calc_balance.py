"""Stored amount/balance, partial clamping and derived statuses (calculation.md §5, §6.2, §6.5)."""

from decimal import Decimal as D

import pytest

from ninja_api.calc import (
    InvoiceInput,
    InvoiceStatus,
    LineItemInput,
    calculate,
    calculated_status,
    clamp_partial_after_save,
    clamp_partial_unsaved,
    recurring_stored_money,
    stored_money,
    updated_status,
)


def totals_for(cost, **kwargs):
    return calculate(InvoiceInput(line_items=[LineItemInput(quantity=1, cost=cost)], **kwargs))


# --- §5.1 balance rule ------------------------------------------------------


def test_draft_balance_is_left_untouched():
    money = stored_money(totals_for(100), status_id=1, amount_old=0, balance_old=0, paid_to_date=0)
    assert money.amount == 100
    assert money.balance == 0


def test_cancelled_balance_is_zero():
    money = stored_money(totals_for(100), status_id=5, amount_old=80, balance_old=30, paid_to_date=50)
    assert money.balance == 0
    assert money.amount == 100


def test_unpaid_invoice_balance_follows_the_total():
    # amount_old == balance_old -> balance = R(total) = 120.
    money = stored_money(totals_for(120), status_id=2, amount_old=100, balance_old=100, paid_to_date=0)
    assert money.amount == money.balance == 120


def test_paid_invoice_balance_subtracts_paid_to_date():
    # amount_old 100 != balance_old 60 -> 120 - 40 = 80.
    money = stored_money(totals_for(120), status_id=3, amount_old=100, balance_old=60, paid_to_date=40)
    assert money.amount == 120
    assert money.balance == 80


def test_shortcut_ignores_paid_to_date_when_amount_equals_balance():
    # §5.1 quirk: amount_old == balance_old although 30 was paid -> balance 120.
    money = stored_money(totals_for(120), status_id=2, amount_old=100, balance_old=100, paid_to_date=30)
    assert money.balance == 120


def test_total_taxes_are_passed_through():
    totals = calculate(
        InvoiceInput(line_items=[LineItemInput(quantity=1, cost=100, tax_name1="GST", tax_rate1=10)])
    )
    money = stored_money(totals, status_id=2, amount_old=0, balance_old=0, paid_to_date=0)
    assert money.total_taxes == 10 and money.amount == 110 and money.balance == 110


def test_balance_rounding_differs_between_calculators_only_in_contrived_ties():
    # JPY (p=0), exclusive, amount discount 0.5000004 on 3: total 2.4999996.
    # amount F = 3 (6-dp pre-round), balance basis R = 2.
    exclusive = totals_for(3, discount=D("0.5000004"), is_amount_discount=True, precision=0)
    assert exclusive.total == D("2.4999996")
    assert exclusive.amount == 3
    assert exclusive.balance_total == 2
    # Upstream applies the balance step twice: the first pass stores amount 3
    # and balance 2, so the second sees amount != balance and subtracts the
    # paid 1: balance 2 - 1 = 1.
    money = stored_money(exclusive, status_id=2, amount_old=5, balance_old=5, paid_to_date=1)
    assert (money.amount, money.balance) == (3, 1)
    # The inclusive calculator formats for the balance too: 3.
    inclusive = totals_for(
        3, discount=D("0.5000004"), is_amount_discount=True, precision=0, uses_inclusive_taxes=True
    )
    assert inclusive.balance_total == 3


def test_rappen_rounding():
    # §5.2 (upstream testRappenRounding / testRappenRoundingUp).
    money = stored_money(totals_for(D("10.01")), status_id=1, amount_old=0, balance_old=0, paid_to_date=0, rappen_rounding=True)
    assert money.amount == 10 and money.balance == 0
    money = stored_money(totals_for(D("10.09")), status_id=1, amount_old=0, balance_old=0, paid_to_date=0, rappen_rounding=True)
    assert money.amount == D("10.10")
    # Sent invoice re-priced to 2 x 10.09 = 20.18 -> 20.20 for amount and balance.
    totals = calculate(InvoiceInput(line_items=[LineItemInput(quantity=2, cost=D("10.09"))]))
    money = stored_money(totals, status_id=2, amount_old=D("10.10"), balance_old=D("10.10"), paid_to_date=0, rappen_rounding=True)
    assert money.amount == D("20.20") and money.balance == D("20.20")


def test_recurring_balance_equals_amount():
    money = recurring_stored_money(totals_for(D("10.09")))
    assert money.amount == money.balance == D("10.09")
    money = recurring_stored_money(totals_for(D("10.09")), rappen_rounding=True)
    assert money.amount == money.balance == D("10.10")
    # The inclusive calculator skips Rappen rounding for recurring documents.
    money = recurring_stored_money(totals_for(D("10.09"), uses_inclusive_taxes=True), rappen_rounding=True)
    assert money.amount == money.balance == D("10.09")


# --- §5.3 partial -----------------------------------------------------------


@pytest.mark.parametrize(
    "partial, balance, expected",
    [
        (D("150.005"), 100, D("100")),  # clamped to the balance
        (D("10.005"), 100, D("10.01")),  # rounded to 2 dp half up
        (D("-5"), 100, D("0")),  # never negative
        (D("5"), 0, D("0")),  # drafts have balance 0
        (None, 100, None),
    ],
)
def test_clamp_partial_unsaved(partial, balance, expected):
    assert clamp_partial_unsaved(partial, balance) == expected


def test_clamp_partial_unsaved_inclusive_formats():
    # 10.0049996: F -> 10.005000 -> 10.01, R -> 10.00.
    assert clamp_partial_unsaved(D("10.0049996"), 100, inclusive=True) == D("10.01")
    assert clamp_partial_unsaved(D("10.0049996"), 100) == D("10.00")


@pytest.mark.parametrize(
    "partial, amount, balance, expected",
    [
        (150, 100, 100, 100),  # larger than the amount -> min(amount, balance)
        (150, 100, 60, 60),
        (150, 100, 0, 150),  # draft (balance 0) keeps the oversized partial
        (150, 100, D("0.5"), 150),  # int(0.5) == 0 counts as no balance
        (150, 100, D("-0.9"), 150),  # int() truncates toward zero
        (150, 0, 100, 150),  # amount not positive
        (80, 100, 100, 80),  # already within the amount
        (None, 100, 100, None),
    ],
)
def test_clamp_partial_after_save(partial, amount, balance, expected):
    assert clamp_partial_after_save(partial, amount, balance) == expected


# --- statuses (§6.2 updateStatus, §6.5 setCalculatedStatus) -----------------


@pytest.mark.parametrize(
    "balance, amount, expected",
    [
        (0, 100, InvoiceStatus.PAID),
        (D("0.004"), 100, InvoiceStatus.PAID),  # rounds to 0.00 at 2 dp
        (D("0.005"), 100, InvoiceStatus.PARTIAL),  # rounds to 0.01
        (50, 100, InvoiceStatus.PARTIAL),
        (100, 100, InvoiceStatus.SENT),
        (-5, 100, InvoiceStatus.SENT),  # over-payment
        (120, 100, InvoiceStatus.SENT),
    ],
)
def test_calculated_status(balance, amount, expected):
    assert calculated_status(balance, amount) == expected
    assert updated_status(InvoiceStatus.SENT, balance, amount) == expected


def test_updated_status_leaves_drafts_alone():
    assert updated_status(1, 0, 100) == 1
    assert calculated_status(0, 100) == 4
