from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.documents import repository, service, storage
from ninja_api.documents.owners import OWNERS, Owner
from ninja_api.documents.resource import document_resource, owner_resource
from ninja_api.http import attachments
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import crud_router, EntityService, item_response, list_response
from ninja_api.http.envelope import message
from ninja_api.http.errors import ApiError
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.listing import scoped
from ninja_api.http.lookup import find
from ninja_api.http.routing import UnitOfWorkRoute


def _not_created(session, ctx, inp=None):
    # Documents are made by uploads onto their entity, never on their own.
    raise ApiError(405, {"message": "Documents are created by uploading them to an entity."})


router = APIRouter(route_class=UnitOfWorkRoute)
attachments.register(service.attach_inline)


@router.get("/documents/{id}/download", tags=["documents"], summary="Downloads a document",
            operation_id="downloadDocument")
def download(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
             session: Session = Depends(get_session)):
    document = find(session, document_resource, id, ctx, "view")
    data = storage.storage().read(document.path) if document.path else None
    if data is None:
        raise ApiError(404, {"message": "The document's file is missing.", "errors": {}})
    disposition = "inline" if inp.get("inline") == "true" else f'attachment; filename="{document.name}"'
    media = "application/pdf" if document.type == "pdf" else "application/octet-stream"
    return Response(data, media_type=media, headers={"Content-Disposition": disposition})


@router.delete("/documents/{id}", tags=["documents"], summary="Deletes a document", include_in_schema=False)
def destroy(id: str, ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    document = find(session, document_resource, id, ctx, "edit")
    service.delete(session, ctx, document)
    session.flush()
    return message("Success")


@router.post("/clients/{id}/documents", tags=["clients"], summary="The documents of a client and of its entities",
             operation_id="clientDocuments")
def client_documents(id: str, request: Request, inp: RequestInput = Depends(get_input),
                     ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    """Upstream's ClientController::documents: the client's documents and those of its invoices,
    quotes, credits, expenses, payments, tasks, recurring invoices and expenses and projects."""
    client = find(session, owner_resource("clients"), id, ctx, "view")
    query = repository.of_client(scoped(document_resource, ctx), client.id)
    return list_response(session, document_resource, query, inp, ctx, request)


router.include_router(crud_router(document_resource, EntityService(
    blank=_not_created, create=_not_created, update=service.update)))


def _upload_route(owner: Owner):
    def upload(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
               session: Session = Depends(get_session)):
        resource = owner_resource(owner.path)
        row = find(session, resource, id, ctx, "edit")
        service.upload(session, ctx, owner, row, inp)
        return item_response(session, resource, row, inp, ctx)

    return upload


for _owner in OWNERS:
    _label = _owner.path.rstrip("s").replace("_", " ")
    # Clients send POST multipart with `_method=PUT` (upstream's route is PUT); both are served.
    router.add_api_route(f"/{_owner.path}/{{id}}/upload", _upload_route(_owner), methods=["POST"],
                         tags=[_owner.path], summary=f"Uploads documents to a {_label}",
                         operation_id=_owner.operation_id)
    router.add_api_route(f"/{_owner.path}/{{id}}/upload", _upload_route(_owner), methods=["PUT"],
                         tags=[_owner.path], include_in_schema=False)
