"""Bank transactions: what a create or update may write; never commits.

Each save runs the company's rules on the line (`rules`), as upstream's repository does;
`matching` carries a match out.
"""

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.bank_transactions import rules
from ninja_api.bank_transactions.matching import CONVERTED, MATCHED, UNMATCHED  # noqa: F401  (the filters name them)
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_decimal, as_int, as_text
from ninja_api.models import BankIntegration, BankTransaction, ExpenseCategory, Vendor
from ninja_api.models.base import utcnow
from ninja_api.statics.data import currency

AMOUNT_MAX = Decimal("99999999999999")
TEXT_FIELDS = ("description", "base_type", "participant", "participant_name", "expense_id")


def blank(session: Session, ctx: AuthContext) -> BankTransaction:
    """Upstream's factory."""
    return BankTransaction(company_id=ctx.company_id, user_id=ctx.user_id, amount=Decimal(0), currency_id=1,
                           account_type="", category_type="", date=utcnow().date(), description="",
                           status_id=UNMATCHED, transaction_id=0, bank_account_id=0, is_deleted=False)


def _live(session: Session, model, company_id: int, value) -> int | None:
    key = ids.decode(value) if isinstance(value, str) else None
    if key is None:
        return None
    found = session.scalar(select(model.id).where(model.id == key, model.company_id == company_id,
                                                  model.is_deleted.is_(False)))
    return found


def _date(value) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _check(session: Session, ctx: AuthContext, data: dict, creating: bool) -> None:
    errors = Errors()
    if not creating:
        if data.get("date") in (None, ""):
            errors.required("date")
        elif _date(data["date"]) is None:
            errors.add("date", "The date is not a valid date.")
    elif data.get("date") not in (None, "") and _date(data["date"]) is None:
        errors.add("date", "The date is not a valid date.")  # ours: upstream stores it unchecked
    if data.get("amount") not in (None, ""):
        amount = as_decimal(data["amount"])
        if amount is None:
            errors.add("amount", "The amount must be a number.")
        elif amount > AMOUNT_MAX:
            errors.add("amount", f"The amount must not be greater than {AMOUNT_MAX}.")
    if data.get("bank_integration_id") in (None, ""):
        errors.required("bank_integration_id")
    elif _live(session, BankIntegration, ctx.company_id, data["bank_integration_id"]) is None:
        errors.invalid_choice("bank_integration_id")
    if data.get("currency_id") not in (None, "") and (
            as_int(data["currency_id"]) is None or currency(str(as_int(data["currency_id"]))) is None):
        errors.invalid_choice("currency_id")
    if data.get("vendor_id") not in (None, "") and _live(session, Vendor, ctx.company_id, data["vendor_id"]) is None:
        errors.invalid_choice("vendor_id")
    if data.get("ninja_category_id") not in (None, "") and \
            _live(session, ExpenseCategory, ctx.company_id, data["ninja_category_id"]) is None:
        errors.invalid_choice("ninja_category_id")  # ours: upstream stores any id
    for field in TEXT_FIELDS:
        if data.get(field) is not None and as_text(data[field]) is None:
            errors.must_be(field, "a string")
    errors.raise_if_any()


def _fill(session: Session, ctx: AuthContext, row: BankTransaction, data: dict) -> None:
    data = dict(data)
    if isinstance(data.get("baseType"), str) and len(data["baseType"]) > 1:
        data["base_type"] = data["baseType"]
    for field in TEXT_FIELDS:
        if field in data:
            setattr(row, field, as_text(data[field]))
    if data.get("amount") not in (None, ""):
        row.amount = as_decimal(data["amount"])
    if data.get("date") not in (None, ""):
        row.date = _date(data["date"])
    if data.get("currency_id") not in (None, ""):
        row.currency_id = as_int(data["currency_id"])
    if data.get("category_id") not in (None, "") and as_int(data["category_id"]) is not None:
        row.category_id = as_int(data["category_id"])
    for field, model in (("bank_integration_id", BankIntegration), ("vendor_id", Vendor),
                         ("ninja_category_id", ExpenseCategory)):
        if data.get(field) not in (None, ""):
            setattr(row, field, _live(session, model, ctx.company_id, data[field]))


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> BankTransaction:
    _check(session, ctx, inp.data, creating=True)
    row = blank(session, ctx)
    _fill(session, ctx, row, inp.data)
    session.add(row)
    session.flush()
    rules.process(session, ctx, row)
    return row


def update(session: Session, ctx: AuthContext, row: BankTransaction, inp: RequestInput) -> BankTransaction:
    _check(session, ctx, inp.data, creating=False)
    _fill(session, ctx, row, inp.data)
    row.updated_at = utcnow()
    rules.process(session, ctx, row)
    return row
