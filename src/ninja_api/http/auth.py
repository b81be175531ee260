"""X-API-TOKEN → company token → user and company; every company-scoped query uses the result."""

from datetime import datetime

from fastapi import Depends, Request
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.errors import ApiError, invalid_token
from ninja_api.models import Company, CompanyToken, CompanyUser, User

TOKEN_HEADERS = ("x-api-token", "x-ninja-token")


class AuthContext:
    """Who is asking: the token and its user, company and membership.

    `require_auth` answers in the event loop with a context whose rows are not read yet; they are
    read on first use, in the worker thread that runs the endpoint (see `UnitOfWorkRoute`), so an
    authenticated request costs one trip to a thread rather than two.
    """

    def __init__(self, token: CompanyToken | None = None, user: User | None = None, company: Company | None = None,
                 company_user: CompanyUser | None = None, collections_since: datetime | None = None,
                 query: dict[str, str] | None = None) -> None:
        self._rows = (token, user, company, company_user) if token is not None else None
        self._pending: tuple[Session, str | None] | None = None
        # Login and refresh render company collections changed at or after this moment only.
        self.collections_since = collections_since
        # The request's query string: some upstream fields appear only when the query asks for them.
        self.query = query or {}

    @classmethod
    def deferred(cls, session: Session, value: str | None, query: dict[str, str]) -> "AuthContext":
        ctx = cls(query=query)
        ctx._pending = (session, value)
        return ctx

    def resolve(self) -> "AuthContext":
        """Reads the token's rows if not yet read; raises upstream's refusal for a bad token."""
        if self._rows is None:
            self._rows = _look_up(*self._pending)
            self._pending = None
        return self

    @property
    def token(self) -> CompanyToken:
        return self.resolve()._rows[0]

    @property
    def user(self) -> User:
        return self.resolve()._rows[1]

    @property
    def company(self) -> Company:
        return self.resolve()._rows[2]

    @property
    def company_user(self) -> CompanyUser:
        return self.resolve()._rows[3]

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


# Built once: a statement object remembers its cache key, so each request only binds the token.
_BY_TOKEN = (
    select(CompanyToken, User, Company, CompanyUser)
    .join(User, User.id == CompanyToken.user_id)
    .join(Company, Company.id == CompanyToken.company_id)
    .outerjoin(
        CompanyUser,
        (CompanyUser.user_id == CompanyToken.user_id) & (CompanyUser.company_id == CompanyToken.company_id),
    )
    .where(CompanyToken.token == bindparam("token"), CompanyToken.deleted_at.is_(None))
)


def _look_up(session: Session, value: str | None) -> tuple:
    if not value:
        raise invalid_token()
    row = session.execute(_BY_TOKEN, {"token": value}).first()
    if row is None:
        raise invalid_token()
    token, user, company, company_user = row
    if user.deleted_at is not None or company_user is None:
        raise ApiError(403, {"message": "User inactive", "errors": {}})
    if company_user.is_locked:
        raise ApiError(403, {"message": "User access locked", "errors": {}})
    return token, user, company, company_user


async def require_auth(request: Request, session: Session = Depends(get_session)) -> AuthContext:
    """The request's context, its rows read later in the endpoint's thread (a missing token is
    refused here and now)."""
    ctx = getattr(request.state, "auth", None)
    if ctx is None:
        value = token_from(request)
        if not value:
            raise invalid_token()
        ctx = AuthContext.deferred(session, value, dict(request.query_params))
        request.state.auth = ctx
    return ctx
