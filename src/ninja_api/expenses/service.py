"""Expense rules: what a create or update may write, numbering, currency and exchange rate;
never commits. Recurring expenses hold the same columns and reuse `prepare`, `check` and `fill`."""

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import service as activities
from ninja_api.expense_categories import repository as categories
from ninja_api.expenses import repository
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ValidationFailed
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_decimal, as_int, as_text
from ninja_api.models import Expense
from ninja_api.models.base import utcnow
from ninja_api.numbering import lock_company, next_number
from ninja_api.statics.data import exchange_rate as exchange_rate_between
from ninja_api.products.service import money_error

TEXT_FIELDS = (
    "private_notes", "public_notes", "transaction_reference", "tax_name1", "tax_name2", "tax_name3",
    "custom_value1", "custom_value2", "custom_value3", "custom_value4", "number",
)
SHORT_TEXT = ("tax_name1", "tax_name2", "tax_name3", "number")
MONEY_FIELDS = (
    "amount", "foreign_amount", "exchange_rate", "tax_rate1", "tax_rate2", "tax_rate3",
    "tax_amount1", "tax_amount2", "tax_amount3",
)
BOOL_FIELDS = ("should_be_invoiced", "invoice_documents", "uses_inclusive_taxes", "calculate_tax_by_amount")
CODE_FIELDS = ("currency_id", "invoice_currency_id", "payment_type_id", "bank_id")
# Hashed references: (field, the check that the row is the company's).
REFERENCES = ("client_id", "vendor_id", "invoice_id", "category_id", "assigned_user_id", "project_id",
              "transaction_id")
AMOUNT_MAX = Decimal("99999999999999")


def _company_currency(ctx: AuthContext) -> str:
    return str((ctx.company.settings or {}).get("currency_id") or "1")


def blank(session: Session, ctx: AuthContext) -> Expense:
    expense = Expense(
        company_id=ctx.company_id, user_id=ctx.user_id, is_deleted=False, should_be_invoiced=False,
        tax_name1="", tax_rate1=Decimal(0), tax_name2="", tax_rate2=Decimal(0), tax_name3="", tax_rate3=Decimal(0),
        date=utcnow().date(), payment_date=None, amount=Decimal(0), foreign_amount=Decimal(0),
        private_notes="", public_notes="", transaction_reference="",
        custom_value1="", custom_value2="", custom_value3="", custom_value4="",
        tax_amount1=Decimal(0), tax_amount2=Decimal(0), tax_amount3=Decimal(0),
        uses_inclusive_taxes=False, calculate_tax_by_amount=False,
    )
    expense.fresh_defaults = {"invoice_documents", "exchange_rate"}
    return expense


def _parse_date(value) -> dt.date | None:
    if isinstance(value, str):
        text = value.strip()
        for fmt in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            return None
    return None


def _decoded(value) -> int | None:
    return ids.decode(value) if isinstance(value, str) and value else None


def prepare(session: Session, ctx: AuthContext, data: dict) -> dict:
    data = dict(data)
    data.pop("documents", None)
    if data.get("currency_id") in (None, ""):
        data["currency_id"] = _company_currency(ctx)
    if data.get("project_id") not in (None, ""):
        key = _decoded(data["project_id"])
        project = repository.project_in_company(session, ctx.company_id, key) if key is not None else None
        if project is not None:
            data["client_id"] = ids.encode(project.client_id)
        else:
            data.pop("project_id")
    return data


def _reference_ok(session: Session, ctx: AuthContext, field: str, key: int) -> bool:
    company = ctx.company_id
    if field == "client_id":
        return repository.client_exists(session, company, key)
    if field == "vendor_id":
        return repository.vendor_exists(session, company, key)
    if field == "invoice_id":
        return repository.invoice_exists(session, company, key)
    if field == "category_id":
        return categories.active_in_company(session, company, key) is not None
    if field == "assigned_user_id":
        return repository.company_user_exists(session, company, key)
    if field == "project_id":
        return repository.project_in_company(session, company, key) is not None
    return False  # bank transactions are not stored here


