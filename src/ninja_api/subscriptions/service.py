"""Subscription rules: upstream's Store/UpdateSubscriptionRequest, its factory and its prices.

Never commits. Upstream prices a subscription by building a throwaway client and invoice of its
products (quantity 1 each) and rolling them back; here the calc core prices the same lines.
"""

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import service as activities
from ninja_api.billing.settings import ClientSettings
from ninja_api.calc import InvoiceInput, LineItemInput, calculate
from ninja_api.clients import repository as clients
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_decimal, as_hashed_id, as_int, as_text, attribute
from ninja_api.models import Invoice, Product, RecurringInvoice, Subscription
from ninja_api.recurring.schedule import FREQUENCIES
from ninja_api.statics.data import currency
from ninja_api.subscriptions import repository, steps

CREATE_SUBSCRIPTION, UPDATE_SUBSCRIPTION = 80, 81
ARCHIVE_SUBSCRIPTION, DELETE_SUBSCRIPTION, RESTORE_SUBSCRIPTION = 82, 83, 84

PRODUCT_LISTS = ("product_ids", "recurring_product_ids", "optional_product_ids", "optional_recurring_product_ids")
# Upstream's rules in its order (the order of the error bag). The last two are fillable columns
# upstream does not validate at all (its database then stores 0 or fails); they are checked here.
RULES = (
    ("name", "name"), ("group_id", "group"), ("assigned_user_id", "user"),
    ("product_ids", "text"), ("recurring_product_ids", "text"), ("is_recurring", "bool"),
    ("frequency_id", "frequency"), ("auto_bill", "text"), ("promo_code", "text"),
    ("promo_discount", "discount"), ("is_amount_discount", "bool"), ("allow_cancellation", "bool"),
    ("per_set_enabled", "bool"), ("min_seats_limit", "number"), ("max_seats_limit", "count"),
    ("trial_enabled", "bool"), ("trial_duration", "count"), ("allow_query_overrides", "bool"),
    ("allow_plan_changes", "bool"), ("refund_period", "count"), ("webhook_configuration", "webhooks"),
    ("registration_required", "bool"), ("optional_recurring_product_ids", "text"),
    ("optional_product_ids", "text"), ("use_inventory_management", "bool"), ("steps", "steps"),
    ("per_seat_enabled", "flag"), ("currency_id", "currency"),
)
TEXT_FIELDS = ("auto_bill", "promo_code") + PRODUCT_LISTS
BOOL_FIELDS = ("is_amount_discount", "allow_cancellation", "per_seat_enabled", "trial_enabled",
               "allow_query_overrides", "allow_plan_changes", "registration_required", "use_inventory_management")
COUNT_FIELDS = ("max_seats_limit", "trial_duration", "refund_period")
PROMO_LIMIT = Decimal("999999.99")  # double(8,2) upstream
WEBHOOK_TEXT = ("post_purchase_url", "post_purchase_rest_method")


def blank(session: Session, ctx: AuthContext) -> Subscription:
    """SubscriptionFactory: only the owner and the default steps; the rest renders empty."""
    return Subscription(company_id=ctx.company_id, user_id=ctx.user_id, steps=steps.DEFAULT)


# --- validation -------------------------------------------------------------------------------


def _product_keys(value: str | None) -> list[int | None]:
    """The decoded ids of a comma list; None for a part that is not a hash. Empty parts are skipped."""
    return [ids.decode(part) for part in (value or "").split(",") if part.strip()]


