"""Request fields every document shares: upstream's validation rules and how they are written."""

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.billing import line_items, repository
from ninja_api.billing.kind import DocumentKind
from ninja_api.http.auth import AuthContext
from ninja_api.http.validation import Errors, as_bool, as_date, as_decimal, as_int, as_text
from ninja_api.products import repository as product_repository

MAX_AMOUNT = Decimal("99999999999999")

TEXT_FIELDS = ("po_number", "terms", "public_notes", "private_notes", "footer", "tax_name1", "tax_name2",
               "tax_name3", "custom_value1", "custom_value2", "custom_value3", "custom_value4")
MONEY_FIELDS = ("discount", "tax_rate1", "tax_rate2", "tax_rate3", "custom_surcharge1", "custom_surcharge2",
                "custom_surcharge3", "custom_surcharge4", "partial", "exchange_rate")
DATE_FIELDS = ("date", "due_date", "partial_due_date")
BOOL_FIELDS = ("is_amount_discount", "uses_inclusive_taxes")
ID_FIELDS = ("project_id", "assigned_user_id", "design_id", "subscription_id", "vendor_id", "location_id")
# What no request may set: the money columns follow from the lines and the transitions.
COMPUTED = ("status_id", "amount", "balance", "paid_to_date")


def validate(session: Session, ctx: AuthContext, kind: DocumentKind, data: dict, doc, *,
             deleted_clients: bool = False) -> Errors:
    """The rules upstream's store and update requests share for every document."""
    errors = Errors()
    creating = doc is None
    party = kind.party
    if creating:
        raw = data.get(party.key)
        found = repository.party_in_company(session, party, ctx.company_id, ids.decode(raw)) \
            if isinstance(raw, str) else None
        if raw is None:
            errors.required(party.key)
        elif found is None or (found.is_deleted and not deleted_clients):
            errors.invalid_choice(party.key)
    elif data.get(party.key) is not None and ids.decode(data[party.key]) != getattr(doc, party.key):
        errors.invalid_choice(party.key)
    number = as_text(data.get("number"))
    if number and repository.number_taken(session, kind.model, ctx.company_id, number, None if creating else doc.id):
        errors.taken("number")
    for name in MONEY_FIELDS:
        value = data.get(name)
        if value is not None and as_decimal(value) is None:
            errors.must_be(name, "a number")
    if data.get("discount") is not None and (as_decimal(data["discount"]) or 0) > MAX_AMOUNT:
        errors.add("discount", f"The discount must not be greater than {MAX_AMOUNT}.")
    partial = as_decimal(data.get("partial")) if data.get("partial") is not None else None
    if creating and partial is not None and partial < 0:
        errors.add("partial", "The partial must be greater than or equal to 0.")
    for name in DATE_FIELDS:
        if data.get(name) is not None and as_date(data[name]) is None:
            errors.add(name, f"The {name.replace('_', ' ')} is not a valid date.")
    for name in ("is_amount_discount", "uses_inclusive_taxes", *kind.bool_fields):
        if data.get(name) is not None and as_bool(data[name]) is None:
            errors.add(name, f"The {name.replace('_', ' ')} field must be true or false.")
    if "line_items" in data and data["line_items"] is not None and not isinstance(data["line_items"], list):
        errors.add("line_items", "The line items must be an array.")
    elif isinstance(data.get("line_items"), list):
        for i, item in enumerate(data["line_items"]):
            for name in ("quantity", "cost", "discount", "tax_rate1", "tax_rate2", "tax_rate3"):
                value = as_decimal(item.get(name)) if isinstance(item, dict) else None
                if value is not None and abs(value) > MAX_AMOUNT:
                    errors.add(f"line_items.{i}.{name}", f"The line_items.{i}.{name} must not be greater than {MAX_AMOUNT}.")
    invitations = data.get("invitations")
    if invitations is not None:
        if not isinstance(invitations, list):
            errors.add("invitations", "The invitations must be an array.")
        else:
            seen: list = []
            for i, inv in enumerate(invitations):
                name = f"invitations.{i}.{kind.contact_key}"
                contact = inv.get(kind.contact_key) if isinstance(inv, dict) else None
                if contact is None:
                    errors.add(name, f"The {name.replace('_', ' ')} field is required.")
                elif contact in seen:
                    errors.add(name, f"The {name.replace('_', ' ')} field has a duplicate value.")
                seen.append(contact)
    for name in (*ID_FIELDS, *kind.id_fields):
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            errors.invalid_choice(name)
    if kind.status_ids and data.get("status_id") is not None:
        status = as_int(data["status_id"])
        if status is None:
            errors.must_be("status_id", "an integer")
        if status not in kind.status_ids:
            errors.invalid_choice("status_id")
    return errors


