"""Login, refresh and logout: the CompanyUser list every client starts from."""

import base64
import hashlib
import hmac
import struct
import time
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ninja_api.accounts.schemas import serialize_account
from ninja_api.accounts.service import system_token
from ninja_api.companies.resource import FIRST_LOAD, MINI_LOAD, LoadContext, company_resource
from ninja_api.http import throttle
from ninja_api.http.resource import render_one
from ninja_api.models import Account, Company, CompanyToken, CompanyUser, User
from ninja_api.security import random_key
from ninja_api.tokens.schemas import serialize_token
from ninja_api.users.schemas import serialize_company_user, serialize_user

# Laravel's login throttle: 5 failures per lower-cased email and IP within a minute; shared by every
# server process (`http.throttle`). A wrong one-time password counts as a failure too (upstream's
# self-hosted install does not throttle those at all).
MAX_FAILURES = 5


def _throttle_key(email: str, ip: str) -> str:
    return f"login:{email.lower()}|{ip}"


def throttled(session: Session, email: str, ip: str) -> bool:
    return throttle.too_many(session, _throttle_key(email, ip), MAX_FAILURES)


def record_failure(session: Session, email: str, ip: str) -> None:
    throttle.record(session, _throttle_key(email, ip))


def user_by_email(session: Session, email: str) -> User | None:
    # MySQL compares emails case-insensitively; make every backend do so.
    return session.scalar(
        select(User).where(func.lower(User.email) == email.lower(), User.deleted_at.is_(None)).order_by(User.id)
    )


def totp_matches(secret: str, code: str, now: float | None = None) -> bool:
    """Google2FA's verifyKey: a 6-digit TOTP (SHA1, 30 s) with a window of one step either side."""
    try:
        key = base64.b32decode(secret.strip().upper() + "=" * (-len(secret.strip()) % 8))
    except (ValueError, TypeError):
        return False
    step = int((now if now is not None else time.time()) // 30)
    for counter in (step - 1, step, step + 1):
        digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
        offset = digest[-1] & 0x0F
        value = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
        if hmac.compare_digest(f"{value:06d}", code.strip()):
            return True
    return False


def memberships(session: Session, user: User, company_id: int | None = None) -> list[tuple[CompanyUser, Company]]:
    query = (
        select(CompanyUser, Company)
        .join(Company, Company.id == CompanyUser.company_id)
        .where(CompanyUser.user_id == user.id, CompanyUser.deleted_at.is_(None))
        .order_by(CompanyUser.id)
    )
    if company_id is not None:
        query = query.where(CompanyUser.company_id == company_id)
    return [(link, company) for link, company in session.execute(query)]


def ensure_default_company(session: Session, user: User, links: list[tuple[CompanyUser, Company]]) -> Account | None:
    """If the account's default company is gone, the user's first company becomes the default."""
    account = session.get(Account, user.account_id)
    if account is None or not links:
        return account
    exists = account.default_company_id is not None and session.get(Company, account.default_company_id) is not None
    if not exists:
        account.default_company_id = links[0][1].id
    return account


def default_company(session: Session, account: Account | None, links) -> Company | None:
    """The company login acts on: the account default when the user is in it, else the first."""
    for _, company in links:
        if account is not None and company.id == account.default_company_id:
            return company
    return links[0][1] if links else None


def company_user_list(
    session: Session,
    user: User,
    links: list[tuple[CompanyUser, Company]],
    *,
    since: datetime | None = None,
    since_column: str = "updated_at",
    includes: dict | None = None,
) -> list[dict]:
    """CompanyUser items with user.company_user, company (first_load or mini_load), token, account."""
    account = session.get(Account, user.account_id)
    includes = FIRST_LOAD if includes is None else includes
    out = []
    for link, company in links:
        token = system_token(session, company, user)
        ctx = LoadContext(token=token, user=user, company=company, company_user=link,
                          collections_since=since, since_column=since_column)
        data = serialize_company_user(link, ctx)
        data["user"] = {**serialize_user(user, ctx), "company_user": serialize_company_user(link, ctx)}
        data["company"] = render_one(session, company_resource, company, includes, ctx)
        data["token"] = serialize_token(token, ctx)
        data["account"] = serialize_account(account, ctx)
        out.append(data)
    return out


def rotate_system_tokens(session: Session, company_id: int) -> None:
    """Logout: every live system token of the company (all its users) gets a new value."""
    tokens = session.scalars(
        select(CompanyToken).where(
            CompanyToken.company_id == company_id,
            CompanyToken.is_system.is_(True),
            CompanyToken.deleted_at.is_(None),
        )
    )
    for token in tokens:
        token.token = random_key(64)


__all__ = [
    "FIRST_LOAD", "MINI_LOAD", "company_user_list", "default_company", "ensure_default_company", "memberships",
    "record_failure", "rotate_system_tokens", "throttled", "totp_matches", "user_by_email",
]
