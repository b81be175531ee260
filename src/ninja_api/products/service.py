"""Product rules: the factory, what a create or update may write, and the bulk tax category."""

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ValidationFailed
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_decimal, as_int, as_text, attribute
from ninja_api.models import Product
from ninja_api.products import repository
from ninja_api.webhooks import events as webhooks

TEXT_FIELDS = (
    "custom_value1", "custom_value2", "custom_value3", "custom_value4", "product_key", "notes",
    "tax_name1", "tax_name2", "tax_name3", "product_image",
)
# varchar(191) columns: a longer value is refused rather than failing in the database.
SHORT_TEXT = ("product_key", "tax_name1", "tax_name2", "tax_name3", "product_image")
MONEY_FIELDS = ("cost", "price", "quantity", "tax_rate1", "tax_rate2", "tax_rate3")
# Validated as numbers, stored in integer columns.
COUNT_FIELDS = ("in_stock_quantity", "stock_notification_threshold")
INT_FIELDS = ("max_quantity", "tax_id")
TAX_CATEGORIES = {str(n) for n in range(1, 10)}
# DECIMAL(20,6) and INT bounds: beyond them upstream's database fails with a 500; we answer a 422.
MONEY_LIMIT = Decimal("99999999999999.999999")
INT_MIN, INT_MAX = -2147483648, 2147483647


def money_error(field: str, value) -> str | None:
    number = as_decimal(value)
    if number is None:
        return f"The {attribute(field)} must be a number."
    if abs(number) > MONEY_LIMIT:
        return f"The {attribute(field)} must be between -{MONEY_LIMIT} and {MONEY_LIMIT}."
    return None


def int_error(field: str, number: Decimal | int) -> str | None:
    if not INT_MIN <= number <= INT_MAX:
        return f"The {attribute(field)} must be between {INT_MIN} and {INT_MAX}."
    return None


def _blank_values(ctx: AuthContext) -> dict:
    return dict(
        company_id=ctx.company_id, user_id=ctx.user_id,
        product_key="", notes="", cost=Decimal(0), price=Decimal(0), quantity=Decimal(1),
        tax_name1="", tax_rate1=Decimal(0), tax_name2="", tax_rate2=Decimal(0),
        custom_value1="", custom_value2="", custom_value3="", custom_value4="",
        is_deleted=False, tax_id=1,
    )


def blank(session: Session, ctx: AuthContext) -> Product:
    return Product(**_blank_values(ctx))


def _validate(data: dict) -> None:
    errors = Errors()
    # Upstream's rules, in its order. Present means validated: an explicit null is not a number.
    for field in ("cost", "price", "quantity"):
        if field in data and (message := money_error(field, data[field])):
            errors.add(field, message)
    for field in COUNT_FIELDS:
        if field not in data:
            continue
        number = as_decimal(data[field])
        message = f"The {attribute(field)} must be a number." if number is None else int_error(field, number)
        if message:
            errors.add(field, message)
    if "stock_notification" in data and as_bool(data["stock_notification"]) is None:
        errors.add("stock_notification", "The stock notification field must be true or false.")
    for field in ("tax_rate1", "tax_rate2", "tax_rate3"):
        if field in data and (message := money_error(field, data[field])):
            errors.add(field, message)
    # Ours: what upstream's database would refuse with a 500.
    for field in TEXT_FIELDS:
        value = data.get(field)
        if value is None:
            continue
        text = as_text(value)
        if text is None:
            errors.must_be(field, "a string")
        elif field in SHORT_TEXT and len(text) > 191:
            errors.add(field, f"The {attribute(field)} must not be greater than 191 characters.")
    for field in INT_FIELDS:
        if data.get(field) is None:
            continue
        number = as_int(data[field])
        message = f"The {attribute(field)} must be an integer." if number is None else int_error(field, number)
        if message:
            errors.add(field, message)
    errors.raise_if_any()


