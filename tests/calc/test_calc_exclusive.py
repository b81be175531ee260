"""Document totals with exclusive taxes (calculation.md §3 and §10).

Vectors marked "upstream" are the assertions of upstream's own unit tests
(tests/Unit/InvoiceTest.php, InvoiceItemTest.php); the rest are worked out by
hand in the comments.
"""

from decimal import Decimal as D

from ninja_api.calc import InvoiceInput, LineItemInput, TaxGroup, calculate


def invoice(*items, **kwargs):
    kwargs.setdefault("is_amount_discount", True)  # upstream's factory default
    return calculate(InvoiceInput(line_items=list(items), **kwargs))


def item(cost, quantity=1, **kwargs):
    return LineItemInput(quantity=quantity, cost=cost, **kwargs)


# --- worked examples from the spec / upstream tests -------------------------


def test_amount_discount_spread_over_line_taxes():
    # §3 worked example (upstream testGrossTaxAmountCalcuations).
    totals = invoice(
        item(8000, tax_name1="CA", tax_rate1=5),
        item(9500, tax_name1="CA", tax_rate1=5),
        discount=14191,
    )
    assert totals.sub_total == 17500
    assert totals.total_discount == 14191
    first, second = totals.line_items
    # 8000 x (1 - 14191/17500) = 1512.6857 -> 5% = 75.63
    assert first.tax_amount == D("75.63")
    assert first.gross_line_total == D("8075.63")
    # 9500 x (1 - 14191/17500) = 1796.3143 -> 5% = 89.82
    assert second.tax_amount == D("89.82")
    assert second.gross_line_total == D("9589.82")
    assert totals.total_taxes == D("165.45")
    assert totals.amount == D("3474.45")
    assert totals.tax_map == (TaxGroup("CA", D(5), D("165.45")),)


def test_per_line_rounding_before_summing():
    # §10.4 (upstream testTaskRoundingPrecisionThree):
    # 25 x 0.333 = 8.325 -> 8.33 (twice), 25 x 1.333 = 33.325 -> 33.33,
    # 25 x 0.267 = 6.675 -> 6.68, 25 x 0.05 = 1.25 => 57.92 (unrounded sum 57.90).
    costs = ["0.333", "0.333", "1.333", "0.267", "0.05"]
    for amount_mode in (True, False):
        totals = invoice(*(item(D(c), 25) for c in costs), is_amount_discount=amount_mode)
        assert totals.sub_total == D("57.92")
        assert totals.amount == D("57.92")


def test_amount_mode_tax_on_unrounded_line_total():
    # §10.5 (upstream testRoundingWithLargeUnitCostPrecision):
    # line 82.6446 kept; tax 82.6446 x 21% = 17.355366 -> 17.36; sub 82.64; 100.00.
    totals = invoice(item(D("82.6446"), tax_name1="Test", tax_rate1=21))
    line = totals.line_items[0]
    assert str(line.line_total) == "82.6446"
    assert line.tax_amount == D("17.36")
    assert totals.sub_total == D("82.64")
    assert str(totals.amount) == "100.00"


def test_percent_mode_rounds_line_before_tax():
    # Same line in percent mode: 82.64 x 21% = 17.3544 -> 17.35; 99.99.
    totals = invoice(item(D("82.6446"), tax_name1="Test", tax_rate1=21), is_amount_discount=False)
    assert totals.line_items[0].line_total == D("82.64")
    assert totals.amount == D("99.99")


def test_line_tax_percent_mode():
    # upstream testEdgeCasewithDiscountsPercentageAndTaxCalculations: 100 @ 22% "Km".
    totals = invoice(item(100, tax_name1="Km", tax_rate1=22), is_amount_discount=False)
    assert totals.amount == 122
    assert totals.total_taxes == 22


def test_amount_discount_with_tax():
    # upstream testDicountsWithTaxes: 100 - 10 = 90; tax 10% of 90 = 9; 99.
    totals = invoice(item(100, tax_name1="GST", tax_rate1=10), discount=10)
    assert totals.amount == 99
    assert totals.total_taxes == 9


def test_amount_discount_with_tax_negative_invoice():
    # upstream testDicountsWithTaxesNegativeInvoice: sub -100, discount -10 -> -90;
    # base -100 - (-100 x -10/-100) = -90 -> tax -9; -99.
    totals = invoice(item(100, quantity=-1, tax_name1="GST", tax_rate1=10), discount=-10)
    assert totals.amount == -99
    assert totals.total_taxes == -9