def _check(session: Session, ctx: AuthContext, errors: Errors, field: str, kind: str, data: dict,
           row: Subscription | None) -> None:
    present = field in data
    value = data.get(field)
    if kind == "name":
        if not present and row is not None:
            return
        text = as_text(value) if not isinstance(value, bool) else None
        if value is None:
            errors.required(field)
        elif text is None:
            errors.must_be(field, "a string")
        elif len(text) > 191:
            errors.add(field, "The name must not be greater than 191 characters.")
        elif repository.name_taken(session, ctx.company_id, text, None if row is None else row.id):
            errors.taken(field)
        return
    if kind == "frequency":
        if value is None:
            if data.get("recurring_product_ids") not in (None, [], {}):
                errors.add(field, "The frequency id field is required when recurring product ids is present.")
        elif as_int(value) not in FREQUENCIES:
            errors.invalid_choice(field)
        return
    if kind == "steps":
        if not present and row is None:
            return  # ours: the factory's steps (upstream requires them; see README)
        if not present:
            return
        message = "The steps field is required." if value is None else steps.problem(value)
        if message:
            errors.add(field, message)
        return
    if not present:
        return
    if kind == "group":
        key = as_hashed_id(value)
        if value is not None and (key is None or clients.group_in_company(session, ctx.company_id, key) is None):
            errors.invalid_choice(field)
    elif kind == "user":
        key = as_hashed_id(value)
        if value is not None and (key is None or clients.user_in_account(session, ctx.account_id, key) is None):
            errors.invalid_choice(field)
    elif kind == "text":
        if value is None:
            return
        if not isinstance(value, str):
            errors.must_be(field, "a string")
        elif field in PRODUCT_LISTS:
            keys = _product_keys(value)
            known = repository.product_ids_in_company(session, ctx.company_id, {k for k in keys if k is not None})
            if any(k is None or k not in known for k in keys):
                errors.invalid_choice(field)
    elif kind in ("bool", "flag"):
        if (value is not None or kind == "bool") and as_bool(value) is None:
            errors.add(field, f"The {attribute(field)} field must be true or false.")
    elif kind in ("number", "count", "discount"):
        number = as_decimal(value)
        if number is None:
            errors.must_be(field, "a number")
        elif kind == "count" and number < 0:
            errors.add(field, f"The {attribute(field)} must be at least 0.")
        elif kind == "count" and number >= 2 ** 32:
            errors.add(field, f"The {attribute(field)} must not be greater than {2 ** 32 - 1}.")
        elif kind == "discount" and abs(number) > PROMO_LIMIT:
            errors.add(field, f"The promo discount must be between -{PROMO_LIMIT} and {PROMO_LIMIT}.")
    elif kind == "webhooks":
        if not isinstance(value, (dict, list)):
            errors.must_be(field, "an array")
            return
        config = value if isinstance(value, dict) else {}
        for key in WEBHOOK_TEXT:
            if config.get(key) is not None and not isinstance(config[key], str):
                errors.must_be(f"{field}.{key}", "a string")
        if "post_purchase_headers" in config and not isinstance(config["post_purchase_headers"], (dict, list)):
            errors.must_be(f"{field}.post_purchase_headers", "an array")
    elif kind == "currency":
        if value is not None and (as_int(value) is None or currency(str(as_int(value))) is None):
            errors.invalid_choice(field)


def validate(session: Session, ctx: AuthContext, data: dict, row: Subscription | None) -> None:
    errors = Errors()
    for field, kind in RULES:
        _check(session, ctx, errors, field, kind, data, row)
    errors.raise_if_any()


# --- saving -----------------------------------------------------------------------------------


def _fill(row: Subscription, data: dict) -> None:
    """Upstream's fillable columns, from validated input."""
    if "name" in data:
        row.name = as_text(data["name"])
    for field in TEXT_FIELDS:
        if field in data:
            setattr(row, field, data[field])
    for field in ("group_id", "assigned_user_id"):
        if field in data:
            setattr(row, field, as_hashed_id(data[field]))
    for field in ("frequency_id", "currency_id"):
        if field in data:
            setattr(row, field, as_int(data[field]) if data[field] is not None else None)
    if "promo_discount" in data:
        row.promo_discount = as_decimal(data["promo_discount"]).quantize(Decimal("0.01"), ROUND_HALF_UP)
    for field in COUNT_FIELDS:
        if field in data:
            # Integer columns: MySQL rounds a fraction half up.
            setattr(row, field, int(as_decimal(data[field]).quantize(Decimal(1), ROUND_HALF_UP)))
    for field in BOOL_FIELDS:
        if field in data:
            setattr(row, field, bool(as_bool(data[field])))
    for field in ("webhook_configuration", "steps"):
        if field in data:
            setattr(row, field, data[field])


def _line(product: Product) -> LineItemInput:
    """SubscriptionRepository::makeLineItem: one of the product at its price, with its taxes."""
    return LineItemInput(
        quantity=1, cost=product.price or 0,
        tax_name1=product.tax_name1 or "", tax_rate1=product.tax_rate1 or 0,
        tax_name2=product.tax_name2 or "", tax_rate2=product.tax_rate2 or 0,
        tax_name3=product.tax_name3 or "", tax_rate3=product.tax_rate3 or 0,
    )


