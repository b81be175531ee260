from sqlalchemy.orm import Session

from ninja_api.accounts.service import issue_token
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_text
from ninja_api.models import CompanyToken


def _name(inp: RequestInput) -> str:
    errors = Errors()
    name = as_text(inp.get("name"))
    if name is None:
        errors.required("name")
    elif len(name) > 191:
        errors.add("name", "The name must not be greater than 191 characters.")
    errors.raise_if_any()
    return name


def blank(session: Session, ctx: AuthContext) -> CompanyToken:
    return CompanyToken(company_id=ctx.company_id, account_id=ctx.account_id, user_id=ctx.user_id,
                        token="", name="", is_system=False, is_deleted=False)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> CompanyToken:
    return issue_token(session, ctx.company, ctx.user, name=_name(inp), system=False)


def update(session: Session, ctx: AuthContext, token: CompanyToken, inp: RequestInput) -> CompanyToken:
    token.name = _name(inp)
    return token
