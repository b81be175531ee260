"""Login, refresh and logout: the CompanyUser list every client starts from."""

import time
from collections import defaultdict, deque

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.accounts.schemas import serialize_account
from ninja_api.accounts.service import system_token
from ninja_api.companies.resource import FIRST_LOAD, company_resource
from ninja_api.http.auth import AuthContext
from ninja_api.http.resource import render_one
from ninja_api.models import Account, Company, CompanyToken, CompanyUser, User
from ninja_api.security import random_key
from ninja_api.tokens.schemas import serialize_token
from ninja_api.users.schemas import serialize_company_user, serialize_user

MAX_FAILURES = 5
WINDOW_SECONDS = 60
_failures: dict[tuple[str, str], deque] = defaultdict(deque)


def throttled(email: str, ip: str) -> bool:
    attempts = _failures[(email.lower(), ip)]
    now = time.monotonic()
    while attempts and attempts[0] < now - WINDOW_SECONDS:
        attempts.popleft()
    return len(attempts) >= MAX_FAILURES


def record_failure(email: str, ip: str) -> None:
    _failures[(email.lower(), ip)].append(time.monotonic())


def clear_failures(email: str, ip: str) -> None:
    _failures.pop((email.lower(), ip), None)


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email, User.deleted_at.is_(None)))


def memberships(session: Session, user: User, company_id: int | None = None) -> list[tuple[CompanyUser, Company]]:
    query = (
        select(CompanyUser, Company)
        .join(Company, Company.id == CompanyUser.company_id)
        .where(CompanyUser.user_id == user.id, CompanyUser.deleted_at.is_(None))
        .order_by(CompanyUser.id)
    )
    if company_id is not None:
        query = query.where(CompanyUser.company_id == company_id)
    return list(session.execute(query).tuples())


def company_user_list(session: Session, user: User, links: list[tuple[CompanyUser, Company]], since=None) -> list[dict]:
    account = session.get(Account, user.account_id)
    if account is not None and account.default_company_id not in {c.id for _, c in links} and links:
        account.default_company_id = links[0][1].id
    out = []
    for link, company in links:
        token = system_token(session, company, user)
        ctx = AuthContext(token=token, user=user, company=company, company_user=link, collections_since=since)
        data = serialize_company_user(link, ctx)
        data["user"] = {**serialize_user(user, ctx), "company_user": serialize_company_user(link, ctx)}
        data["company"] = render_one(session, company_resource, company, FIRST_LOAD, ctx)
        data["token"] = serialize_token(token, ctx)
        data["account"] = serialize_account(account, ctx)
        out.append(data)
    return out


def rotate_system_tokens(session: Session, company_id: int) -> None:
    tokens = session.scalars(
        select(CompanyToken).where(CompanyToken.company_id == company_id, CompanyToken.is_system.is_(True))
    )
    for token in tokens:
        token.token = random_key(64)
