"""Document totals with inclusive taxes (calculation.md §4).

Vectors marked "upstream" are the assertions of upstream's unit tests
(tests/Unit/InvoiceInclusiveTest.php, InvoiceTest.php, InvoiceItemTest.php);
the others are worked out by hand in the comments.
"""

from decimal import Decimal as D

from ninja_api.calc import InvoiceInput, LineItemInput, TaxGroup, calculate


def invoice(*items, **kwargs):
    kwargs.setdefault("is_amount_discount", True)  # upstream's factory default
    return calculate(InvoiceInput(line_items=list(items), uses_inclusive_taxes=True, **kwargs))


def item(cost, quantity=1, **kwargs):
    return LineItemInput(quantity=quantity, cost=cost, **kwargs)


def test_rounding_per_line():
    # §4 / §10.4 (upstream testInclusiveRounding): 50 - 50/1.19 = 7.98 per line
    # -> 15.96, whereas 100 - 100/1.19 = 15.966 would give 15.97.
    totals = invoice(item(50, tax_name1="taxy", tax_rate1=19), item(50, tax_name1="taxy", tax_rate1=19))
    assert totals.total_taxes == D("15.96")
    assert totals.tax_map == (TaxGroup("taxy", D(19), D("15.96")),)
    # Taxes are contained in the prices: the amount is the sum of the lines.
    assert totals.amount == 100


def test_plain_totals():
    # upstream testInvoiceTotals / ...WithDiscount / ...WithSurcharge
    assert invoice(item(10), item(10)).total == 20
    totals = invoice(item(10), item(10), discount=5)
    assert totals.sub_total == 20 and totals.total == 15
    assert invoice(item(10), item(10), discount=5, custom_surcharge1=5).total == 20


def test_document_tax_after_amount_discount():
    # §4 example (upstream testInvoiceTotalsWithDiscountWithSurchargeWithInclusiveTax):
    # base F(20 - 5) = 15 -> 15 - 15/1.1 = 1.3636 -> 1.36; total 20 - 5 + 5 = 20.
    totals = invoice(
        item(10), item(10), discount=5, custom_surcharge1=5, custom_surcharge_tax1=False,
        tax_name1="GST", tax_rate1=10,
    )
    assert totals.sub_total == 20
    assert totals.total_taxes == D("1.36")
    assert totals.total == 20


def test_document_tax_after_percent_discount():
    # upstream testInvoiceTotalsWithPercentDiscountWithSurchargeWithInclusiveTax:
    # discount R(20 x 5%) = 1; base F(20 - 1) = 19 -> 19 - 19/1.1 = 1.7272 -> 1.73;
    # total 19 + 5 = 24.
    totals = invoice(
        item(10), item(10), discount=5, is_amount_discount=False, custom_surcharge1=5,
        tax_name1="GST", tax_rate1=10,
    )
    assert totals.total_taxes == D("1.73")
    assert totals.total == 24


def test_two_document_taxes():
    # upstream ...WithDoubleExclusiveTax (inclusive calculator): 1.36 twice = 2.72.
    totals = invoice(
        item(10), item(10), discount=5, custom_surcharge1=5,
        tax_name1="GST", tax_rate1=10, tax_name2="GST", tax_rate2=10,
    )
    assert totals.total == 20
    assert totals.total_taxes == D("2.72")


def test_line_taxes_grouped():
    # upstream testLineItemTaxRatesInclusiveTaxes: 0.91 + 0.91 = 1.82, one group.
    totals = invoice(item(10, tax_name1=10, tax_rate1=10), item(10, tax_name1=10, tax_rate1=10))
    assert totals.sub_total == 20
    assert totals.total_taxes == D("1.82")
    assert len(totals.tax_map) == 1
    assert totals.total == 20


def test_line_and_document_taxes_both_reported():
    # upstream testLineItemTaxRatesInclusiveTaxesWithInvoiceTaxes:
    # lines 1.82; document dog 10% and cat 10% on 20: 1.82 each -> 5.46.
    totals = invoice(
        item(10, tax_name1=10, tax_rate1=10), item(10, tax_name1=10, tax_rate1=10),
        tax_name1="dog", tax_rate1=10, tax_name2="cat", tax_rate2=10,
    )
    assert totals.total_taxes == D("5.46")
    assert len(totals.tax_map) == 1
    assert totals.total == 20


