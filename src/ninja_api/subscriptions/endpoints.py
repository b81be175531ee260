from fastapi import APIRouter, Depends

from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.errors import invalid
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.rendering import ApiResponse
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.subscriptions import service, steps
from ninja_api.subscriptions.resource import subscription_resource

router = APIRouter(route_class=UnitOfWorkRoute)


# Before the shared routes, so that `steps` is not read as a subscription id.
@router.get("/subscriptions/steps", tags=["subscriptions"], summary="The purchase page's steps",
            operation_id="getSubscriptionSteps")
def list_steps(ctx: AuthContext = Depends(require_auth)):
    return ApiResponse(steps.catalogue())


@router.post("/subscriptions/steps/check", tags=["subscriptions"], summary="Check a list of steps",
             operation_id="checkSubscriptionSteps")
def check_steps(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth)):
    value = inp.get("steps")
    message = "The steps field is required." if value is None else steps.problem(value)
    if message:
        raise invalid("steps", message)
    return ApiResponse([])


router.include_router(crud_router(subscription_resource, EntityService(
    blank=service.blank, create=service.create, update=service.update,
    delete=lambda session, ctx, row: service.delete(session, ctx, row),
    validate=service.validate_update,
)))
