from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.errors import ApiError, unauthorized
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.billing.downloads import pdf_response
from ninja_api.templates import repository

router = APIRouter(route_class=UnitOfWorkRoute)


@router.post("/templates/preview/{hash}", tags=["templates"], summary="Fetch a rendered template once",
             operation_id="templatePreview", response_class=Response)
def preview(hash: str, ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    if not (ctx.is_admin or ctx.has_permission("view_reports")):
        raise unauthorized()
    pdf = repository.take_preview(session, ctx.company_id, hash)
    if pdf is None:
        # Upstream's answer while its queue has not written the file yet.
        raise ApiError(409, {"message": "Still working....."})
    return pdf_response(pdf, "template.pdf")
