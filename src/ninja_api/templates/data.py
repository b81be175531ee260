"""What a template's blocks see: entities as plain dicts, money formatted for the client.

Keys and wording follow upstream's template data, so a design written for upstream reads the same
names here. Formatted amounts and dates use the client's currency, country and date format; the
`*_raw` keys keep the exact stored Decimal.
"""

from decimal import Decimal

from markupsafe import Markup, escape

from ninja_api import formatting
from ninja_api.billing.settings import ClientSettings
from ninja_api.billing.totals import totals_of
from ninja_api.models import Client, Invoice, Payment, Paymentable
from ninja_api.statics.data import _by_id, country, currency_code, date_format

INVOICE_STATUSES = {1: "Draft", 2: "Sent", 3: "Partial/Deposit", 4: "Paid", 5: "Cancelled", 6: "Reversed",
                    -1: "Overdue"}
PAYMENT_STATUSES = {1: "Pending", 2: "Voided", 3: "Failed", 4: "Completed", 5: "Partially Refunded", 6: "Refunded"}


def day(value, settings: ClientSettings) -> str:
    if value is None:
        return ""
    return formatting.day(value if not hasattr(value, "date") else value.date(),
                          date_format(str(settings.get("date_format_id", "1") or "1")))


def _address_lines(*lines) -> Markup:
    return Markup("").join(escape(line) + Markup("<br/>") for line in lines if line)


def client_summary(client: Client, settings: ClientSettings) -> dict:
    """The `client` key inside an invoice or payment block."""
    place = country(str(client.country_id)) if client.country_id else None
    shipping = country(str(client.shipping_country_id)) if client.shipping_country_id else None
    city_state = " ".join(v for v in (client.city, client.state, client.postal_code) if v)
    shipping_city_state = " ".join(v for v in (client.shipping_city, client.shipping_state,
                                               client.shipping_postal_code) if v)
    return {
        "name": client.name or "",
        "balance": client.balance,
        "payment_balance": client.payment_balance,
        "credit_balance": client.credit_balance,
        "vat_number": client.vat_number or "",
        "currency": currency_code(settings.currency_id),
        "custom_value1": client.custom_value1 or "",
        "custom_value2": client.custom_value2 or "",
        "custom_value3": client.custom_value3 or "",
        "custom_value4": client.custom_value4 or "",
        "address": _address_lines(client.address1, client.address2, city_state, place and place["name"]),
        "shipping_address": _address_lines(client.shipping_address1, client.shipping_address2, shipping_city_state,
                                           shipping and shipping["name"]),
        "locale": "en",
    }


def client_block(client: Client, settings: ClientSettings, contacts: list) -> dict:
    """A client as the `clients` key lists it (upstream leaves that key empty; this fills it)."""
    money = settings.money
    return {
        **client_summary(client, settings),
        "number": client.number or "",
        "id_number": client.id_number or "",
        "phone": client.phone or "",
        "website": client.website or "",
        "balance": money(client.balance),
        "balance_raw": client.balance,
        "paid_to_date": money(client.paid_to_date),
        "paid_to_date_raw": client.paid_to_date,
        "credit_balance": money(client.credit_balance),
        "credit_balance_raw": client.credit_balance,
        "payment_balance": money(client.payment_balance),
        "payment_balance_raw": client.payment_balance,
        "public_notes": client.public_notes or "",
        "contacts": [{"first_name": c.first_name or "", "last_name": c.last_name or "", "email": c.email or "",
                      "phone": c.phone or ""} for c in contacts],
    }


def _line_items(items: list, settings: ClientSettings) -> list[dict]:
    money = settings.money
    padded = []
    for item in items or []:
        row = dict(item)
        for key in ("cost", "discount", "line_total", "gross_line_total", "tax_amount", "product_cost"):
            row[f"{key}_raw"] = item.get(key) or 0
        for key in ("cost", "line_total", "gross_line_total", "tax_amount", "product_cost"):
            row[key] = money(row[f"{key}_raw"])
        if item.get("is_amount_discount"):
            row["discount"] = money(row["discount_raw"])
        padded.append(row)
    return padded


def _tax_groups(groups) -> list[dict]:
    return [{"name": f"{g.name} {g.rate.normalize():f}%", "total": g.total} for g in groups]


