from fastapi import APIRouter, Depends, Request

from ninja_api.bank_transactions import matching, repository, service
from ninja_api.bank_transactions.resource import bank_transaction_resource
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router, list_response
from ninja_api.http.errors import unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)


@router.post("/bank_transactions/match", tags=["bank_transactions"], summary="Match transactions",
             operation_id="matchBankTransactions")
def match(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session=Depends(get_session)):
    if not (ctx.is_admin or ctx.has_permission("create_bank_transaction")
            or ctx.has_permission("edit_bank_transaction")):
        raise unauthorized()
    changed = matching.match(session, ctx, matching.check(session, ctx, inp.get("transactions")))
    return list_response(session, bank_transaction_resource, repository.among(ctx.company_id, changed), inp, ctx,
                         request)


router.include_router(crud_router(bank_transaction_resource, EntityService(
    blank=service.blank, create=service.create, update=service.update)))
