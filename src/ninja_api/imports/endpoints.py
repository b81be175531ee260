from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.envelope import message
from ninja_api.http.errors import unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.rendering import ApiResponse
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.imports import service

router = APIRouter(route_class=UnitOfWorkRoute)


def _admin(ctx: AuthContext) -> None:
    if not ctx.is_admin:
        raise unauthorized()


@router.post("/preimport", tags=["imports"], summary="Upload CSV files and read their columns",
             operation_id="preimport")
def preimport(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
              session: Session = Depends(get_session)):
    _admin(ctx)
    return ApiResponse(service.preimport(session, ctx, inp))


@router.post("/import", tags=["imports"], summary="Import CSV files with a column map", operation_id="import")
def run_import(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
               session: Session = Depends(get_session)):
    _admin(ctx)
    service.run_import(session, ctx, inp)
    return message("Import started")
