"""Who a scheduled job acts as: there is no request, so no token header to authenticate.

Activities, invitations and numbering all read an `AuthContext`. A job acts as the user who owns
the row it works on (the recurring invoice's creator), with that user's token in the company (an
API token before the system one), or, when that user is gone, locked or tokenless, as the company
owner with the owner's token.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.http.auth import AuthContext
from ninja_api.models import Company, CompanyToken, CompanyUser, User


def _membership(session: Session, company_id: int, user_id: int | None) -> tuple[User, CompanyUser] | None:
    if user_id is None:
        return None
    user = session.get(User, user_id)
    member = session.scalar(select(CompanyUser).where(CompanyUser.company_id == company_id,
                                                      CompanyUser.user_id == user_id))
    if user is None or user.deleted_at is not None or member is None or member.is_locked:
        return None
    return user, member


def _token(session: Session, company_id: int, user_id: int) -> CompanyToken | None:
    return session.scalar(select(CompanyToken).where(
        CompanyToken.company_id == company_id, CompanyToken.user_id == user_id, CompanyToken.deleted_at.is_(None),
    ).order_by(CompanyToken.is_system, CompanyToken.id).limit(1))


def _owner_id(session: Session, company_id: int) -> int | None:
    return session.scalar(select(CompanyUser.user_id).where(
        CompanyUser.company_id == company_id, CompanyUser.is_owner.is_(True)).order_by(CompanyUser.id).limit(1))


def actor_for(session: Session, company: Company, user_id: int | None) -> AuthContext | None:
    """The context a job acts in for `company` on behalf of `user_id`; None when nobody can act."""
    owner_id = _owner_id(session, company.id)
    for candidate in (user_id, owner_id):
        found = _membership(session, company.id, candidate)
        if found is None:
            continue
        user, member = found
        token = _token(session, company.id, user.id) or (_token(session, company.id, owner_id) if owner_id else None)
        if token is None:
            continue
        return AuthContext(token=token, user=user, company=company, company_user=member)
    return None


def actor_by_token(session: Session, token_id: int) -> AuthContext | None:
    """The context of the request that queued a job, from its token; when that token, its user or
    membership is gone meanwhile, whoever `actor_for` picks for the token's company."""
    token = session.get(CompanyToken, token_id)
    if token is None:
        return None
    company = session.get(Company, token.company_id)
    found = _membership(session, company.id, token.user_id)
    if found is None or token.deleted_at is not None:
        return actor_for(session, company, token.user_id)
    user, member = found
    return AuthContext(token=token, user=user, company=company, company_user=member)
