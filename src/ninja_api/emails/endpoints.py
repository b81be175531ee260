"""The sent-mail history of a client, or of one document (upstream's EmailHistoryController).

Both answer a bare JSON list of histories, newest first, without the data envelope.
"""

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from ninja_api.clients.resource import client_resource
from ninja_api.db import get_session
from ninja_api.emails import history, repository
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import find
from ninja_api.http.rendering import dumps
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.http.validation import Errors, as_hashed_id
from ninja_api.models import Credit, Invoice, PurchaseOrder, Quote, RecurringInvoice

router = APIRouter(route_class=UnitOfWorkRoute)

MODELS = {"invoice": Invoice, "quote": Quote, "credit": Credit, "recurring_invoice": RecurringInvoice,
          "purchase_order": PurchaseOrder}


def _list(payload: list) -> Response:
    return Response(content=dumps(payload), media_type="application/json")


@router.post("/emails/clientHistory/{client}", tags=["emails"], summary="A client's sent-mail history",
             operation_id="clientEmailHistory")
def client_history(client: str, ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    row = find(session, client_resource, client, ctx, "view")
    return _list(history.histories(repository.mail_logs(session, ctx.company_id, client_id=row.id)))


@router.post("/emails/entityHistory", tags=["emails"], summary="A document's sent-mail history",
             operation_id="entityEmailHistory")
def entity_history(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                   session: Session = Depends(get_session)):
    errors = Errors()
    entity, key = inp.get("entity"), as_hashed_id(inp.get("entity_id"))
    if entity is None or entity == "":
        errors.required("entity")
    elif not isinstance(entity, str):
        errors.must_be("entity", "a string")
    elif entity not in MODELS:
        errors.invalid_choice("entity")
    if inp.get("entity_id") in (None, ""):
        errors.required("entity_id")
    elif isinstance(entity, str) and entity in MODELS and not repository.entity_in_company(
            session, MODELS[entity], ctx.company_id, key):
        errors.invalid_choice("entity_id")
    errors.raise_if_any()
    found = history.histories(repository.mail_logs(session, ctx.company_id))
    return _list([h for h in found if history.about(h, entity, key)])
