from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router, item_response
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import find
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.payment_terms import service
from ninja_api.payment_terms.resource import payment_term_resource

router = APIRouter(route_class=UnitOfWorkRoute)


@router.put("/payment_terms/{id}", tags=["payment_terms"], summary="Update PaymentTerm", operation_id="updatePaymentTerm")
@router.patch("/payment_terms/{id}", tags=["payment_terms"], include_in_schema=False)
def update(
    id: str,
    inp: RequestInput = Depends(get_input),
    ctx: AuthContext = Depends(require_auth),
    session: Session = Depends(get_session),
):
    # Upstream lets a deleted payment term be edited: no "Record is deleted" 400.
    row = service.update(session, ctx, find(session, payment_term_resource, id, ctx, "edit"), inp)
    return item_response(session, payment_term_resource, row, inp, ctx)


_crud = crud_router(
    payment_term_resource,
    EntityService(blank=service.blank, create=service.create, update=service.update, delete=service.delete),
    except_routes=frozenset({"update"}),
)
for _route in _crud.routes:
    # Upstream names the edit route in the plural.
    if getattr(_route, "operation_id", None) == "editPaymentTerm":
        _route.operation_id = "editPaymentTerms"
router.include_router(_crud)
