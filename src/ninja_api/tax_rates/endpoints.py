from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router, item_response
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import find
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.tax_rates import service
from ninja_api.tax_rates.resource import tax_rate_resource

router = APIRouter(route_class=UnitOfWorkRoute)


@router.put("/tax_rates/{id}", tags=["tax_rates"], summary="Update TaxRate", operation_id="updateTaxRate")
@router.patch("/tax_rates/{id}", tags=["tax_rates"], include_in_schema=False)
def update(
    id: str,
    inp: RequestInput = Depends(get_input),
    ctx: AuthContext = Depends(require_auth),
    session: Session = Depends(get_session),
):
    # Unlike most entities, upstream lets a deleted tax rate be edited: no "Record is deleted" 400.
    row = service.update(session, ctx, find(session, tax_rate_resource, id, ctx, "edit"), inp)
    return item_response(session, tax_rate_resource, row, inp, ctx)


_crud = crud_router(
    tax_rate_resource,
    EntityService(blank=service.blank, create=service.create, update=service.update),
    except_routes=frozenset({"update"}),
)
for _route in _crud.routes:
    # Upstream names the blank route in the singular.
    if getattr(_route, "operation_id", None) == "getTaxRatesCreate":
        _route.operation_id = "getTaxRateCreate"
router.include_router(_crud)