def test_line_discounts_and_percent_document_discount():
    # upstream testLineItemTaxRatesInclusiveTaxesWithInvoiceTaxesAndDiscounts:
    # lines 10 - F(10 x 5%) = 9.5 each, sub 19; discount R(19 x 5%) = 0.95 -> 18.05.
    # line base 9.5 - 5% = 9.025 -> 0.8204 -> 0.82 each (1.64);
    # document VAT 10% twice on F(19 - 0.95) = 18.05 -> 1.6409 -> 1.64 each (3.28); 4.92.
    totals = invoice(
        item(10, tax_name1="a10", tax_rate1=10, discount=5),
        item(10, tax_name1="a10", tax_rate1=10, discount=5),
        discount=5, is_amount_discount=False,
        tax_name1="VAT", tax_rate1=10, tax_name2="VAT", tax_rate2=10,
    )
    assert totals.sub_total == 19
    assert totals.total_discount == D("0.95")
    assert totals.total_taxes == D("4.92")
    assert len(totals.tax_map) == 1
    assert totals.total == D("18.05")


def test_line_discounts_and_amount_document_discount():
    # upstream ...WithInvoiceTaxesAndAmountDiscounts: lines 10 - 5 = 5, sub 10, total 5.
    # document base F(10 - 5) = 5 -> 0.4545 -> 0.45 (dog) + 0.45 (cat);
    # lines: 5 - 5 x (5/10) = 2.5 -> 0.2272 -> 0.23 each (0.46); 1.36.
    totals = invoice(
        item(10, tax_name1=10, tax_rate1=10, discount=5),
        item(10, tax_name1=10, tax_rate1=10, discount=5),
        discount=5, tax_name1="dog", tax_rate1=10, tax_name2="cat", tax_rate2=10,
    )
    assert totals.sub_total == 10
    assert totals.total_discount == 5
    assert totals.total_taxes == D("1.36")
    assert totals.total == 5
    assert [line.tax_amount for line in totals.line_items] == [D("0.23"), D("0.23")]


def test_line_discounts_and_amount_document_discount_large_costs():
    # upstream ...WithLargeCosts: lines 95, sub 190, total 185.
    # document: 185 - 185/1.1 = 16.8181 -> 16.82 twice (33.64);
    # lines: 95 - 5 x 95/190 = 92.5 -> 8.4090 -> 8.41 twice (16.82); 50.46.
    totals = invoice(
        item(100, tax_name1=10, tax_rate1=10, discount=5),
        item(100, tax_name1=10, tax_rate1=10, discount=5),
        discount=5, tax_name1="dog", tax_rate1=10, tax_name2="cat", tax_rate2=10,
    )
    assert totals.sub_total == 190
    assert totals.total_discount == 5
    assert totals.total_taxes == D("50.46")
    assert totals.total == 185


def test_taxed_surcharge_joins_document_tax_base():
    # upstream testSurchargesAndTaxes: base 100 + 100 = 200 -> 18.1818 -> 18.18; amount 200.
    totals = invoice(item(100), tax_name1="GST", tax_rate1=10, custom_surcharge1=100, custom_surcharge_tax1=True)
    assert totals.amount == 200
    assert totals.total_taxes == D("18.18")


def test_surcharge_with_line_tax_only():
    # upstream testSurchargesAndTaxes2: no document tax, line GST 10% on 100 -> 9.09.
    totals = invoice(item(100, tax_name1="GST", tax_rate1=10), custom_surcharge1=100, custom_surcharge_tax1=True)
    assert totals.amount == 200
    assert totals.total_taxes == D("9.09")


def test_negative_taxed_surcharge_is_not_in_the_base():
    # Base 100 + 20 (the -10 surcharge is skipped) = 120 -> 10.9090 -> 10.91;
    # amount 100 - 10 + 20 = 110.
    totals = invoice(
        item(100), tax_name1="GST", tax_rate1=10,
        custom_surcharge1=-10, custom_surcharge_tax1=True,
        custom_surcharge2=20, custom_surcharge_tax2=True,
    )
    assert totals.total_taxes == D("10.91")
    assert totals.amount == 110


def test_amount_discount_with_inclusive_line_tax():
    # upstream testDiscountsWithInclusiveTaxes: 100 - 10 = 90; line base 100 - 10 x 1 = 90
    # -> 90 - 90/1.1 = 8.1818 -> 8.18.
    totals = invoice(item(100, tax_name1="GST", tax_rate1=10), discount=10)
    assert totals.amount == 90
    assert totals.total_taxes == D("8.18")


