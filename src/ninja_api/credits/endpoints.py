from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from ninja_api.billing import downloads
from ninja_api.credits import actions, service
from ninja_api.credits.kind import CREDIT
from ninja_api.credits.resource import credit_resource
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, blank_response, crud_router, item_response
from ninja_api.http.envelope import message
from ninja_api.http.errors import bad_request
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import find
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)
router.include_router(
    crud_router(
        credit_resource,
        EntityService(blank=service.blank, create=service.create, update=service.update, delete=service.delete),
    )
)

ITEM_ACTIONS = {
    "mark_sent": actions.mark_sent,
    "mark_paid": actions.mark_paid,
    "archive": actions.archive,
    "restore": actions.restore,
    "delete": actions.delete,
}


@router.get("/credits/{id}/{action}", tags=["credits"], summary="Run an action on a credit",
            operation_id="actionCredit")
def action(id: str, action: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
           session: Session = Depends(get_session)):
    credit = find(session, credit_resource, id, ctx, "edit")
    if action == "download":
        return downloads.download_response(session, ctx.company, CREDIT, credit)
    if action == "clone_to_credit":
        return blank_response(credit_resource, actions.clone(credit), inp, ctx)
    if action in ("email", "send_email"):
        actions.email(session, ctx, credit)
        session.flush()
        return message("email sent")
    if action == "history":
        return Response(status_code=200)  # upstream answers history with an empty body
    if action not in ITEM_ACTIONS:
        raise bad_request(f"The requested action {action} is not available.")
    ITEM_ACTIONS[action](session, ctx, credit)
    session.flush()
    return item_response(session, credit_resource, credit, inp, ctx)
