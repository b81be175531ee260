import hmac

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
from ninja_api.http.rendering import ApiResponse
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.http.validation import Errors, as_text
from ninja_api.models.base import utcnow
from ninja_api.security import check_password
from ninja_api.settings import MINIMUM_CLIENT_VERSION, Settings, get_settings

router = APIRouter(route_class=UnitOfWorkRoute)


def _settings(request: Request) -> Settings:
    return getattr(request.app.state, "settings", None) or get_settings()


def _version_headers(request: Request) -> dict:
    return {"X-App-Version": _settings(request).app_version, "X-Api-Version": MINIMUM_CLIENT_VERSION}


def _page(request: Request, inp: RequestInput, links: list) -> tuple[list, dict]:
    """Login and refresh are paginated lists of CompanyUser (20 per page unless per_page says)."""
    page = page_from(inp.data)
    base = str(request.url.replace(query=""))
    shown = links[page.offset:page.offset + page.size]
    return shown, pagination_meta(page, len(links), len(shown), base)


def _check_secret(request: Request) -> None:
    secret = _settings(request).api_secret
    sent = request.headers.get("x-api-secret") or ""
    if secret and not hmac.compare_digest(sent.encode(), secret.encode()):
        headers = {"X-App-Version": _settings(request).app_version, "X-Minimum-Client-Version": MINIMUM_CLIENT_VERSION}
        raise ApiError(403, {"message": "Invalid secret", "errors": {}}, headers)


@router.post("/login", tags=["auth"], summary="Login", operation_id="postLogin")
def login(request: Request, inp: RequestInput = Depends(get_input), session: Session = Depends(get_session)):
    _check_secret(request)
    errors = Errors()
    email, password = as_text(inp.get("email")), inp.get("password")
    if email is None:
        errors.required("email")
    if password is None:
        errors.required("password")
    elif not isinstance(password, str):
        errors.add("password", "The password must be a string.")
    elif len(password) > 1000:
        errors.add("password", "The password must not be greater than 1000 characters.")
    errors.raise_if_any()

    ip = request.client.host if request.client else ""
    if service.throttled(session, email, ip):
        raise ApiError(401, {"message": "Too many login attempts, you are being throttled"}, _version_headers(request))
    # A failure is answered, not raised, so that the unit of work keeps its throttle hit.
    user = service.user_by_email(session, email)
    if user is None or not check_password(password, user.password):
        service.record_failure(session, email, ip)
        return ApiResponse({"message": "These credentials do not match our records"}, 401, _version_headers(request))
    # Upstream never clears the failure count on success: it simply expires.

    if user.google_2fa_secret:
        code = inp.get("one_time_password")
        if not isinstance(code, (str, int)) or isinstance(code, bool) or not service.totp_matches(user.google_2fa_secret, str(code)):
            service.record_failure(session, email, ip)
            return ApiResponse({"message": "Invalid one time password"}, 401, _version_headers(request))

    links = service.memberships(session, user)
    account = service.ensure_default_company(session, user, links)
    if not links:
        raise ApiError(400, {"message": "User found, but not attached to any companies, please see your administrator"})
    user.last_login = utcnow()

    # A large default company switches every company of the answer to the smaller mini_load.
    default = service.default_company(session, account, links)
    includes = service.MINI_LOAD if default is not None and default.is_large else service.FIRST_LOAD
    # `?created_at=` limits the big collections to rows created since (0 or absent: everything).
    since = None
    raw = inp.get("created_at")
    if raw not in (None, "0", 0):
        since = parse_moment(raw)
    shown, meta = _page(request, inp, links)
    data = service.company_user_list(session, user, shown, since=since, since_column="created_at", includes=includes)
    return envelope(inp, data, meta)


@router.post("/refresh", tags=["refresh"], summary="Refresh data by timestamp", operation_id="refresh")
def refresh(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
            session: Session = Depends(get_session)):
    since = None
    raw = inp.get("updated_at")
    if raw not in (None, "0", 0):
        since = parse_moment(raw)
    if since is None and ctx.company.is_large:
        since = utcnow()
    # Only the string "true" (or JSON true) restricts the answer to the token's company.
    company_id = ctx.company_id if is_true(inp.get("current_company")) else None
    links = service.memberships(session, ctx.user, company_id)
    if not links:
        raise ApiError(400, {"message": "User found, but not attached to any companies, please see your administrator"})
    shown, meta = _page(request, inp, links)
    data = service.company_user_list(session, ctx.user, shown, since=since, since_column="updated_at")
    return envelope(inp, data, meta)


@router.post("/logout", tags=["logout"], summary="Log out: rotate the company's system tokens",
             operation_id="getLogout")
def logout(ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    service.rotate_system_tokens(session, ctx.company_id)
    return message("All tokens deleted")
