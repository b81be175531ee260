"""/api/v1/tokens: company API tokens.

Upstream authorises every item route and `create`/`store` with "is admin" only; `store` and
`update` are also password protected (412 before anything else). Index and bulk need no admin.
Deviation kept on purpose: upstream resolves a path id without a company scope, so an admin could
read another company's token in full; here another company's token is a 401.
"""

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import bulk_response, list_response
from ninja_api.http.envelope import envelope
from ninja_api.http.errors import record_deleted, unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.listing import apply_filters, scoped
from ninja_api.http.lookup import find
from ninja_api.http.password import require_password
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.models import CompanyToken
from ninja_api.tokens import service
from ninja_api.tokens.resource import token_resource
from ninja_api.tokens.schemas import serialize_token, serialize_token_hashed

router = APIRouter(route_class=UnitOfWorkRoute)
TAG = ["tokens"]


def _admin(ctx: AuthContext) -> None:
    # Upstream's isAdmin(): the company user's admin flag.
    if not ctx.company_user.is_admin:
        raise unauthorized()


def _find(session: Session, id: str, ctx: AuthContext) -> CompanyToken:
    # 400 for an unknown id, 401 for another company's token (or a token the caller may not see).
    return find(session, token_resource, id, ctx)


@router.get("/tokens", tags=TAG, summary="List tokens", operation_id="getTokens")
def index(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session: Session = Depends(get_session)):
    query = apply_filters(token_resource, scoped(token_resource, ctx), inp, ctx)
    return list_response(session, token_resource, query, inp, ctx, request)


@router.get("/tokens/create", tags=TAG, summary="Blank token", operation_id="getTokensCreate")
def blank(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session: Session = Depends(get_session)):
    _admin(ctx)
    return envelope(inp, serialize_token(service.blank(session, ctx), ctx))


@router.post("/tokens/bulk", tags=TAG, summary="Bulk token actions", operation_id="bulkTokens")
def bulk(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
         session: Session = Depends(get_session)):
    return bulk_response(session, token_resource, inp, ctx, request)


@router.post("/tokens", tags=TAG, summary="Create token", operation_id="storeToken")
def store(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_password),
          session: Session = Depends(get_session)):
    _admin(ctx)
    token = service.create(session, ctx, inp)
    session.flush()
    # The only answer that ever shows a new token in full.
    return envelope(inp, serialize_token(token, ctx))


@router.get("/tokens/{id}", tags=TAG, summary="Show token", operation_id="showToken")
def show(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
         session: Session = Depends(get_session)):
    token = _find(session, id, ctx)
    _admin(ctx)
    return envelope(inp, serialize_token(token, ctx))


@router.get("/tokens/{id}/edit", tags=TAG, summary="Edit token", operation_id="editToken")
def edit(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
         session: Session = Depends(get_session)):
    token = _find(session, id, ctx)
    _admin(ctx)
    return envelope(inp, serialize_token_hashed(token, ctx))


@router.put("/tokens/{id}", tags=TAG, summary="Update token", operation_id="updateToken")
@router.patch("/tokens/{id}", include_in_schema=False)
def update(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_password),
           session: Session = Depends(get_session)):
    token = _find(session, id, ctx)
    _admin(ctx)
    # Upstream validates before it looks at the deleted flag.
    service.validated_name(inp)
    if token.is_deleted:
        raise record_deleted()
    token = service.update(session, ctx, token, inp)
    session.flush()
    return envelope(inp, serialize_token_hashed(token, ctx))


@router.delete("/tokens/{id}", tags=TAG, summary="Delete token", operation_id="deleteToken")
def destroy(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
            session: Session = Depends(get_session)):
    token = _find(session, id, ctx)
    _admin(ctx)
    service.destroy(session, ctx, token)
    session.flush()
    return envelope(inp, serialize_token_hashed(token, ctx))
