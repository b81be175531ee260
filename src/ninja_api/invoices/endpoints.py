from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, blank_response, crud_router, item_response
from ninja_api.http.errors import ApiError, bad_request
from ninja_api.http.rendering import ApiResponse
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import find
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.billing import downloads
from ninja_api.invoices import actions, billing, emails, service
from ninja_api.invoices.kind import INVOICE
from ninja_api.invoices.resource import invoice_resource
from ninja_api.payments import service as payments
from ninja_api.quotes.resource import quote_resource

router = APIRouter(route_class=UnitOfWorkRoute)
router.include_router(
    crud_router(
        invoice_resource,
        EntityService(blank=service.blank, create=service.create, update=service.update, delete=service.delete),
    )
)

ITEM_ACTIONS = {
    "auto_bill": billing.auto_bill,
    "mark_sent": actions.mark_sent,
    "archive": actions.archive,
    "restore": actions.restore,
    "delete": actions.delete,
}


@router.get("/invoices/{id}/{action}", tags=["invoices"], summary="Run an action on an invoice",
            operation_id="actionInvoice")
def action(id: str, action: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
           session: Session = Depends(get_session)):
    invoice = find(session, invoice_resource, id, ctx, "edit")
    if action == "download":
        return downloads.download_response(session, ctx.company, INVOICE, invoice)
    if action in ITEM_ACTIONS:
        ITEM_ACTIONS[action](session, ctx, invoice)
    elif action == "mark_paid":
        # Decided under the lock, on the invoice as the request before this one committed it.
        payments.lock_for_invoice(session, ctx, invoice)
        if not actions.can_mark_paid(invoice):
            raise ApiError(400, {"error": {"message": "Invoice cannot be marked as paid"}})
        actions.mark_paid(session, ctx, invoice, inp.get("reference"))
    elif action == "cancel":
        actions.cancel(session, ctx, invoice)
        session.flush()
        return Response(status_code=200)  # upstream answers cancel with an empty body
    elif action == "history":
        return Response(status_code=200)
    elif action in ("email", "send_email"):
        emails.send(session, ctx, invoice, inp.get("email_type"))
        session.flush()
        return ApiResponse({"message": "email sent"})
    elif action == "clone_to_invoice":
        return blank_response(invoice_resource, actions.clone(invoice), inp, ctx)
    elif action == "clone_to_quote":
        return blank_response(quote_resource, actions.clone_to_quote(invoice), inp, ctx)
    else:
        raise bad_request(f"The requested action {action} is not available.")
    session.flush()
    return item_response(session, invoice_resource, invoice, inp, ctx)
