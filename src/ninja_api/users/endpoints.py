"""/api/v1/users (list and show) and PUT /api/v1/company_users/{user}.

Upstream binds a user path id within the caller's account (any other id is a 400 "No query
results"), `show` is password protected and admin only, and the list shows the members of the
token's company (only the caller, for a user without view_user).
"""

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import item_response, list_response
from ninja_api.http.errors import ApiError, model_not_found, unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.listing import apply_filters, scoped
from ninja_api.http.password import require_password
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.http.validation import as_bool, as_text
from ninja_api.models import CompanyUser, User
from ninja_api.models.base import utcnow
from ninja_api.users.resource import company_user_resource, user_resource

router = APIRouter(route_class=UnitOfWorkRoute)


def find_user(session: Session, hashed: str, ctx: AuthContext) -> User:
    """Upstream's User route binding: archived users resolve, other accounts' users do not."""
    key = ids.decode(hashed)
    user = session.get(User, key) if key is not None else None
    if user is None or user.account_id != ctx.account_id:
        raise model_not_found("User")
    return user


@router.get("/users", tags=["users"], summary="List users", operation_id="getUsers")
def index(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session: Session = Depends(get_session)):
    query = apply_filters(user_resource, scoped(user_resource, ctx), inp, ctx)
    return list_response(session, user_resource, query, inp, ctx, request)


@router.get("/users/{id}", tags=["users"], summary="Show user", operation_id="showUser")
def show(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_password),
         session: Session = Depends(get_session)):
    user = find_user(session, id, ctx)
    if not ctx.company_user.is_admin:
        raise unauthorized()
    return item_response(session, user_resource, user, inp, ctx)


# What an admin may fill on the link (upstream's fillable list, less account_id).
ADMIN_FIELDS = ("permissions", "notifications", "settings", "react_settings", "slack_webhook_url")
ADMIN_FLAGS = ("is_admin", "is_owner", "is_locked")
OBJECT_FIELDS = {"notifications", "settings", "react_settings"}


def _set(link: CompanyUser, field: str, value) -> None:
    if field in OBJECT_FIELDS:
        if value is None or isinstance(value, (dict, list)):
            setattr(link, field, value)
    elif field == "permissions":
        link.permissions = as_text(value) if value is not None else None
    elif field == "slack_webhook_url":
        link.slack_webhook_url = as_text(value) or ""


@router.put("/company_users/{id}", tags=["company_user"], summary="Update a company user",
            operation_id="updateCompanyUser")
def update_company_user(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                        session: Session = Depends(get_session)):
    user = find_user(session, id, ctx)
    if not (ctx.company_user.is_admin or user.id == ctx.user_id):
        raise unauthorized()
    link = session.scalar(
        select(CompanyUser).where(CompanyUser.user_id == user.id, CompanyUser.company_id == ctx.company_id)
    )
    if link is None:
        raise ApiError(400, {"message": "Company User record not found"})
    # Only the nested `company_user` object is read (its `user` key is dropped).
    data = inp.get("company_user")
    data = {k: v for k, v in data.items() if k != "user"} if isinstance(data, dict) else {}
    if ctx.company_user.is_admin:
        for field in ADMIN_FIELDS:
            if field in data:
                _set(link, field, data[field])
        for flag in ADMIN_FLAGS:
            if flag in data and as_bool(data[flag]) is not None:
                setattr(link, flag, as_bool(data[flag]))
    else:
        # Everyone else may change their own settings, notifications and react settings only.
        for field in ("settings", "notifications", "react_settings"):
            if field in data:
                _set(link, field, data[field])
    link.updated_at = utcnow()
    # Saving the link touches its user.
    user.updated_at = utcnow()
    session.flush()
    return item_response(session, company_user_resource, link, inp, ctx)
