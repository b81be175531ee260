from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ninja_api.billing import downloads
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router, item_response
from ninja_api.http.envelope import message
from ninja_api.http.errors import bad_request
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import find
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.purchase_orders import actions, service
from ninja_api.purchase_orders.kind import PURCHASE_ORDER
from ninja_api.purchase_orders.resource import purchase_order_resource

router = APIRouter(route_class=UnitOfWorkRoute)
router.include_router(
    crud_router(
        purchase_order_resource,
        EntityService(blank=service.blank, create=service.create, update=service.update, delete=service.delete),
    )
)

ITEM_ACTIONS = {"mark_sent": actions.mark_sent, "archive": actions.archive, "restore": actions.restore,
                "delete": actions.delete, "cancel": actions.cancel, "accept": actions.accept,
                "add_to_inventory": actions.add_to_inventory, "expense": actions.to_expense}


@router.get("/purchase_orders/{id}/{action}", tags=["purchase_orders"],
            summary="Performs a custom action on an purchase order", operation_id="actionPurchaseOrder")
def action(id: str, action: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
           session: Session = Depends(get_session)):
    order = find(session, purchase_order_resource, id, ctx, "edit")
    if action == "download":
        return downloads.download_response(session, ctx.company, PURCHASE_ORDER, order)
    if action in ("email", "send_email"):
        actions.email(session, ctx, order)
        session.flush()
        return message("email sent")
    if action not in ITEM_ACTIONS:
        raise bad_request(f"The requested action {action} is not available.")
    ITEM_ACTIONS[action](session, ctx, order)
    session.flush()
    return item_response(session, purchase_order_resource, order, inp, ctx)