def check(session: Session, ctx: AuthContext, data: dict, model, row) -> Errors:
    """What is wrong with `data` for a new (`row` None) or existing expense-like row of `model`."""
    errors = Errors()
    number = data.get("number")
    if number not in (None, ""):
        text = as_text(number)
        if text is not None and repository.number_taken(session, model, ctx.company_id, text,
                                                        None if row is None else row.id):
            errors.taken("number")
    for field in REFERENCES:
        value = data.get(field)
        if value in (None, ""):
            continue
        key = _decoded(value)
        if key is None or not _reference_ok(session, ctx, field, key):
            errors.invalid_choice(field)
    for field in ("payment_date", "date"):
        value = data.get(field)
        if value in (None, "") and field == "payment_date":
            continue
        if field in data and _parse_date(value) is None:
            errors.add(field, f"The {field.replace('_', ' ')} is not a valid date.")
    if data.get("amount") is not None:
        number = as_decimal(data["amount"])
        if number is None:
            errors.add("amount", "The amount must be a number.")
        elif number > AMOUNT_MAX:
            errors.add("amount", f"The amount must not be greater than {AMOUNT_MAX}.")
    # Ours: what upstream's database would refuse with a 500.
    for field in MONEY_FIELDS:
        if field == "amount" or data.get(field) is None:
            continue
        if message := money_error(field, data[field]):
            errors.add(field, message)
    for field in TEXT_FIELDS:
        value = data.get(field)
        if value is None:
            continue
        text = as_text(value)
        if text is None:
            errors.must_be(field, "a string")
        elif field in SHORT_TEXT and len(text) > 191:
            errors.add(field, f"The {field.replace('_', ' ')} must not be greater than 191 characters.")
    for field in BOOL_FIELDS:
        if data.get(field) is not None and as_bool(data[field]) is None:
            errors.add(field, f"The {field.replace('_', ' ')} field must be true or false.")
    for field in CODE_FIELDS:
        if data.get(field) not in (None, "") and as_int(data[field]) is None:
            errors.must_be(field, "an integer")
    return errors


def fill(expense, data: dict) -> None:
    fresh = getattr(expense, "fresh_defaults", set())
    for field in TEXT_FIELDS:
        if field in data:
            setattr(expense, field, as_text(data[field]))
    for field in MONEY_FIELDS:
        if field in data:
            number = as_decimal(data[field])
            if number is None and field in ("amount", "foreign_amount", "exchange_rate"):
                continue  # NOT NULL columns keep what they had
            setattr(expense, field, number if number is not None else Decimal(0))
            fresh.discard(field)
    for field in BOOL_FIELDS:
        if field in data and data[field] is not None:
            setattr(expense, field, as_bool(data[field]))
            fresh.discard(field)
    for field in CODE_FIELDS:
        if field in data:
            setattr(expense, field, as_int(data[field]) if data[field] not in (None, "") else None)
    for field in REFERENCES:
        if field in data:
            setattr(expense, field, _decoded(data[field]))
    for field in ("date", "payment_date"):
        if field in data:
            setattr(expense, field, _parse_date(data[field]))


def exchange(ctx: AuthContext, expense: Expense, data: dict) -> None:
    """On create, an expense in another currency than the company's gets the rate between them."""
    sent = as_decimal(data.get("exchange_rate"))
    if sent is not None and sent != 1:
        return
    company_currency = _company_currency(ctx)
    if str(expense.currency_id) != company_currency:
        expense.exchange_rate = exchange_rate_between(str(expense.currency_id), company_currency)
        expense.invoice_currency_id = int(company_currency)
        getattr(expense, "fresh_defaults", set()).discard("exchange_rate")


def _save(session: Session, ctx: AuthContext, expense: Expense, data: dict, creating: bool) -> Expense:
    lock_company(session, ctx.company)
    data = prepare(session, ctx, data)
    check(session, ctx, data, Expense, None if creating else expense).raise_if_any()
    fill(expense, data)
    if creating:
        exchange(ctx, expense, data)
    if not expense.number:
        expense.number = next_number(session, ctx.company, "expense", Expense, user_id=ctx.user_id)
    session.add(expense)
    session.flush()
    activities.record(session, ctx, activities.CREATE_EXPENSE if creating else activities.UPDATE_EXPENSE,
                      expense_id=expense.id, vendor_id=expense.vendor_id, client_id=expense.client_id)
    session.flush()
    return expense


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Expense:
    return _save(session, ctx, blank(session, ctx), inp.data, creating=True)


def update(session: Session, ctx: AuthContext, expense: Expense, inp: RequestInput) -> Expense:
    expense.updated_at = utcnow()
    return _save(session, ctx, expense, inp.data, creating=False)


# --- bulk -------------------------------------------------------------------------------------


def bulk_categorize(session: Session, ctx: AuthContext, expense: Expense, inp: RequestInput) -> None:
    value = inp.get("category_id")
    key = None
    if value is not None:
        key = _decoded(value)
        category = categories.by_ids(session, {key}).get(key) if key is not None else None
        if category is None or category.company_id != ctx.company_id:
            raise ValidationFailed({"category_id": ["The selected category id is invalid."]})
    expense.category_id = key