PRODUCT_FILL = (("cost", "price"), ("product_cost", "cost"), ("notes", "notes"), ("tax_name1", "tax_name1"),
                ("tax_rate1", "tax_rate1"), ("tax_name2", "tax_name2"), ("tax_rate2", "tax_rate2"),
                ("tax_name3", "tax_name3"), ("tax_rate3", "tax_rate3"), ("tax_id", "tax_id"))


def fill_from_products(session: Session, ctx: AuthContext, items) -> list:
    """With the company's fill_products on, a line naming a product takes what it leaves out from it."""
    if not ctx.company.fill_products or not isinstance(items, list):
        return items
    keys = {i["product_key"] for i in items if isinstance(i, dict) and isinstance(i.get("product_key"), str)}
    products = product_repository.by_keys(session, ctx.company_id, keys)
    filled = []
    for item in items:
        product = products.get(item.get("product_key")) if isinstance(item, dict) else None
        if product is not None:
            item = dict(item)
            for line_key, product_key in PRODUCT_FILL:
                if item.get(line_key) is None:
                    value = getattr(product, product_key)
                    item[line_key] = format(value, "f") if isinstance(value, Decimal) else value
            if item.get("quantity") is None:
                item["quantity"] = "1"
        filled.append(item)
    return filled


def writable(session: Session, ctx: AuthContext, kind: DocumentKind, data: dict, *,
             also_drop: tuple[str, ...] = ()) -> dict:
    """The request without what it may not set, its lines filled from products."""
    settable = {"status_id"} if kind.status_ids else set()
    clean = {k: v for k, v in data.items() if (k not in COMPUTED or k in settable) and k not in also_drop}
    if "line_items" in clean:
        clean["line_items"] = fill_from_products(session, ctx, clean["line_items"])
    return clean


def fill(kind: DocumentKind, doc, data: dict) -> None:
    for name in TEXT_FIELDS:
        if name in data:
            setattr(doc, name, as_text(data[name]))
    if "number" in data:
        doc.number = as_text(data["number"])
    if data.get("status_id") is not None and kind.status_ids:
        doc.status_id = as_int(data["status_id"])
    for name in MONEY_FIELDS:
        if name in data:
            value = as_decimal(data[name]) if data[name] is not None else None
            if name in ("discount", "tax_rate1", "tax_rate2", "tax_rate3"):
                value = value if value is not None else Decimal(0)
            if name == "exchange_rate":
                value = value if value is not None else Decimal(1)
            setattr(doc, name, value)
    for name in DATE_FIELDS:
        if name in data:
            day = as_date(data[name])
            if day is not None and name in kind.datetime_columns:
                day = datetime.combine(day, time())
            setattr(doc, name, day)
    for name in (*BOOL_FIELDS, *kind.bool_fields):
        if name in data and data[name] is not None:
            setattr(doc, name, as_bool(data[name]))
    for name in (*ID_FIELDS, *kind.id_fields):
        if name in data:
            setattr(doc, name, ids.decode(data[name]) if data[name] is not None else None)
    if "line_items" in data:
        doc.line_items = line_items.clean(data["line_items"])