def _count(value) -> int:
    # Integer columns round a fractional number the way MySQL does: half away from zero.
    return int(as_decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _fill(product: Product, data: dict) -> None:
    for field in TEXT_FIELDS:
        if field in data:
            setattr(product, field, as_text(data[field]))
    for field in MONEY_FIELDS:
        if field in data:
            setattr(product, field, as_decimal(data[field]))
    for field in COUNT_FIELDS:
        if field in data:
            setattr(product, field, _count(data[field]))
    if "stock_notification" in data:
        product.stock_notification = as_bool(data["stock_notification"])
    for field in INT_FIELDS:
        if field in data:
            setattr(product, field, as_int(data[field]) if data[field] is not None else None)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Product:
    data = dict(inp.data)
    if data.get("quantity") is None:
        data["quantity"] = 1
    for field in ("tax_name1", "tax_name2", "tax_name3"):
        if data.get(field) is None:
            data[field] = ""
    _validate(data)
    product = blank(session, ctx)
    _fill(product, data)
    if product.stock_notification is None:
        product.stock_notification_unsent = True
    session.add(product)
    session.flush()
    return product


def update(session: Session, ctx: AuthContext, product: Product, inp: RequestInput) -> Product:
    data = dict(inp.data)
    # Upstream quirk: an update that leaves quantity out resets it to 1.
    if data.get("quantity") is None:
        data["quantity"] = 1
    # Stock is only adjusted when the caller says so explicitly.
    if not inp.flag("update_in_stock_quantity"):
        data.pop("in_stock_quantity", None)
    _validate(data)
    _fill(product, data)
    session.flush()
    return product


# --- bulk -------------------------------------------------------------------------------------


def set_tax_id(session: Session, ctx: AuthContext, product: Product, inp: RequestInput) -> None:
    value = inp.get("tax_id")
    if value is None:
        raise ValidationFailed({"tax_id": ["The tax id field is required when action is set_tax_id."]})
    if as_text(value) not in TAX_CATEGORIES:
        raise ValidationFailed({"tax_id": ["The selected tax id is invalid."]})
    product.tax_id = int(as_text(value))


_PLACEHOLDERS = (":MONTH", ":YEAR", ":QUARTER", ":WEEK")
_KEY_LIMIT = 191


def _dated(notes: str | None) -> bool:
    return any(p.lower() in (notes or "").lower() for p in _PLACEHOLDERS)


def update_from_line_items(session: Session, ctx: AuthContext, items: list[dict], *, project_id: int | None,
                           vendor_id: int | None) -> None:
    """The company's `update_products`: each product line creates or refreshes the product of its key.

    Lines billed from tasks or expenses leave products alone, and so does a product whose notes use
    date placeholders, as upstream. New products go in as one insert, whatever the line count.
    """
    if any(item.get("task_id") or item.get("expense_id") for item in items):
        return
    lines = [i for i in items if str(i.get("type_id")) == "1" and i.get("product_key")
             and len(i["product_key"]) <= _KEY_LIMIT]
    known = repository.by_keys(session, ctx.company_id, {i["product_key"] for i in lines}, include_trashed=True)
    new: dict[str, dict] = {}
    for item in lines:
        key = item["product_key"]
        product, fresh = known.get(key), new.get(key)
        if _dated(product.notes if product is not None else fresh["notes"] if fresh is not None else None):
            continue
        changes = {"notes": item.get("notes") or "", "price": as_decimal(item.get("cost")) or Decimal(0),
                   "user_id": ctx.user_id, "project_id": project_id, "vendor_id": vendor_id}
        # Upstream copies the custom values only when custom_value1 is set, then all four.
        if item.get("custom_value1"):
            changes.update({f"custom_value{n}": item.get(f"custom_value{n}") or "" for n in (1, 2, 3, 4)})
        if product is not None:
            for name, value in changes.items():
                setattr(product, name, value)
            continue
        if fresh is None:
            fresh = new[key] = {**_blank_values(ctx), "product_key": key,
                                "quantity": as_decimal(item.get("quantity")) or Decimal(0)}
        fresh.update(changes)
    for product in repository.insert_many(session, list(new.values())):
        webhooks.fire(session, product, "create")
    session.flush()