def payment_block(payment: Payment, client: Client, settings: ClientSettings, pivots: list[Paymentable],
                  invoice_numbers: dict[int, str]) -> dict:
    money = settings.money
    code = currency_code(payment.currency_id or settings.currency_id)
    method = _by_id("payment_types").get(str(payment.type_id or ""), {}).get("name", "")
    applied = [{
        "invoice": invoice_numbers.get(p.paymentable_id, ""),
        "amount_raw": p.amount, "refunded_raw": p.refunded, "net_raw": p.amount - p.refunded,
        "amount": money(p.amount), "refunded": money(p.refunded), "net": money(p.amount - p.refunded),
        "is_credit": False,
        "created_at": day(p.created_at, settings), "updated_at": day(p.updated_at, settings),
    } for p in pivots]
    return {
        "status": PAYMENT_STATUSES.get(payment.status_id, ""),
        "amount": money(payment.amount),
        "applied": money(payment.applied),
        "balance": money(payment.amount - payment.refunded - payment.applied),
        "refunded": money(payment.refunded),
        "amount_raw": payment.amount,
        "applied_raw": payment.applied,
        "refunded_raw": payment.refunded,
        "balance_raw": payment.amount - payment.applied,
        "date": day(payment.date, settings),
        "method": method,
        "currency": code,
        "exchange_rate": payment.exchange_rate,
        "transaction_reference": payment.transaction_reference or "",
        "is_manual": bool(payment.is_manual),
        "number": payment.number or "",
        "custom_value1": payment.custom_value1 or "",
        "custom_value2": payment.custom_value2 or "",
        "custom_value3": payment.custom_value3 or "",
        "custom_value4": payment.custom_value4 or "",
        "created_at": day(payment.created_at, settings),
        "updated_at": day(payment.updated_at, settings),
        "client": client_summary(client, settings),
        "paymentables": applied,
    }


def invoice_block(invoice: Invoice, client: Client, settings: ClientSettings, payments: list[dict]) -> dict:
    money = settings.money
    _, totals = totals_of(invoice, settings.precision)
    return {
        "amount": money(invoice.amount),
        "balance": money(invoice.balance),
        "status_id": invoice.status_id,
        "status": INVOICE_STATUSES.get(invoice.status_id, ""),
        "amount_raw": invoice.amount,
        "balance_raw": invoice.balance,
        "number": invoice.number or "",
        "discount": invoice.discount,
        "po_number": invoice.po_number or "",
        "date": day(invoice.date, settings),
        "last_sent_date": day(invoice.last_sent_date, settings),
        "next_send_date": day(invoice.next_send_date, settings),
        "due_date": day(invoice.due_date, settings),
        "terms": invoice.terms or "",
        "public_notes": invoice.public_notes or "",
        "private_notes": invoice.private_notes or "",
        "uses_inclusive_taxes": bool(invoice.uses_inclusive_taxes),
        "tax_name1": invoice.tax_name1 or "",
        "tax_rate1": invoice.tax_rate1 or Decimal(0),
        "tax_name2": invoice.tax_name2 or "",
        "tax_rate2": invoice.tax_rate2 or Decimal(0),
        "tax_name3": invoice.tax_name3 or "",
        "tax_rate3": invoice.tax_rate3 or Decimal(0),
        "total_taxes": money(invoice.total_taxes),
        "total_taxes_raw": invoice.total_taxes,
        "is_amount_discount": bool(invoice.is_amount_discount),
        "footer": invoice.footer or "",
        "partial": invoice.partial or Decimal(0),
        "partial_due_date": day(invoice.partial_due_date, settings),
        "custom_value1": invoice.custom_value1 or "",
        "custom_value2": invoice.custom_value2 or "",
        "custom_value3": invoice.custom_value3 or "",
        "custom_value4": invoice.custom_value4 or "",
        "custom_surcharge1": invoice.custom_surcharge1 or Decimal(0),
        "custom_surcharge2": invoice.custom_surcharge2 or Decimal(0),
        "custom_surcharge3": invoice.custom_surcharge3 or Decimal(0),
        "custom_surcharge4": invoice.custom_surcharge4 or Decimal(0),
        "exchange_rate": invoice.exchange_rate,
        "custom_surcharge_tax1": bool(invoice.custom_surcharge_tax1),
        "custom_surcharge_tax2": bool(invoice.custom_surcharge_tax2),
        "custom_surcharge_tax3": bool(invoice.custom_surcharge_tax3),
        "custom_surcharge_tax4": bool(invoice.custom_surcharge_tax4),
        "line_items": _line_items(invoice.line_items, settings),
        "reminder1_sent": day(invoice.reminder1_sent, settings),
        "reminder2_sent": day(invoice.reminder2_sent, settings),
        "reminder3_sent": day(invoice.reminder3_sent, settings),
        "reminder_last_sent": day(invoice.reminder_last_sent, settings),
        "paid_to_date": money(invoice.paid_to_date),
        "auto_bill_enabled": bool(invoice.auto_bill_enabled),
        "client": client_summary(client, settings),
        "payments": payments,
        "total_tax_map": _tax_groups(totals.total_tax_map),
        "line_tax_map": _tax_groups(totals.tax_map),
    }
