from dataclasses import replace

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from ninja_api.billing.settings import company_today
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router, item_response
from ninja_api.http.errors import bad_request, unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import can_create, find
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.models import Payment
from ninja_api.payments import duplicates, service
from ninja_api.payments.repository import PENDING
from ninja_api.payments.resource import payment_resource
from ninja_api.payments.schemas import serialize_deleted_payment, serialize_payment

router = APIRouter(route_class=UnitOfWorkRoute)


def blank(session: Session, ctx: AuthContext) -> Payment:
    """Upstream's factory defaults: pending, client id 0 (which hashes like a real id), today."""
    return Payment(company_id=ctx.company_id, user_id=ctx.user_id, client_id=0, status_id=PENDING, is_deleted=False,
                   amount=0, refunded=0, applied=0, exchange_rate=1, date=company_today(ctx.company))


def delete_as_upstream_answers(session: Session, ctx: AuthContext, payment: Payment) -> None:
    """Upstream answers a delete with the payment as it stood before (its reversal works on a copy)."""
    before = serialize_payment(payment, ctx)
    service.delete(session, ctx, payment)
    payment.shown_after_delete = before


shared = crud_router(
    payment_resource,
    EntityService(blank=blank, create=service.create, update=service.update, delete=delete_as_upstream_answers),
)
# POST /payments is ours below: its double-click guard needs the caller's address.
shared.routes = [r for r in shared.routes if not (getattr(r, "path", "") == "/payments" and "POST" in r.methods)]


@router.post("/payments", tags=["payments"], summary="Create Payment", operation_id="storePayment")
def store(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session: Session = Depends(get_session)):
    # Upstream prepares the request (and arms the guard) before it asks whether the user may create.
    ip = request.client.host if request.client else ""
    duplicates.refuse_repeats(duplicates.recent_requests(request.app), ip, inp.data, ctx.company.company_key)
    if not can_create(ctx, payment_resource):
        raise unauthorized()
    payment = service.create(session, ctx, inp)
    session.flush()
    return item_response(session, payment_resource, payment, inp, ctx)


@router.post("/payments/refund", tags=["payments"], summary="Refund payment", operation_id="storeRefund")
def refund(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
           session: Session = Depends(get_session)):
    if not ctx.is_admin:
        raise unauthorized()
    payment = service.refund(session, ctx, inp)
    session.flush()
    return item_response(session, payment_resource, payment, inp, ctx)


router.include_router(shared)

ITEM_ACTIONS = {
    "archive": service.archive,
    "restore": service.restore,
    "email": service.email,
    "email_receipt": service.email,
    "delete": delete_as_upstream_answers,
}


@router.get("/payments/{id}/{action}", tags=["payments"], summary="Custom payment actions",
            operation_id="actionPayment")
def action(id: str, action: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
           session: Session = Depends(get_session)):
    payment = find(session, payment_resource, id, ctx, "edit")
    handler = ITEM_ACTIONS.get(action)
    if handler is None:
        raise bad_request(f"The requested action {action} is not available.")
    handler(session, ctx, payment)
    session.flush()
    shown = replace(payment_resource, serialize=serialize_deleted_payment) if action == "delete" else payment_resource
    return item_response(session, shown, payment, inp, ctx)
