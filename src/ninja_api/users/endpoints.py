from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import item_response, list_response
from ninja_api.http.errors import unauthorized
from ninja_api.http.envelope import envelope
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.listing import apply_filters, scoped
from ninja_api.http.lookup import find
from ninja_api.http.resource import render_one
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.http.validation import as_bool
from ninja_api.models import CompanyUser
from ninja_api.models.base import utcnow
from ninja_api.users.resource import company_user_resource, user_resource

router = APIRouter(route_class=UnitOfWorkRoute)


@router.get("/users", tags=["users"], summary="List users", operation_id="getUsers")
def index(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session: Session = Depends(get_session)):
    query = apply_filters(user_resource, scoped(user_resource, ctx), inp, ctx)
    return list_response(session, user_resource, query, inp, ctx, request)


@router.get("/users/{id}", tags=["users"], summary="Show user", operation_id="showUser")
def show(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
         session: Session = Depends(get_session)):
    return item_response(session, user_resource, find(session, user_resource, id, ctx), inp, ctx)


COMPANY_USER_FIELDS = ("permissions", "notifications", "settings", "react_settings")
COMPANY_USER_FLAGS = ("is_admin", "is_owner", "is_locked")


@router.put("/company_users/{id}", tags=["company_user"], summary="Update a company user", operation_id="updateCompanyUser")
@router.post("/company_users/{id}", tags=["company_user"], include_in_schema=False)
def update_company_user(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                        session: Session = Depends(get_session)):
    user = find(session, user_resource, id, ctx)
    link = session.scalar(select(CompanyUser).where(CompanyUser.user_id == user.id, CompanyUser.company_id == ctx.company_id))
    data = inp.get("company_user") if isinstance(inp.get("company_user"), dict) else inp.data
    if ctx.is_admin:
        for field in COMPANY_USER_FIELDS:
            if field in data:
                setattr(link, field, data[field])
        for flag in COMPANY_USER_FLAGS:
            if flag in data and as_bool(data[flag]) is not None:
                setattr(link, flag, as_bool(data[flag]))
        if "permissions" in data:
            link.permissions_updated_at = utcnow()
    elif user.id == ctx.user_id:
        # Non-admins may only change their own notifications and settings.
        for field in ("notifications", "settings", "react_settings"):
            if field in data:
                setattr(link, field, data[field])
    else:
        raise unauthorized()
    link.updated_at = utcnow()
    session.flush()
    return envelope(inp, render_one(session, company_user_resource, link, {}, ctx))
