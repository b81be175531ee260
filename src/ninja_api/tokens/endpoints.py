from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.envelope import envelope
from ninja_api.http.errors import unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import can_create, find
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.tokens import service
from ninja_api.tokens.resource import token_resource
from ninja_api.tokens.schemas import serialize_token

router = APIRouter(route_class=UnitOfWorkRoute)


# Registered before the shared routes so they win: these two show the whole token.
@router.post("/tokens", tags=["tokens"], summary="Create token")
def store(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session: Session = Depends(get_session)):
    if not can_create(ctx, token_resource):
        raise unauthorized()
    return envelope(inp, serialize_token(service.create(session, ctx, inp), ctx))


@router.get("/tokens/{id}", tags=["tokens"], summary="Show token")
def show(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
         session: Session = Depends(get_session)):
    if id in ("create",):
        return _blank(inp, ctx, session)
    return envelope(inp, serialize_token(find(session, token_resource, id, ctx), ctx))


def _blank(inp, ctx, session):
    return envelope(inp, serialize_token(service.blank(session, ctx), ctx))


router.include_router(
    crud_router(token_resource, EntityService(blank=service.blank, create=service.create, update=service.update))
)