def test_amount_discount_with_inclusive_line_tax_negative():
    # upstream testDiscountsWithInclusiveTaxesNegativeInvoice: -100 - (-10) = -90; tax -8.18.
    totals = invoice(item(100, quantity=-1, tax_name1="GST", tax_rate1=10), discount=-10)
    assert totals.amount == -90
    assert totals.total_taxes == D("-8.18")


def test_percent_discounts_on_line_and_document():
    # upstream testDicountsWithTaxesPercentageOnLine: line 100 - F(10) = 90;
    # base 90 - 9 = 81 -> 81 - 81/1.1 = 7.3636 -> 7.36; discount R(9) = 9; 81.
    totals = invoice(
        item(100, discount=10, tax_name1="GST", tax_rate1=10), discount=10, is_amount_discount=False
    )
    assert totals.amount == 81
    assert totals.total_taxes == D("7.36")


def test_negative_discount_uses_plain_total_as_base():
    # D <= 0 keeps base = total: 100 - (-10) = 110 -> 110 - 100 = 10.00.
    totals = invoice(item(100), discount=-10, tax_name1="GST", tax_rate1=10)
    assert totals.total_tax_map == (TaxGroup("GST", D(10), D("10.00")),)
    assert totals.amount == 110


def test_sub_total_is_not_rounded_per_line():
    # Two lines of 1.005: inclusive sub 2.010 -> amount 2.01, while the
    # exclusive calculator rounds each line (1.01 + 1.01 = 2.02).
    lines = [item(D("1.005")), item(D("1.005"))]
    assert invoice(*lines).amount == D("2.01")
    exclusive = calculate(InvoiceInput(line_items=lines, is_amount_discount=True))
    assert exclusive.amount == D("2.02")


def test_zero_precision_tax_amount_differs_by_mode():
    # JPY 1000 at 10%: 1000 - 1000/1.1 = 90.9090 -> 90.91 (2 dp).
    # Percent mode stores tax_amount F(F(90.91, 0), 0) = 91; the amount-mode
    # redistribution stores the plain 2-dp sum 90.91.  Groups always hold 90.91.
    percent = invoice(item(1000, tax_name1="Tax", tax_rate1=10), is_amount_discount=False, precision=0)
    assert str(percent.line_items[0].tax_amount) == "91"
    assert percent.total_taxes == D("90.91")
    amount = invoice(item(1000, tax_name1="Tax", tax_rate1=10), precision=0)
    assert amount.line_items[0].tax_amount == D("90.91")
    assert amount.total_taxes == D("90.91")
    assert str(amount.amount) == "1000"


def test_short_document_tax_name_ignored():
    totals = invoice(item(100), tax_name1="G", tax_rate1=10)
    assert totals.total_taxes == 0 and totals.total_tax_map == ()


def test_unnamed_line_tax_only_grouped_in_amount_mode():
    # 110 gross with 10% unnamed: 110 - 100 = 10.00.
    percent = invoice(item(110, tax_rate1=10), is_amount_discount=False)
    assert percent.line_items[0].tax_amount == 10
    assert percent.total_taxes == 0
    amount = invoice(item(110, tax_rate1=10))
    assert amount.total_taxes == 10
    # Neither changes the amount: inclusive taxes are never added.
    assert percent.amount == amount.amount == 110


def test_subtotal_zero_with_amount_discount():
    # Lines +110 (10%) and -110: sub 0, so the +110 line keeps its full base -> 10.00.
    totals = invoice(item(110, tax_name1="GST", tax_rate1=10), item(-110), discount=10)
    assert totals.line_items[0].tax_amount == 10
    assert totals.total_taxes == 10
    assert totals.amount == -10


def test_zero_precision_rounds_each_component_before_summing():
    # JPY, 15.4 gross with two 10% slots: each 15.4 - 15.4/1.1 = 1.40 -> F(1.40, 0) = 1,
    # so tax_amount = 1 + 1 = 2 (rounding the 2.80 sum would give 3).
    totals = invoice(
        item(D("15.4"), tax_name1="A1", tax_rate1=10, tax_name2="B1", tax_rate2=10),
        is_amount_discount=False,
        precision=0,
    )
    line = totals.line_items[0]
    assert line.taxes[:2] == (D("1.40"), D("1.40"))
    assert str(line.tax_amount) == "2"
    assert totals.total_taxes == D("2.80")
