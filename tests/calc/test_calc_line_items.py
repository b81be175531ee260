"""Per-line results (calculation.md §2).

Upstream's item-level tests run against a document created by its invoice
factory: amount-mode discount, invoice discount 0.  The helpers below use the
same defaults unless a test says otherwise.
"""

from decimal import Decimal as D

from ninja_api.calc import InvoiceInput, LineItemInput, calculate

HIGH_PRECISION_DISCOUNT = D("2.521254522145214511")


def item_result(item, *, inclusive=False, amount_mode=True, discount=0, precision=2):
    totals = calculate(
        InvoiceInput(
            line_items=[item],
            is_amount_discount=amount_mode,
            discount=discount,
            uses_inclusive_taxes=inclusive,
            precision=precision,
        )
    )
    return totals, totals.line_items[0]


# --- exclusive lines (§2.2) -------------------------------------------------


def test_simple_line():
    totals, line = item_result(LineItemInput(quantity=1, cost=10))
    assert line.line_total == 10
    assert totals.sub_total == 10


def test_gross_line_total_adds_tax():
    _, line = item_result(LineItemInput(quantity=1, cost=10, tax_rate1=10))
    assert line.line_total == 10
    assert line.gross_line_total == 11


def test_amount_line_discount():
    # 10 - 2 = 8; tax 10% of 8 = 0.80; gross 8.80.
    _, line = item_result(LineItemInput(quantity=1, cost=10, discount=2, tax_rate1=10))
    assert line.line_total == 8
    assert line.tax_amount == D("0.80")
    assert line.gross_line_total == D("8.8")


def test_high_precision_amount_discount_is_rounded_first():
    # §10.7: 2.5212545... is rounded to 2.52 before use -> 7.48.
    totals, line = item_result(LineItemInput(quantity=1, cost=10, discount=HIGH_PRECISION_DISCOUNT))
    assert line.line_total == D("7.48")
    assert totals.sub_total == D("7.48")


def test_high_precision_discount_with_one_tax():
    # 7.48 x 10% = 0.748 -> 0.75.
    _, line = item_result(
        LineItemInput(quantity=1, cost=10, discount=HIGH_PRECISION_DISCOUNT, tax_rate1=10)
    )
    assert line.tax_amount == D("0.75")


def test_high_precision_discount_with_two_named_taxes():
    # 7.48 x 10% = 0.748 -> 0.75; 7.48 x 17.5% = 1.309 -> 1.31; sum 2.06, two groups.
    totals, line = item_result(
        LineItemInput(
            quantity=1,
            cost=10,
            discount=HIGH_PRECISION_DISCOUNT,
            tax_name1="GST",
            tax_rate1=10,
            tax_name2="VAT",
            tax_rate2=D("17.5"),
        )
    )
    assert line.taxes == (D("0.75"), D("1.31"), D("0"))
    assert line.tax_amount == D("2.06")
    assert len(totals.tax_map) == 2


def test_two_taxes_on_discounted_line():
    # 8 x 10% = 0.80; 8 x 17.5% = 1.40; total 2.20.
    _, line = item_result(
        LineItemInput(quantity=1, cost=10, discount=2, tax_rate1=10, tax_rate2=D("17.5"))
    )
    assert line.tax_amount == D("2.20")


def test_two_lines_with_discounts_sum():
    totals = calculate(
        InvoiceInput(
            line_items=[LineItemInput(quantity=1, cost=10, discount=2)] * 2,
            is_amount_discount=True,
        )
    )
    assert [line.line_total for line in totals.line_items] == [8, 8]
    assert totals.sub_total == 16


def test_invoice_discount_does_not_change_line_totals():
    # The document discount only touches taxes and the total, never line_total.
    totals, line = item_result(LineItemInput(quantity=1, cost=10), discount=1)
    assert line.line_total == 10 and totals.sub_total == 10
    totals, line = item_result(LineItemInput(quantity=1, cost=10), amount_mode=False, discount=5)
    assert line.line_total == 10 and totals.sub_total == 10
    totals = calculate(
        InvoiceInput(line_items=[LineItemInput(quantity=1, cost=10)] * 2, discount=20)
    )
    assert [line.line_total for line in totals.line_items] == [10, 10]
    assert totals.sub_total == 20


def test_percent_mode_rounds_the_line_total():
    # 3 x 3.333 = 9.999 -> 10.00 at 2 dp in percent mode.
    _, line = item_result(LineItemInput(quantity=3, cost=D("3.333")), amount_mode=False)
    assert str(line.line_total) == "10.00"


def test_percent_line_discount():
    # 100 - 100 x 12.5% = 87.5 -> 87.50.
    _, line = item_result(LineItemInput(quantity=1, cost=100, discount=D("12.5")), amount_mode=False)
    assert line.line_total == D("87.50")


def test_amount_mode_keeps_the_line_total_unrounded():
    # §10.5: 3 x 3.333 = 9.999 stays 9.999 in the stored line_total...
    totals, line = item_result(LineItemInput(quantity=3, cost=D("3.333")))
    assert str(line.line_total) == "9.999"
    # ...while the sub total adds the line rounded to the currency: 10.00.
    assert totals.sub_total == D("10.00")


