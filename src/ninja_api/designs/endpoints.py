"""Design routes: the shared ones, with show and edit also resolving the system designs."""

from dataclasses import replace

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.designs import service
from ninja_api.designs.resource import design_resource
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router, item_response
from ninja_api.http.envelope import message
from ninja_api.http.errors import unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import find
from ninja_api.http.routing import UnitOfWorkRoute

# Reading resolves a system design too; writing (update, destroy, bulk) keeps the shared rule that the
# row must be the company's own, so system designs are read-only (401 like another company's row).
_readable = replace(
    design_resource, in_company=lambda session, row, ctx: row.company_id in (None, ctx.company_id)
)

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


def _readable_item(session: Session, id: str, ctx: AuthContext):
    row = find(session, _readable, id, ctx, "view")
    if not ctx.is_admin:
        raise unauthorized()
    return row


def show(
    id: str,
    inp: RequestInput = Depends(get_input),
    ctx: AuthContext = Depends(require_auth),
    session: Session = Depends(get_session),
):
    return item_response(session, design_resource, _readable_item(session, id, ctx), inp, ctx)


def edit(
    id: str,
    inp: RequestInput = Depends(get_input),
    ctx: AuthContext = Depends(require_auth),
    session: Session = Depends(get_session),
):
    return item_response(session, design_resource, _readable_item(session, id, ctx), inp, ctx)


_shared = crud_router(
    design_resource,
    EntityService(blank=service.blank, create=service.create, update=service.update, delete=service.destroy,
                  validate=service.validate_update),
)
# The shared show and edit are replaced by the ones above, registered after the shared
# `/designs/create` so that it is not taken for an id.
_shared.routes[:] = [r for r in _shared.routes if getattr(r, "name", None) not in ("show", "edit")]
router.include_router(_shared)
router.add_api_route("/designs/{id}", show, methods=["GET"], tags=["designs"], summary="Show Design",
                     operation_id="showDesign")
router.add_api_route("/designs/{id}/edit", edit, methods=["GET"], tags=["designs"], summary="Edit Design",
                     operation_id="editDesign")
