"""Bank integration rules for manual accounts: Store/UpdateBankIntegrationRequest and the factory.

Never commits. Accounts an aggregator keeps in sync (Yodlee, Nordigen) need that service's
credentials, which this server does not have; their routes answer as upstream does without them.
"""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_date, as_decimal, as_text, attribute
from ninja_api.models import BankIntegration

# Upstream's fillable columns (balance, from_date and auto_sync apart).
TEXT_FIELDS = ("bank_account_name", "provider_name", "bank_account_number", "bank_account_status",
               "bank_account_type", "currency")


def blank(session: Session, ctx: AuthContext) -> BankIntegration:
    """BankIntegrationFactory: empty texts, a zero balance, synchronised."""
    return BankIntegration(
        account_id=ctx.account_id, user_id=ctx.user_id, company_id=ctx.company_id,
        provider_name="", bank_account_name="", bank_account_number="", bank_account_status="",
        bank_account_type="", balance=Decimal(0), currency="", auto_sync=True,
    )


def _validate(data: dict, creating: bool) -> None:
    errors = Errors()
    name = data.get("bank_account_name")
    if creating and name is None:
        errors.required("bank_account_name")
    elif "bank_account_name" in data:
        if isinstance(name, (dict, list)):
            errors.must_be("bank_account_name", "a string")  # ours: upstream cannot store it
        elif len(as_text(name) or "") < 3:
            errors.add("bank_account_name", "The bank account name must be at least 3 characters.")
    if "auto_sync" in data and as_bool(data["auto_sync"]) is None:
        errors.add("auto_sync", "The auto sync field must be true or false.")
    # Ours: columns upstream fills unchecked, where its database would fail or store nonsense.
    for field in TEXT_FIELDS[1:]:
        if isinstance(data.get(field), (dict, list)):
            errors.must_be(field, "a string")
    if data.get("balance") is not None and as_decimal(data["balance"]) is None:
        errors.must_be("balance", "a number")
    if data.get("from_date") is not None and as_date(data["from_date"]) is None:
        errors.add("from_date", f"The {attribute('from_date')} is not a valid date.")
    errors.raise_if_any()


def _fill(row: BankIntegration, data: dict) -> None:
    for field in TEXT_FIELDS:
        if field in data:
            setattr(row, field, as_text(data[field]))
    if row.provider_name is None:
        row.provider_name = ""  # a NOT NULL column
    if "balance" in data:
        row.balance = as_decimal(data["balance"]) if data["balance"] is not None else Decimal(0)
    if "from_date" in data:
        row.from_date = as_date(data["from_date"]) if data["from_date"] is not None else None
    if "auto_sync" in data:
        row.auto_sync = as_bool(data["auto_sync"])


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> BankIntegration:
    data = dict(inp.data)
    _validate(data, creating=True)
    # A manual account is named after itself unless a provider is given.
    if not as_text(data.get("provider_name")):
        data["provider_name"] = data["bank_account_name"]
    row = blank(session, ctx)
    _fill(row, data)
    session.add(row)
    session.flush()
    return row


def update(session: Session, ctx: AuthContext, row: BankIntegration, inp: RequestInput) -> BankIntegration:
    data = dict(inp.data)
    _validate(data, creating=False)
    _fill(row, data)
    session.flush()
    return row
