from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.pdf.render import to_pdf
from ninja_api.pdf.response import LaterPdf
from ninja_api.previews import service

router = APIRouter(route_class=UnitOfWorkRoute)


def _inline(html: str) -> Response:
    # Drawn once the request has rolled back: a preview is a write, and on SQLite it would hold
    # the write lock for the whole render.
    return LaterPdf(lambda: to_pdf(html), {"Content-Disposition": "inline", "Cache-Control": "no-cache"})


@router.post("/live_preview", tags=["preview"], summary="The PDF of an unsaved document",
             operation_id="getLivePreview")
def live_preview(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                 session: Session = Depends(get_session)):
    entity = inp.query.get("entity") or inp.get("entity") or "invoice"
    entity_id = inp.query.get("entity_id") or inp.get("entity_id")
    return _inline(service.html(session, ctx, inp, entity, entity_id))


@router.post("/live_preview/purchase_order", tags=["preview"], summary="The PDF of an unsaved purchase order",
             operation_id="getPurchaseOrderLivePreview")
def live_preview_purchase_order(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                                session: Session = Depends(get_session)):
    return _inline(service.html(session, ctx, inp, "purchase_order",
                               inp.query.get("entity_id") or inp.get("entity_id")))


@router.post("/preview", tags=["preview"], summary="The PDF of a document with the changes in the body",
             operation_id="getPreview")
def preview(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
            session: Session = Depends(get_session)):
    return _inline(service.html(session, ctx, inp, inp.get("entity") or "invoice", inp.get("entity_id")))


@router.post("/preview/purchase_order", tags=["preview"], summary="The PDF of a purchase order with changes",
             operation_id="getPurchaseOrderPreview")
def preview_purchase_order(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                           session: Session = Depends(get_session)):
    return _inline(service.html(session, ctx, inp, "purchase_order", inp.get("entity_id")))
