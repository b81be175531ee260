"""A document's PDF for whoever holds a live invitation key: `GET /api/v1/{entity}/{key}/download`,
and the portal's own `GET /client/{entity}/{key}/download_pdf` (`/vendor/purchase_order/{key}/download`)."""

from fastapi import APIRouter, Depends, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.billing import downloads
from ninja_api.billing.kind import DocumentKind
from ninja_api.db import get_session
from ninja_api.http.errors import bad_request
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.models import Company


def _live(session: Session, kind: DocumentKind, key: str):
    """The invitation and its document, when neither is trashed."""
    invitation = session.scalar(select(kind.invitation_model).where(
        kind.invitation_model.key == key, kind.invitation_model.deleted_at.is_(None)))
    if invitation is None:
        return None, None
    doc = session.get(kind.model, getattr(invitation, kind.parent_key))
    if doc is None or doc.is_deleted:
        return None, None
    return invitation, doc


def router_for(*kinds: DocumentKind) -> APIRouter:
    router = APIRouter(route_class=UnitOfWorkRoute)
    for kind in kinds:
        router.add_api_route(f"/{kind.entity}/{{invitation_key}}/download", _download(kind), methods=["GET"],
                             tags=[f"{kind.entity}s"], summary=f"Download {kind.entity} PDF",
                             operation_id=f"download{kind.label}")
    return router


def portal_router_for(*kinds: DocumentKind) -> APIRouter:
    """Outside `/api/v1`, where the web app's PDF viewer fetches them."""
    router = APIRouter(route_class=UnitOfWorkRoute)
    for kind in kinds:
        path = (f"/vendor/{kind.entity}/{{invitation_key}}/download" if kind.party.key == "vendor_id"
                else f"/client/{kind.entity}/{{invitation_key}}/download_pdf")
        router.add_api_route(path, _download(kind), methods=["GET"], tags=["client portal"],
                             summary=f"Download {kind.entity} PDF by invitation", operation_id=f"portalPdf{kind.label}")
    return router


def _download(kind: DocumentKind):
    def download(invitation_key: str, inp: RequestInput = Depends(get_input),
                 session: Session = Depends(get_session)) -> Response:
        invitation, doc = _live(session, kind, invitation_key)
        if doc is None:
            raise bad_request("no record found")
        response = downloads.download_response(session, session.get(Company, doc.company_id), kind, doc)
        if inp.get("inline") == "true":
            response.headers["Content-Disposition"] = "inline"
        return response

    return download
