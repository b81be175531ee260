from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.clients import repository, service
from ninja_api.clients.resource import client_resource
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext
from ninja_api.http.crud import EntityService, crud_router, item_response
from ninja_api.http.errors import bad_request, unauthorized
from ninja_api.http.envelope import message
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import find
from ninja_api.http.password import require_password
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)


@router.post("/clients/{id}/purge", tags=["clients"], summary="Purge client", operation_id="purgeClient")
def purge(
    id: str,
    ctx: AuthContext = Depends(require_password),
    session: Session = Depends(get_session),
):
    if not ctx.is_admin:
        raise unauthorized()
    service.purge(session, ctx, find(session, client_resource, id, ctx, "edit"))
    return message("Success")


@router.post("/clients/{id}/{mergeable_id}/merge", tags=["clients"], summary="Merge client", operation_id="mergeClient")
def merge(
    id: str,
    mergeable_id: str,
    inp: RequestInput = Depends(get_input),
    ctx: AuthContext = Depends(require_password),
    session: Session = Depends(get_session),
):
    if not ctx.is_admin:
        raise unauthorized()
    client = find(session, client_resource, id, ctx, "edit")
    mergeable = repository.in_company(session, ctx.company_id, ids.decode(mergeable_id))
    if mergeable is None:
        raise bad_request("Client not found")
    if mergeable.id == client.id:
        raise bad_request("Attempting to merge the same client is not possible.")
    service.merge(session, ctx, client, mergeable)
    return item_response(session, client_resource, client, inp, ctx)


router.include_router(
    crud_router(
        client_resource,
        EntityService(blank=service.blank, create=service.create, update=service.update, delete=service.delete),
    )
)