def test_first_pass_taxes_apply_the_invoice_discount_as_percent():
    # Percent mode, invoice discount 10%: tax base 100 - 10% = 90 -> 9.00.
    _, line = item_result(
        LineItemInput(quantity=1, cost=100, tax_name1="GST", tax_rate1=10),
        amount_mode=False,
        discount=10,
    )
    assert line.tax_amount == D("9.00")
    # gross = net line total + (discounted) tax
    assert line.gross_line_total == D("109.00")


def test_item_flag_follows_the_invoice():
    _, line = item_result(LineItemInput(quantity=1, cost=1), amount_mode=False)
    assert line.is_amount_discount is False
    _, line = item_result(LineItemInput(quantity=1, cost=1), amount_mode=True)
    assert line.is_amount_discount is True


def test_line_from_mapping_ignores_unknown_keys_and_casts():
    item = LineItemInput.from_mapping(
        {"quantity": "2", "cost": 1.5, "tax_name1": 10, "tax_rate1": None, "notes": "x", "id": 4}
    )
    assert item.quantity == 2 and item.cost == D("1.5")
    assert item.tax_name1 == "10" and item.tax_rate1 == 0
    invoice = InvoiceInput(line_items=[{"quantity": 2, "cost": "1.5"}])
    assert invoice.line_items == (LineItemInput(quantity=2, cost=D("1.5")),)


def test_zero_quantity_line_is_zero():
    # §10.1: documentary credit lines use quantity 0.
    _, line = item_result(LineItemInput(quantity=0, cost=-100, tax_name1="GST", tax_rate1=10))
    assert line.line_total == 0 and line.tax_amount == 0 and line.gross_line_total == 0


# --- inclusive lines (§2.3) -------------------------------------------------


def test_inclusive_simple_line():
    _, line = item_result(LineItemInput(quantity=1, cost=10), inclusive=True)
    assert line.line_total == 10
    assert line.gross_line_total == 10


def test_inclusive_amount_discount():
    _, line = item_result(LineItemInput(quantity=1, cost=10, discount=2), inclusive=True)
    assert line.line_total == 8


def test_inclusive_high_precision_discount():
    _, line = item_result(
        LineItemInput(quantity=1, cost=10, discount=HIGH_PRECISION_DISCOUNT), inclusive=True
    )
    assert line.line_total == D("7.48")


def test_inclusive_single_tax():
    # 10 - 10/1.1 = 0.9090... -> 0.91
    totals, line = item_result(LineItemInput(quantity=1, cost=10, tax_rate1=10), inclusive=True)
    assert line.tax_amount == D("0.91")
    assert totals.sub_total == 10
    assert line.gross_line_total == line.line_total == 10


def test_inclusive_single_tax_after_discount():
    # 8 - 8/1.1 = 0.7272... -> 0.73
    totals, line = item_result(
        LineItemInput(quantity=1, cost=10, discount=2, tax_rate1=10), inclusive=True
    )
    assert line.tax_amount == D("0.73")
    assert totals.sub_total == 8


def test_inclusive_two_rates_are_extracted_independently():
    # §2.3: 10 - 10/1.1 = 0.91 and 10 - 10/1.175 = 1.4893... -> 1.49; 2.40 (not compounded).
    totals, line = item_result(
        LineItemInput(quantity=1, cost=10, tax_rate1=10, tax_rate2=D("17.5")), inclusive=True
    )
    assert line.taxes[:2] == (D("0.91"), D("1.49"))
    assert line.tax_amount == D("2.40")
    assert totals.sub_total == 10


def test_inclusive_two_rates_after_amount_discount():
    # 9 - 9/1.1 = 0.8181 -> 0.82; 9 - 9/1.175 = 1.3404 -> 1.34; 2.16
    totals, line = item_result(
        LineItemInput(quantity=1, cost=10, discount=1, tax_rate1=10, tax_rate2=D("17.5")),
        inclusive=True,
    )
    assert totals.sub_total == 9
    assert line.tax_amount == D("2.16")


def test_inclusive_two_rates_multi_quantity():
    # 20 - 1 = 19; 19 - 19/1.1 = 1.7272 -> 1.73; 19 - 19/1.175 = 2.8297 -> 2.83; 4.56
    totals, line = item_result(
        LineItemInput(quantity=2, cost=10, discount=1, tax_rate1=10, tax_rate2=D("17.5")),
        inclusive=True,
    )
    assert totals.sub_total == 19
    assert line.tax_amount == D("4.56")


def test_inclusive_percent_line_discount_multi_quantity():
    # 20 - F(20 x 1%) = 19.8; 19.8 - 18 = 1.80; 19.8 - 19.8/1.175 = 2.9489 -> 2.95; 4.75
    totals, line = item_result(
        LineItemInput(quantity=2, cost=10, discount=1, tax_rate1=10, tax_rate2=D("17.5")),
        inclusive=True,
        amount_mode=False,
    )
    assert totals.sub_total == D("19.8")
    assert line.tax_amount == D("4.75")


def test_inclusive_percent_mode_does_not_round_the_line_total():
    # 3 x 3.333 = 9.999 minus F(0) stays 9.999, unlike the exclusive side.
    totals, line = item_result(LineItemInput(quantity=3, cost=D("3.333")), inclusive=True, amount_mode=False)
    assert str(line.line_total) == "9.999"
    assert str(totals.sub_total) == "9.999"
