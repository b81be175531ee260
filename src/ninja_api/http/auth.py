"""X-API-TOKEN → company token → user and company; every company-scoped query uses the result."""

from dataclasses import dataclass, field
from datetime import datetime

from fastapi import Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.errors import ApiError, invalid_token
from ninja_api.models import Company, CompanyToken, CompanyUser, User

TOKEN_HEADERS = ("x-api-token", "x-ninja-token")


@dataclass
class AuthContext:
    token: CompanyToken
    user: User
    company: Company
    company_user: CompanyUser
    # Login and refresh render company collections changed at or after this moment only.
    collections_since: datetime | None = None
    # The request's query string: some upstream fields appear only when the query asks for them.
    query: dict[str, str] = field(default_factory=dict)

    @property
    def company_id(self) -> int:
        return self.company.id

    @property
    def user_id(self) -> int:
        return self.user.id

    @property
    def account_id(self) -> int:
        return self.company.account_id

    @property
    def is_admin(self) -> bool:
        return bool(self.company_user.is_owner or self.company_user.is_admin)

    def has_permission(self, name: str) -> bool:
        # Upstream matches permissions by substring of the stored comma list.
        return self.is_admin or name in (self.company_user.permissions or "")


def token_from(request: Request) -> str | None:
    for header in TOKEN_HEADERS:
        value = request.headers.get(header)
        if value:
            return value.strip()
    return None


def authenticate(session: Session, value: str | None) -> AuthContext:
    if not value:
        raise invalid_token()
    row = session.execute(
        select(CompanyToken, User, Company, CompanyUser)
        .join(User, User.id == CompanyToken.user_id)
        .join(Company, Company.id == CompanyToken.company_id)
        .outerjoin(
            CompanyUser,
            (CompanyUser.user_id == CompanyToken.user_id)
            & (CompanyUser.company_id == CompanyToken.company_id),
        )
        .where(CompanyToken.token == value, CompanyToken.deleted_at.is_(None))
    ).first()
    if row is None:
        raise invalid_token()
    token, user, company, company_user = row
    if user.deleted_at is not None or company_user is None:
        raise ApiError(403, {"message": "User inactive", "errors": {}})
    if company_user.is_locked:
        raise ApiError(403, {"message": "User access locked", "errors": {}})
    return AuthContext(token=token, user=user, company=company, company_user=company_user)


def require_auth(request: Request, session: Session = Depends(get_session)) -> AuthContext:
    ctx = getattr(request.state, "auth", None)
    if ctx is None:
        ctx = authenticate(session, token_from(request))
        ctx.query = dict(request.query_params)
        request.state.auth = ctx
    return ctx
