"""Ping, health check and statics."""

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.rendering import ApiResponse
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.settings import get_settings
from ninja_api.statics.data import statics_bytes

router = APIRouter(route_class=UnitOfWorkRoute)


def company_name(ctx: AuthContext) -> str:
    return (ctx.company.settings or {}).get("name") or "Untitled Company"


def user_name(ctx: AuthContext) -> str:
    return f"{ctx.user.first_name or ''} {ctx.user.last_name or ''}".strip()


@router.get("/ping", tags=["ping"], summary="Ping the API", operation_id="getPing")
def ping(ctx: AuthContext = Depends(require_auth)):
    return ApiResponse({"company_name": company_name(ctx), "user_name": user_name(ctx)})


@router.get("/health_check", tags=["health_check"], summary="Health check", operation_id="getHealthCheck")
def health_check(request: Request, session: Session = Depends(get_session)):
    try:
        session.execute(sql("SELECT 1"))
        db_ok = True
    except Exception:  # a health check reports failure, it does not raise it
        db_ok = False
    return ApiResponse(
        {
            "system_health": db_ok,
            "simple_db_check": db_ok,
            "cache_enabled": False,
            "phantom_enabled": False,
            "pdf_engine": "weasyprint",
            "queue": "sync",
            "api_version": get_settings().app_version,
            "env_writable": True,
        }
    )


@router.get("/statics", tags=["statics"], summary="Reference data", operation_id="getStatics")
def statics(ctx: AuthContext = Depends(require_auth)):
    return Response(content=statics_bytes(), media_type="application/json; charset=utf-8")
