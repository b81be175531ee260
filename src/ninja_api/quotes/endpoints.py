from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from ninja_api.billing import downloads
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, blank_response, crud_router, item_response
from ninja_api.http.envelope import message
from ninja_api.http.errors import bad_request
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import find
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.invoices.resource import invoice_resource
from ninja_api.quotes import actions, service
from ninja_api.quotes.kind import QUOTE
from ninja_api.quotes.resource import quote_resource

router = APIRouter(route_class=UnitOfWorkRoute)
router.include_router(
    crud_router(
        quote_resource,
        EntityService(blank=service.blank, create=service.create, update=service.update, delete=service.delete),
    )
)

ITEM_ACTIONS = {"mark_sent": actions.mark_sent, "archive": actions.archive, "restore": actions.restore,
                "delete": actions.delete}


@router.get("/quotes/{id}/{action}", tags=["quotes"], summary="Performs a custom action on an Quote",
            operation_id="actionQuote")
def action(id: str, action: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
           session: Session = Depends(get_session)):
    quote = find(session, quote_resource, id, ctx, "edit")
    if action in ("convert", "convert_to_invoice"):
        invoice = actions.convert(session, ctx, quote)
        return item_response(session, invoice_resource, invoice, inp, ctx)
    if action == "convert_to_project":
        from ninja_api.projects.resource import project_resource

        return item_response(session, project_resource, actions.convert_to_project(session, ctx, quote), inp, ctx)
    if action == "clone_to_invoice":
        return blank_response(invoice_resource, actions.clone_to_invoice(quote), inp, ctx)
    if action == "clone_to_quote":
        return blank_response(quote_resource, actions.clone_to_quote(quote), inp, ctx)
    if action == "approve":
        if not actions.approvable(quote):
            raise bad_request("Unable to approve this quote as it has expired.")
        actions.approve(session, ctx, quote)
    elif action == "download":
        return downloads.download_response(session, ctx.company, QUOTE, quote)
    elif action in ("email", "send_email"):
        actions.email(session, ctx, quote)
        session.flush()
        return message("Successfully sent message")
    elif action == "history":
        return Response(status_code=200)  # upstream answers history with an empty body
    elif action in ITEM_ACTIONS:
        ITEM_ACTIONS[action](session, ctx, quote)
    else:
        raise bad_request(f"The requested action {action} is not available.")
    session.flush()
    return item_response(session, quote_resource, quote, inp, ctx)
