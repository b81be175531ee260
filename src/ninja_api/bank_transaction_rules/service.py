"""Bank transaction rules: upstream's Store/UpdateBankTransactionRuleRequest and its factory; never commits.

A rule is a list of criteria (`search_key`, `operator`, `value`) that `bank_transactions.rules`
applies to each new statement line.
"""

from sqlalchemy.orm import Session

from ninja_api.bank_transactions import repository as transactions
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_hashed_id, as_text
from ninja_api.models import BankTransactionRule, Client, ExpenseCategory, Vendor

CRITERION_FIELDS = ("operator", "search_key", "value")
RELATIONS = (("category_id", ExpenseCategory), ("vendor_id", Vendor), ("client_id", Client))


def blank(session: Session, ctx: AuthContext) -> BankTransactionRule:
    return BankTransactionRule(company_id=ctx.company_id, user_id=ctx.user_id, name="", rules=[],
                               auto_convert=False, matches_on_all=False, applies_to="CREDIT", is_deleted=False)


def _scalar_text(value) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    return as_text(value) if not isinstance(value, (int, float)) else str(value)


def _check(session: Session, ctx: AuthContext, data: dict) -> Errors:
    errors = Errors()
    name = data.get("name")
    if name in (None, ""):
        errors.required("name")
    elif _scalar_text(name) is None or not isinstance(name, str):
        errors.must_be("name", "a string")
    elif len(name) > 191:
        errors.add("name", "The name must not be greater than 191 characters.")
    criteria = data.get("rules")
    if "rules" in data and criteria is not None and not isinstance(criteria, list):
        errors.must_be("rules", "an array")
    for index, criterion in enumerate(criteria if isinstance(criteria, list) else []):
        for field in CRITERION_FIELDS:
            key = f"rules.{index}.{field}"
            value = criterion.get(field) if isinstance(criterion, dict) else None
            if value in (None, ""):
                errors.required(key)
            elif _scalar_text(value) is None:  # ours: upstream stores any JSON and fails when matching
                errors.must_be(key, "a string")
    for field in ("auto_convert", "matches_on_all"):
        if data.get(field) is not None and as_bool(data[field]) is None:
            errors.add(field, f"The {field.replace('_', ' ')} field must be true or false.")
    if data.get("applies_to") is not None and not isinstance(data["applies_to"], str):
        errors.must_be("applies_to", "a string")
    for field, model in RELATIONS:
        value = data.get(field)
        if value in (None, ""):
            continue
        key = as_hashed_id(value)
        if key is None or not transactions.live_in_company(session, model, ctx.company_id, key):
            errors.invalid_choice(field)
    return errors


def _fill(row: BankTransactionRule, data: dict) -> None:
    row.name = data["name"]
    if isinstance(data.get("rules"), list):
        row.rules = [{field: _scalar_text(c.get(field)) for field in CRITERION_FIELDS} for c in data["rules"]]
    for field in ("auto_convert", "matches_on_all"):
        if data.get(field) is not None:
            setattr(row, field, as_bool(data[field]))
    if isinstance(data.get("applies_to"), str):
        row.applies_to = data["applies_to"]
    for field, _ in RELATIONS:
        if field in data:
            setattr(row, field, as_hashed_id(data[field]) if data[field] not in (None, "") else None)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> BankTransactionRule:
    _check(session, ctx, inp.data).raise_if_any()
    row = blank(session, ctx)
    _fill(row, inp.data)
    session.add(row)
    session.flush()
    return row


def update(session: Session, ctx: AuthContext, row: BankTransactionRule, inp: RequestInput) -> BankTransactionRule:
    _check(session, ctx, inp.data).raise_if_any()
    _fill(row, inp.data)
    return row