def test_percent_discount_with_tax():
    # upstream testDicountsWithTaxesPercentage: discount R(100 x 10%) = 10; tax 9; 99.
    totals = invoice(item(100, tax_name1="GST", tax_rate1=10), discount=10, is_amount_discount=False)
    assert totals.total_discount == 10
    assert totals.amount == 99
    assert totals.total_taxes == 9


def test_negative_percent_discounts_increase_magnitude():
    # §10.2 (upstream testDicountsWithExclusiveTaxesPercentageOnLine):
    # line -100 with -10% -> -110; base -110 - (-110 x -10%) = -121 -> tax -12.10;
    # discount R(-110 x -10%) = 11; total -110 - 11 - 12.10 = -133.10.
    totals = invoice(
        item(100, quantity=-1, discount=-10, tax_name1="GST", tax_rate1=10),
        discount=-10,
        is_amount_discount=False,
    )
    assert totals.line_items[0].line_total == -110
    assert totals.total_discount == 11
    assert totals.total_taxes == D("-12.1")
    assert str(totals.amount) == "-133.10"


def test_negative_percent_invoice_discount():
    # upstream testDicountsWithTaxesNegativeInvoicePercentage:
    # sub -100; discount R(-100 x -10%) = 10; base -110 -> tax -11; -100 - 10 - 11 = -121.
    totals = invoice(
        item(100, quantity=-1, tax_name1="GST", tax_rate1=10), discount=-10, is_amount_discount=False
    )
    assert totals.amount == -121
    assert totals.total_taxes == -11


def test_document_taxes_and_named_line_taxes():
    # upstream testLineItemTaxRatesExclusiveTaxes: two lines of 10 with a line tax
    # named "10" at 10% (1.00 each) plus document GST 10% twice on 20 (2.00 each): 26.
    totals = invoice(
        item(10, tax_name1=10, tax_rate1=10),
        item(10, tax_name1=10, tax_rate1=10),
        tax_name1="GST",
        tax_rate1=10,
        tax_name2="GST",
        tax_rate2=10,
    )
    assert totals.sub_total == 20
    assert totals.total == 26
    # Document taxes are listed per slot, never merged.
    assert totals.total_tax_map == (TaxGroup("GST", D(10), D(2)), TaxGroup("GST", D(10), D(2)))
    assert totals.tax_map == (TaxGroup("10", D(10), D(2)),)


def test_document_tax_base_excludes_surcharges():
    # upstream testInvoiceTotalsWithDiscountWithSurchargeWithExclusiveTax:
    # 20 - 5 = 15; GST 10% of 15 = 1.50; + untaxed surcharge 5 = 21.50.
    totals = invoice(item(10), item(10), discount=5, custom_surcharge1=5, tax_name1="GST", tax_rate1=10)
    assert totals.total == D("21.5")
    assert totals.total_custom_values == 5


def test_two_document_taxes_with_surcharge():
    # upstream testInvoiceTotalsWithDiscountWithSurchargeWithDoubleExclusiveTax:
    # 15 + 1.50 + 1.50 + 5 = 23.
    totals = invoice(
        item(10), item(10), discount=5, custom_surcharge1=5,
        tax_name1="GST", tax_rate1=10, tax_name2="GST", tax_rate2=10,
    )
    assert totals.total == 23


def test_taxed_surcharge():
    # upstream testSurchargesAndTaxesExclusive: 10 + surcharge 10 (taxed);
    # GST 10% of 10 = 1 plus 10% of the surcharge = 1 -> taxes 2; amount 22.
    totals = invoice(
        item(10), tax_name1="GST", tax_rate1=10, custom_surcharge1=10, custom_surcharge_tax1=True
    )
    assert totals.amount == 22
    assert totals.total_taxes == 2


