from sqlalchemy.orm import Session

from ninja_api.accounts.service import issue_token
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_text
from ninja_api.models import CompanyToken
from ninja_api.models.base import utcnow
from ninja_api.security import random_key


def validated_name(inp: RequestInput) -> str:
    errors = Errors()
    name = as_text(inp.get("name"))
    if name is None:
        errors.required("name")
    elif len(name) > 191:
        # Upstream has no max rule and fails in the database; a 422 is the safe answer.
        errors.add("name", "The name must not be greater than 191 characters.")
    errors.raise_if_any()
    return name


def blank(session: Session, ctx: AuthContext) -> CompanyToken:
    # Upstream's factory: unsaved, with a fresh random token and an empty name.
    return CompanyToken(company_id=ctx.company_id, account_id=ctx.account_id, user_id=ctx.user_id,
                        token=random_key(64), name="")


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> CompanyToken:
    return issue_token(session, ctx.company, ctx.user, name=validated_name(inp), system=False)


def update(session: Session, ctx: AuthContext, token: CompanyToken, inp: RequestInput) -> CompanyToken:
    token.name = validated_name(inp)
    # Quirk kept: upstream's token repository saves every token as a user token, so renaming a
    # system token turns it into a non-system one.
    token.is_system = False
    return token


def destroy(session: Session, ctx: AuthContext, token: CompanyToken) -> CompanyToken:
    """DELETE /tokens/{id} only soft-deletes (Eloquent `delete()`): is_deleted stays as it was,
    and deleting again moves `archived_at` to now."""
    token.deleted_at = utcnow()
    return token