def _price(session: Session, ctx: AuthContext, row: Subscription) -> None:
    """The total of a draft invoice of the products then the recurring products, for a client of
    the subscription's group: without a discount (price), and with the promo discount."""
    group = clients.group_in_company(session, ctx.company_id, row.group_id) if row.group_id else None
    precision = ClientSettings(None, ctx.company, None, group).precision
    lines = []
    for field in ("product_ids", "recurring_product_ids"):
        keys = {k for k in _product_keys(getattr(row, field)) if k is not None}
        lines += [_line(p) for p in repository.live_products(session, ctx.company_id, keys)]
    # The invoice factory's discount mode is "amount"; the promo price uses the subscription's.
    plain = calculate(InvoiceInput(line_items=tuple(lines), is_amount_discount=True, precision=precision))
    promo = calculate(InvoiceInput(line_items=tuple(lines), discount=row.promo_discount or 0,
                                   is_amount_discount=bool(row.is_amount_discount), precision=precision))
    row.price, row.promo_price = plain.total, promo.total


def _record(session: Session, ctx: AuthContext, row: Subscription, type_id: int) -> None:
    activities.record(session, ctx, type_id, subscription_id=row.id)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Subscription:
    data = dict(inp.data)
    validate(session, ctx, data, None)
    row = blank(session, ctx)
    _fill(row, data)
    _price(session, ctx, row)
    session.add(row)
    session.flush()
    # Upstream answers from the unsaved model: the column default (on) is not there yet.
    if "allow_cancellation" not in data:
        row.fresh_defaults = {"allow_cancellation"}
    _record(session, ctx, row, CREATE_SUBSCRIPTION)
    return row


def validate_update(session: Session, ctx: AuthContext, row: Subscription, inp: RequestInput) -> None:
    """Runs before the route refuses a deleted subscription, as upstream's request does."""
    validate(session, ctx, dict(inp.data), row)


def update(session: Session, ctx: AuthContext, row: Subscription, inp: RequestInput) -> Subscription:
    """Saves input `validate_update` has passed."""
    data = dict(inp.data)
    _fill(row, data)
    _price(session, ctx, row)
    session.flush()
    _record(session, ctx, row, UPDATE_SUBSCRIPTION)
    return row


# --- actions ----------------------------------------------------------------------------------


def archive(session: Session, ctx: AuthContext, row: Subscription, inp=None) -> None:
    if lifecycle.archive(row):
        _record(session, ctx, row, ARCHIVE_SUBSCRIPTION)


def restore(session: Session, ctx: AuthContext, row: Subscription, inp=None) -> None:
    if lifecycle.restore(row):
        _record(session, ctx, row, RESTORE_SUBSCRIPTION)


def delete(session: Session, ctx: AuthContext, row: Subscription, inp=None) -> None:
    if lifecycle.delete(row):
        _record(session, ctx, row, DELETE_SUBSCRIPTION)


ASSIGNABLE = {"invoice": Invoice, "recurring_invoice": RecurringInvoice}


def check_bulk(session: Session, ctx: AuthContext, inp: RequestInput) -> None:
    """BulkSubscriptionRequest's `entity` and `entity_id` (the invoice assign_invoice links)."""
    errors = Errors()
    entity, entity_id = inp.get("entity"), inp.get("entity_id")
    if inp.has("entity"):
        if not isinstance(entity, str):
            errors.must_be("entity", "a string")
        elif entity not in ASSIGNABLE:
            errors.invalid_choice("entity")
    elif inp.get("action") == "assign_invoice":
        errors.required("entity")  # ours: upstream fails with a 500 without one
    if inp.has("entity_id"):
        model = ASSIGNABLE.get(entity) if isinstance(entity, str) else Invoice
        key = as_hashed_id(entity_id)
        if model is not None and (key is None or repository.document_in_company(
                session, model, ctx.company_id, key) is None):
            errors.invalid_choice("entity_id")
    errors.raise_if_any()


def assign_invoice(session: Session, ctx: AuthContext, row: Subscription, inp: RequestInput) -> None:
    """The named invoice or recurring invoice now belongs to this subscription (the last one
    named wins); without `entity_id` nothing changes."""
    key = as_hashed_id(inp.get("entity_id"))
    if key is None:
        return
    document = repository.document_in_company(session, ASSIGNABLE[inp.get("entity")], ctx.company_id, key)
    if document is not None:
        document.subscription_id = row.id
