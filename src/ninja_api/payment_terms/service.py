"""Payment term rules: admins only, num_days the one writable field."""

from sqlalchemy.orm import Session

from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import unauthorized
from ninja_api.http import rules
from ninja_api.http.input import RequestInput
from ninja_api.http.rules import ALWAYS, Rule
from ninja_api.http.validation import Errors, as_int
from ninja_api.models import PaymentTerm
from ninja_api.models.base import utcnow

INT_MAX = 2147483647  # int(11)
# What upstream inserts for every new company (only the first row carries a stored name).
DEFAULT_TERMS = ((0, "Net 0"), (7, ""), (10, ""), (14, ""), (15, ""), (30, ""), (60, ""), (90, ""))


def _require_admin(ctx: AuthContext) -> None:
    if not ctx.is_admin:
        raise unauthorized()


def blank(session: Session, ctx: AuthContext) -> PaymentTerm:
    _require_admin(ctx)
    return PaymentTerm(company_id=ctx.company_id, user_id=ctx.user_id)


RULES = (Rule("num_days", required=ALWAYS, kind="integer", minimum=-1, maximum=INT_MAX),)


def _validate(data: dict) -> None:
    errors = Errors()
    rules.check(RULES, data, errors, creating=True)  # every save sends num_days
    errors.raise_if_any()


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> PaymentTerm:
    _require_admin(ctx)
    _validate(inp.data)
    row = blank(session, ctx)
    row.num_days = as_int(inp.data["num_days"])
    session.add(row)
    session.flush()
    return row


def update(session: Session, ctx: AuthContext, row: PaymentTerm, inp: RequestInput) -> PaymentTerm:
    _validate(inp.data)
    row.num_days = as_int(inp.data["num_days"])
    session.flush()
    return row


def delete(session: Session, ctx: AuthContext, row: PaymentTerm) -> None:
    # Upstream's DELETE only soft-deletes: the term is archived, is_deleted stays false.
    lifecycle.archive(row)


def seed_company_terms(session: Session, company_id: int, user_id: int | None) -> list[PaymentTerm]:
    """The eight terms upstream gives every company it creates (signup, POST /companies, CLI)."""
    now = utcnow()
    rows = [
        PaymentTerm(num_days=days, name=name, company_id=company_id, user_id=user_id, created_at=now, updated_at=now)
        for days, name in DEFAULT_TERMS
    ]
    session.add_all(rows)
    session.flush()
    return rows
