"""Tax rate rules: admins only, a name unique in the company, a numeric rate."""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import unauthorized
from ninja_api.http.input import RequestInput
from ninja_api.http.rules import ON_CREATE, Rule
from ninja_api.http.validation import Errors, as_decimal, as_text
from ninja_api.models import TaxRate
from ninja_api.products.service import money_error
from ninja_api.tax_rates import repository

NAME_MAX = 100  # varchar(100)


def _require_admin(ctx: AuthContext) -> None:
    if not ctx.is_admin:
        raise unauthorized()


def blank(session: Session, ctx: AuthContext) -> TaxRate:
    _require_admin(ctx)
    return TaxRate(company_id=ctx.company_id, user_id=ctx.user_id, name="", rate=Decimal(0))


NAME = Rule("name", required=ON_CREATE, max_length=NAME_MAX)
RULES = (NAME,)


def _check_name(session: Session, ctx: AuthContext, errors: Errors, data: dict, row: TaxRate | None) -> None:
    NAME.check(data, errors, creating=row is None)
    name = as_text(data.get("name"))
    if name is None:
        return
    if row is None:
        # Creating: only live rows count, so an archived rate's name may be reused.
        if repository.name_taken(session, ctx.company_id, name, include_archived=False):
            errors.taken("name")
    elif name not in ("", "0") and repository.name_taken(session, ctx.company_id, name, exclude_id=row.id):
        # Updating: every other row counts, archived ones too (PHP skips the check for "0").
        errors.taken("name")


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> TaxRate:
    _require_admin(ctx)
    data = inp.data
    errors = Errors()
    _check_name(session, ctx, errors, data, None)
    if data.get("rate") is None:
        errors.required("rate")
    elif message := money_error("rate", data["rate"]):
        errors.add("rate", message)
    errors.raise_if_any()
    row = blank(session, ctx)
    row.name = as_text(data["name"])
    row.rate = as_decimal(data["rate"])
    session.add(row)
    session.flush()
    return row


def update(session: Session, ctx: AuthContext, row: TaxRate, inp: RequestInput) -> TaxRate:
    data = inp.data
    errors = Errors()
    if "rate" in data and (message := money_error("rate", data["rate"])):
        errors.add("rate", message)
    if "name" in data:
        # A null name: the column is NOT NULL, upstream fails in the database; we say why.
        _check_name(session, ctx, errors, data, row)
    errors.raise_if_any()
    if "name" in data:
        row.name = as_text(data["name"])
    if "rate" in data:
        row.rate = as_decimal(data["rate"])
    session.flush()
    return row


# --- bulk -------------------------------------------------------------------------------------


def _forget_company_default(ctx: AuthContext, row: TaxRate) -> None:
    """Archiving or deleting a rate clears it from the company's default taxes."""
    settings = dict(ctx.company.settings or {})
    changed = False
    for i in (1, 2, 3):
        if settings.get(f"tax_name{i}") == row.name:
            settings[f"tax_name{i}"] = ""
            settings[f"tax_rate{i}"] = 0
            changed = True
    if changed:
        ctx.company.settings = settings


def archive(session: Session, ctx: AuthContext, row: TaxRate, inp: RequestInput) -> None:
    _forget_company_default(ctx, row)
    lifecycle.archive(row)


def delete(session: Session, ctx: AuthContext, row: TaxRate, inp: RequestInput) -> None:
    _forget_company_default(ctx, row)
    lifecycle.delete(row)
