"""Ping, health check, statics and the self-update routes: every one needs a token, as upstream's routes do."""

import platform

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.password import require_password
from ninja_api.http.rendering import dumps
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.settings import get_settings
from ninja_api.statics.data import statics_bytes
from ninja_api.system import health, repository

router = APIRouter(route_class=UnitOfWorkRoute)

# The PHP extensions upstream's health check lists; this server needs none of them.
EXTENSIONS = ("gd", "curl", "zip", "openssl", "mbstring", "xml", "bcmath", "iconv")


def _json(payload) -> Response:
    # Plain JSON, as upstream's response()->json(): no envelope, no X-Api-Version header.
    return Response(content=dumps(payload), media_type="application/json")


def company_name(ctx: AuthContext) -> str:
    return (ctx.company.settings or {}).get("name") or "Untitled Company"


def user_name(ctx: AuthContext) -> str:
    # Upstream joins with one space and does not trim.
    return f"{ctx.user.first_name or ''} {ctx.user.last_name or ''}"


@router.get("/ping", tags=["ping"], summary="Ping the API", operation_id="getPing")
def ping(ctx: AuthContext = Depends(require_auth)):
    return _json({"company_name": company_name(ctx), "user_name": user_name(ctx)})


@router.get("/health_check", tags=["health_check"], summary="Health check", operation_id="getHealthCheck")
def health_check(request: Request, ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    settings = getattr(request.app.state, "settings", None) or get_settings()
    checks = {
        "database": health.check_database(session.connection),
        "queue": health.check_queue(settings.queue_url),
        "storage": health.check_storage(settings),
    }
    db_ok = checks["database"].ok
    return _json(
        {
            # Upstream's verdict covers its PHP and database; here it covers every check below.
            "system_health": all(check.ok for check in checks.values()),
            "extensions": [{name: True} for name in EXTENSIONS],
            "php_version": {
                "minimum_php_version": "8.1",
                "current_php_version": platform.python_version(),
                "current_php_cli_version": platform.python_version(),
                "is_okay": True,
                "memory_limit": "-1",
            },
            "env_writable": False,
            "simple_db_check": db_ok,
            "cache_enabled": False,
            "phantom_enabled": False,
            "exec": True,
            "open_basedir": True,
            "mail_mailer": settings.mail_mailer,
            "flutter_renderer": "",
            "pdf_engine": "SnapPDF PDF Generator",
            "queue": health.queue_driver(settings.queue_url),
            "queue_data": repository.queue_data(session) if db_ok else {"failed": 0, "pending": 0, "last_error": ""},
            "jobs_pending": 0,
            "trailing_slash": settings.app_url.endswith("/"),
            "file_permissions": "Ok" if checks["storage"].ok else checks["storage"].message,
            "exchange_rate_api_not_configured": False,
            "api_version": settings.app_version,
            "is_docker": settings.is_docker,
            "pending_migrations": health.pending_migrations(session.connection()) if db_ok else True,
            # Not upstream's: one entry per thing the server needs, for monitoring scripts.
            "checks": {name: check.as_json() for name, check in checks.items()},
        }
    )


@router.get("/statics", tags=["statics"], summary="Reference data", operation_id="getStatics")
def statics(ctx: AuthContext = Depends(require_auth)):
    return Response(content=statics_bytes(), media_type="application/json; charset=utf-8")


@router.post("/self-update/check_version", tags=["update"], summary="The newest version available",
             operation_id="checkVersion")
def check_version(request: Request, ctx: AuthContext = Depends(require_auth)):
    """Upstream answers the latest release's version as bare text, fetched from its update server.
    This server never asks the internet: the latest version it knows is its own."""
    settings = getattr(request.app.state, "settings", None) or get_settings()
    return Response(content=settings.app_version.strip(), media_type="text/html; charset=UTF-8")


@router.post("/self-update", tags=["update"], summary="Performs a system update", operation_id="selfUpdate")
def self_update(ctx: AuthContext = Depends(require_password)):
    """This server is updated by its package or image, never by itself: the answer upstream gives
    where self update is not available."""
    return Response(content=dumps({"message": "Self update not available on this system."}), status_code=403,
                    media_type="application/json")
