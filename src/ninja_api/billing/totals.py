"""A document's money from its lines: the calc core's result, stored as upstream stores it."""

from ninja_api.billing import line_items
from ninja_api.billing.settings import ClientSettings
from ninja_api.calc import (
    InvoiceInput, LineItemInput, calculate, clamp_partial_after_save, recurring_stored_money, stored_money,
)

DRAFT = 1


def totals_of(doc, precision: int):
    """The calculation core's result for the document's current lines and settings."""
    items = line_items.clean(doc.line_items or [])
    return items, calculate(InvoiceInput(
        line_items=tuple(LineItemInput.from_mapping(item) for item in items),
        discount=doc.discount or 0,
        is_amount_discount=bool(doc.is_amount_discount),
        tax_name1=doc.tax_name1 or "", tax_rate1=doc.tax_rate1 or 0,
        tax_name2=doc.tax_name2 or "", tax_rate2=doc.tax_rate2 or 0,
        tax_name3=doc.tax_name3 or "", tax_rate3=doc.tax_rate3 or 0,
        custom_surcharge1=doc.custom_surcharge1 or 0, custom_surcharge2=doc.custom_surcharge2 or 0,
        custom_surcharge3=doc.custom_surcharge3 or 0, custom_surcharge4=doc.custom_surcharge4 or 0,
        custom_surcharge_tax1=bool(doc.custom_surcharge_tax1),
        custom_surcharge_tax2=bool(doc.custom_surcharge_tax2),
        custom_surcharge_tax3=bool(doc.custom_surcharge_tax3),
        custom_surcharge_tax4=bool(doc.custom_surcharge_tax4),
        uses_inclusive_taxes=bool(doc.uses_inclusive_taxes),
        precision=precision,
    ))


def recalculate(doc, settings: ClientSettings, *, balance_follows_amount: bool = False) -> None:
    """Line totals, taxes, amount and balance from the lines (upstream's setCalculatedAttributes).

    `balance_follows_amount`: recurring documents, whose balance is always their amount."""
    precision = settings.precision
    items, totals = totals_of(doc, precision)
    doc.line_items = line_items.apply_results(items, totals.line_items, bool(doc.uses_inclusive_taxes), precision)
    if balance_follows_amount:
        stored = recurring_stored_money(totals, rappen_rounding=settings.flag("enable_rappen_rounding"))
    else:
        stored = stored_money(
            totals,
            status_id=doc.status_id or DRAFT,
            amount_old=doc.amount or 0,
            balance_old=doc.balance or 0,
            paid_to_date=doc.paid_to_date or 0,
            rappen_rounding=settings.flag("enable_rappen_rounding"),
        )
    doc.amount, doc.balance, doc.total_taxes = stored.amount, stored.balance, stored.total_taxes
    if doc.partial is not None:
        doc.partial = clamp_partial_after_save(doc.partial, doc.amount, doc.balance)
