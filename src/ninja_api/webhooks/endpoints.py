from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router, item_response, list_url
from ninja_api.http.envelope import envelope
from ninja_api.http.errors import ApiError, unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.listing import list_payload
from ninja_api.http.lookup import find
from ninja_api.http.resource import render_one
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.webhooks import repository, service
from ninja_api.webhooks.resource import delivery_resource, webhook_resource

router = APIRouter(route_class=UnitOfWorkRoute)
router.include_router(crud_router(webhook_resource, EntityService(
    blank=service.blank, create=service.create, update=service.update, delete=service.destroy)))


def _admin_hook(session: Session, ctx: AuthContext, hashed_id: str):
    if not ctx.is_admin:
        raise unauthorized()
    return find(session, webhook_resource, hashed_id, ctx, "edit")


@router.post("/webhooks/{id}/retry", tags=["webhooks"], summary="Sends an entity to a webhook again",
             operation_id="retryWebhook")
def retry(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session: Session = Depends(get_session)):
    hook = _admin_hook(session, ctx, id)
    service.retry(session, ctx, hook, inp)
    return item_response(session, webhook_resource, hook, inp, ctx)


@router.get("/webhooks/{id}/deliveries", tags=["webhooks"], summary="Lists a webhook's deliveries, newest first",
            operation_id="getWebhookDeliveries")
def deliveries(id: str, request: Request, inp: RequestInput = Depends(get_input),
               ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    hook = _admin_hook(session, ctx, id)
    data, meta = list_payload(session, delivery_resource, repository.deliveries_of(session, hook.id), inp, ctx,
                              list_url(request))
    return envelope(inp, data, meta)


@router.post("/webhooks/{id}/deliveries/{delivery_id}/resend", tags=["webhooks"],
             summary="Sends a delivery's body again, as a new delivery", operation_id="resendWebhookDelivery")
def resend(id: str, delivery_id: str, inp: RequestInput = Depends(get_input),
           ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    hook = _admin_hook(session, ctx, id)
    key = ids.decode(delivery_id)
    delivery = repository.delivery_of(session, hook.id, key) if key is not None else None
    if delivery is None:
        raise ApiError(404, {"message": "Delivery not found."})
    again = service.resend(session, ctx, hook, delivery)
    return envelope(inp, render_one(session, delivery_resource, again, {}, ctx))
