"""Reading bank statements: delimiters, amounts as banks write them, dates as PHP reads them, hints."""

import datetime as dt
from decimal import Decimal

import pytest

from ninja_api.imports import statements


@pytest.mark.parametrize("text, expected", [
    ("12.50", Decimal("12.50")), ("-12,50", Decimal("-12.50")), ("1,234.56", Decimal("1234.56")),
    ("1.234,56", Decimal("1234.56")), ("$ 3.00", Decimal("3.00")), ("1,000", Decimal("1000")),
    ("(45.10)", Decimal("-45.10")), ("", None), ("n/a", None), (None, None),
])
def test_number(text, expected):
    assert statements.number(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("2026-11-03", dt.date(2026, 11, 3)), ("11/03/2026", dt.date(2026, 11, 3)), ("03-11-2026", dt.date(2026, 11, 3)),
    ("03.11.2026", dt.date(2026, 11, 3)), ("2026-11-03 10:22:01", dt.date(2026, 11, 3)), ("20261103", dt.date(2026, 11, 3)),
    ("yesterday", None),
])
def test_date(text, expected):
    assert statements.date(text) == expected


def test_rows_pick_the_delimiter_of_the_first_line():
    assert statements.rows("\ufeffDate;Amount;Text\n2026-01-02;-3,50;Bus\n\n") == [
        ["Date", "Amount", "Text"], ["2026-01-02", "-3,50", "Bus"]]
    assert statements.rows('a,b\n"x, y",2\n') == [["a", "b"], ["x, y", "2"]]


def test_hints_name_each_field_once():
    assert statements.hints(["Booking Date", "Description", "Amount", "Category Type", "Type", "Other"]) == [6, 8, 1, 5, 9, None]


def test_transaction_fields_and_type():
    record = {"transaction.date": "11/20/2026", "transaction.amount": "-1,234.50", "transaction.description": "Rent",
              "transaction.currency": "eur"}
    assert statements.transaction(record, {"EUR": "3"}, dt.date(2026, 1, 1)) == {
        "transaction_id": 0, "amount": Decimal("1234.50"), "currency_id": 3, "account_type": "bank",
        "category_id": None, "category_type": "", "date": dt.date(2026, 11, 20), "bank_account_id": 0,
        "description": "Rent", "base_type": "DEBIT", "participant": "", "participant_name": ""}
    assert statements.base_type({"transaction.payment_type_Credit": "", "transaction.payment_type_Debit": "9"}) == "DEBIT"
    assert statements.base_type({"transaction.payment_type_Credit": "9"}) == "CREDIT"
    assert statements.base_type({"transaction.base_type": "Withdrawal", "transaction.amount": "5"}) == "DEBIT"
    assert statements.base_type({"transaction.amount": "5"}) == "CREDIT"
    assert statements.mapped(["a"], {0: "transaction.date", 2: "transaction.amount"}) is None
