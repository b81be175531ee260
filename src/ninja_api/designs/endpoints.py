"""Design routes: the shared ones and set/default."""

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.designs import service
from ninja_api.designs.resource import design_resource
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.envelope import message
from ninja_api.http.errors import unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)


@router.post("/designs/set/default", tags=["designs"], summary="Give the entity's documents a design",
             operation_id="setDefaultDesign")
def set_default(
    inp: RequestInput = Depends(get_input),
    ctx: AuthContext = Depends(require_auth),
    session: Session = Depends(get_session),
):
    if not ctx.is_admin:
        raise unauthorized()
    service.set_default(session, ctx, inp)
    return message("success")


router.include_router(crud_router(
    design_resource,
    EntityService(blank=service.blank, create=service.create, update=service.update, delete=service.destroy,
                  validate=lambda session, ctx, row, inp: service.validate_update(session, ctx, inp)),
))