def test_taxed_surcharges_once_per_rate_and_negative():
    # 100 with GST 10% and PST 5%; surcharge1 20 taxed, surcharge2 -10 taxed,
    # surcharge3 7 untaxed.
    # GST: 10.00 + R(2.0) + R(-1.0) = 11.00; PST: 5.00 + 1.00 - 0.50 = 5.50.
    # total 100 + 17 + 16.50 = 133.50.
    totals = invoice(
        item(100),
        tax_name1="GST", tax_rate1=10, tax_name2="PST", tax_rate2=5,
        custom_surcharge1=20, custom_surcharge_tax1=True,
        custom_surcharge2=-10, custom_surcharge_tax2=True,
        custom_surcharge3=7,
    )
    assert [g.total for g in totals.total_tax_map] == [D("11.00"), D("5.50")]
    assert totals.total_taxes == D("16.50")
    assert totals.total_custom_values == 17
    assert totals.amount == D("133.50")


def test_surcharge_tax_rounded_per_piece():
    # Surcharges 0.05 and 0.05 both taxed at 10%: R(0.005) = 0.01 each -> 0.02,
    # not R(0.01) = 0.01 on their sum. Document base 0: total 0.10 + 0.02 = 0.12.
    totals = invoice(
        tax_name1="GST", tax_rate1=10,
        custom_surcharge1=D("0.05"), custom_surcharge_tax1=True,
        custom_surcharge2=D("0.05"), custom_surcharge_tax2=True,
    )
    assert totals.total_taxes == D("0.02")
    assert totals.amount == D("0.12")


def test_null_surcharge_counts_as_zero():
    totals = invoice(item(10), custom_surcharge1=None, custom_surcharge_tax1=True, tax_name1="GST", tax_rate1=10)
    assert totals.total_custom_values == 0
    assert totals.amount == 11


# --- tax names (§3 step 3 and 6, §10.8) -------------------------------------


def test_unnamed_line_tax_percent_mode_is_not_in_the_total():
    # §3 step 6: 100 @ 10% unnamed -> 100.00 in percent mode...
    totals = invoice(item(100, tax_rate1=10), is_amount_discount=False)
    line = totals.line_items[0]
    assert line.tax_amount == 10 and line.gross_line_total == 110
    assert totals.total_taxes == 0
    assert totals.tax_map == ()
    assert totals.amount == 100


def test_unnamed_line_tax_amount_mode_is_in_the_total():
    # ...and 110.00 in amount mode, where every non-zero tax is grouped.
    totals = invoice(item(100, tax_rate1=10))
    assert totals.total_taxes == 10
    assert totals.tax_map == (TaxGroup("", D(10), D(10)),)
    assert totals.amount == 110


def test_one_character_line_tax_name_is_dropped_in_percent_mode():
    totals = invoice(item(100, tax_name1="V", tax_rate1=10), is_amount_discount=False)
    assert totals.amount == 100
    # strlen counts bytes upstream: a single multi-byte character is a valid name.
    totals = invoice(item(100, tax_name1="€", tax_rate1=10), is_amount_discount=False)
    assert totals.amount == 110


def test_short_document_tax_names_are_ignored():
    for name in ("", "G", None):
        totals = invoice(item(100), tax_name1=name, tax_rate1=10)
        assert totals.amount == 100
        assert totals.total_tax_map == ()
    assert invoice(item(100), tax_name1="GS", tax_rate1=10).amount == 110


def test_tax_map_groups_by_name_and_rate_without_spaces():
    # "GST" 10 and "G ST" 10 share the key GST10; the first label wins.
    totals = invoice(
        item(100, tax_name1="GST", tax_rate1=10),
        item(50, tax_name1="G ST", tax_rate1=10),
        item(40, tax_name1="VAT", tax_rate1=D("17.5")),
        is_amount_discount=False,
    )
    # 10.00 + 5.00 ; 40 x 17.5% = 7.00
    assert [(g.label, g.total) for g in totals.tax_map] == [("GST 10%", 15), ("VAT 17.5%", 7)]
    assert totals.total_taxes == 22


def test_named_zero_tax_forms_an_empty_group_in_percent_mode_only():
    totals = invoice(item(100, tax_name1="Zero", tax_rate1=0), is_amount_discount=False)
    assert totals.tax_map == (TaxGroup("Zero", D(0), D(0)),)
    totals = invoice(item(100, tax_name1="Zero", tax_rate1=0))
    assert totals.tax_map == ()


# --- edge cases (§10) -------------------------------------------------------


