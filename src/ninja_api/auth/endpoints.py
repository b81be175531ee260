from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from ninja_api.auth import service
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.envelope import envelope, message
from ninja_api.http.errors import ApiError
from ninja_api.http.input import RequestInput, get_input, is_true
from ninja_api.http.listing import parse_moment
from ninja_api.http.pagination import page_from, pagination_meta
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.http.validation import Errors, as_text
from ninja_api.models.base import utcnow
from ninja_api.security import check_password
from ninja_api.settings import MINIMUM_CLIENT_VERSION, get_settings

router = APIRouter(route_class=UnitOfWorkRoute)


def _version_headers() -> dict:
    return {"X-App-Version": get_settings().app_version, "X-Api-Version": MINIMUM_CLIENT_VERSION}


def _as_list(request: Request, inp: RequestInput, items: list[dict]):
    page = page_from(inp.data)
    base = str(request.url.replace(query=""))
    return envelope(inp, items, pagination_meta(page, len(items), len(items), base))


@router.post("/login", tags=["auth"], summary="Login")
def login(request: Request, inp: RequestInput = Depends(get_input), session: Session = Depends(get_session)):
    secret = get_settings().api_secret
    if secret and request.headers.get("x-api-secret") != secret:
        raise ApiError(403, {"message": "Invalid secret", "errors": {}}, _version_headers())
    errors = Errors()
    email, password = as_text(inp.get("email")), inp.get("password")
    if email is None:
        errors.required("email")
    if password is None:
        errors.required("password")
    elif not isinstance(password, str) or len(password) > 1000:
        errors.add("password", "The password must not be greater than 1000 characters.")
    errors.raise_if_any()

    ip = request.client.host if request.client else ""
    if service.throttled(email, ip):
        raise ApiError(401, {"message": "Too many login attempts, you are being throttled"}, _version_headers())
    user = service.user_by_email(session, email)
    if user is None or not check_password(password, user.password):
        service.record_failure(email, ip)
        raise ApiError(401, {"message": "These credentials do not match our records"}, _version_headers())
    service.clear_failures(email, ip)
    links = service.memberships(session, user)
    if not links:
        raise ApiError(400, {"message": "User found, but not attached to any companies, please see your administrator"})
    user.last_login = utcnow()
    return _as_list(request, inp, service.company_user_list(session, user, links))


@router.post("/refresh", tags=["refresh"], summary="Refresh data by timestamp")
def refresh(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
            session: Session = Depends(get_session)):
    since = None
    raw = inp.get("updated_at")
    if raw not in (None, "0", 0):
        since = parse_moment(raw)
    if since is None and ctx.company.is_large:
        since = utcnow()
    company_id = ctx.company_id if is_true(inp.get("current_company")) else None
    links = service.memberships(session, ctx.user, company_id)
    return _as_list(request, inp, service.company_user_list(session, ctx.user, links, since))


@router.post("/logout", tags=["logout"], summary="Log out: rotate the company's system tokens")
def logout(ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    service.rotate_system_tokens(session, ctx.company_id)
    return message("All tokens deleted")


