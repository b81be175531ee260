"""Ping, health check, statics and the self-update routes: every one needs a token, as upstream's routes do."""

import platform

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.password import require_password
from ninja_api.http.rendering import dumps
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.settings import get_settings
from ninja_api.statics.data import statics_bytes

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
    try:
        session.execute(sql("SELECT 1"))
        db_ok = True
    except Exception:  # a health check reports failure, it does not raise it
        db_ok = False
    settings = getattr(request.app.state, "settings", None) or get_settings()
    return _json(
        {
            "system_health": db_ok,
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
            "mail_mailer": "log",
            "flutter_renderer": "",
            "pdf_engine": "SnapPDF PDF Generator",
            "queue": "sync",
            "queue_data": {"failed": 0, "pending": 0, "last_error": ""},
            "jobs_pending": 0,
            "trailing_slash": settings.app_url.endswith("/"),
            "file_permissions": "Ok",
            "exchange_rate_api_not_configured": False,
            "api_version": settings.app_version,
            "is_docker": False,
            "pending_migrations": False,
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