def test_subtotal_zero_with_amount_discount():
    # §10.3: lines +100 (GST 10%) and -100; sub total 0 so the discount share
    # cannot be computed and the taxed line is taxed on its full 100 -> 10.00
    # (the first pass would have used 100 - 10% = 90 -> 9.00).
    totals = invoice(item(100, tax_name1="GST", tax_rate1=10), item(-100), discount=10)
    assert totals.sub_total == 0
    assert totals.line_items[0].tax_amount == 10
    assert totals.total_taxes == 10
    # 0 - 10 + 10
    assert totals.amount == 0


def test_zero_lines_keep_first_pass_values_in_amount_mode():
    # §10.1: the quantity-0 line is skipped by the redistribution.
    totals = invoice(
        item(100, tax_name1="GST", tax_rate1=10),
        item(-50, quantity=0, tax_name1="GST", tax_rate1=10),
        discount=20,
    )
    assert totals.line_items[1].tax_amount == 0
    # 100 x (1 - 20/100) = 80 -> 8.00; 100 - 20 + 8 = 88.
    assert totals.amount == 88


def test_discount_equal_to_subtotal():
    # §10.6: 100 - 100 = 0; tax base 100 - 100 x 100/100 = 0 -> amount 0.
    totals = invoice(item(100, tax_name1="GST", tax_rate1=10), discount=100)
    assert totals.total_taxes == 0
    assert totals.amount == 0


def test_discount_above_subtotal_goes_negative():
    # 100 - 150 = -50; tax base 100 - 100 x 150/100 = -50 -> -5.00; -55.
    totals = invoice(item(100, tax_name1="GST", tax_rate1=10), discount=150)
    assert totals.amount == -55
    # Percent mode 150%: discount R(150) = 150; first-pass base 100 - 150% = -50 -> -5; -55.
    totals = invoice(item(100, tax_name1="GST", tax_rate1=10), discount=150, is_amount_discount=False)
    assert totals.total_discount == 150
    assert totals.amount == -55


def test_amount_discount_is_used_unrounded():
    # §3 step 2: amount-mode discount 0.005 is subtracted as is: 10 - 0.005 = 9.995 -> F = 10.00.
    totals = invoice(item(10), discount=D("0.005"))
    assert totals.total_discount == D("0.005")
    assert totals.total == D("9.995")
    assert totals.amount == D("10.00")


def test_percent_discount_always_rounds_to_two_places():
    # JPY (p = 0): 999 x 2.5% = 24.975 -> 24.98 (2 dp, not 25); 974.02 -> 974.
    totals = invoice(item(999), discount=D("2.5"), is_amount_discount=False, precision=0)
    assert totals.total_discount == D("24.98")
    assert totals.amount == 974


def test_zero_precision_currency_keeps_cents_in_taxes():
    # §1.3: 1000 JPY at 8.5% -> 85.00, amount 1085; 999 at 8.5% -> 84.915 -> 84.92, 1084.
    totals = invoice(item(1000, tax_name1="Tax", tax_rate1=D("8.5")), precision=0)
    assert totals.total_taxes == D("85.00") and str(totals.amount) == "1085"
    totals = invoice(item(999, tax_name1="Tax", tax_rate1=D("8.5")), precision=0)
    assert totals.total_taxes == D("84.92") and str(totals.amount) == "1084"
    # Same with a document-level tax.
    totals = invoice(item(999), tax_name1="Tax", tax_rate1=D("8.5"), precision=0)
    assert totals.total_taxes == D("84.92") and str(totals.amount) == "1084"


def test_three_decimal_currency():
    # KWD: 1.2345 -> 1.235 (percent mode); tax 10% = 0.1235 -> 0.12; amount 1.355.
    totals = invoice(item(D("1.2345"), tax_name1="VAT", tax_rate1=10), is_amount_discount=False, precision=3)
    assert str(totals.line_items[0].line_total) == "1.235"
    assert str(totals.amount) == "1.355"


def test_automatic_sales_tax_example():
    # §5.5: resolved US/CA Sales Tax 8.75% on 10 -> 0.875 -> 0.88; 10.88.
    totals = invoice(item(10, tax_name1="Sales Tax", tax_rate1=D("8.75")))
    assert totals.amount == D("10.88")


def test_empty_document():
    totals = invoice()
    assert totals.line_items == ()
    assert totals.sub_total == 0 and totals.amount == 0 and totals.total_taxes == 0
    # An amount discount on an empty document still counts.
    assert invoice(discount=5).amount == -5
