from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ninja_api.bank_integrations import repository, service
from ninja_api.bank_integrations.resource import bank_integration_resource
from ninja_api.db import get_session
from ninja_api.http import lifecycle, throttle
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router, item_response
from ninja_api.http.errors import model_not_found, unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.rendering import ApiResponse
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)

router.include_router(crud_router(bank_integration_resource, EntityService(
    blank=service.blank, create=service.create, update=service.update)))

TAGS = ["bank_integrations"]


def _admin(ctx: AuthContext) -> None:
    if not ctx.is_admin:
        raise unauthorized()


@router.post("/bank_integrations/refresh_accounts", tags=TAGS, operation_id="getRefreshAccounts",
             summary="Gets the list of accounts from the remote server")
def refresh_accounts(ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    """Without Yodlee or Nordigen credentials nothing is fetched. Upstream then answers its
    query builder JSON-encoded, which has no public fields: `{}`."""
    headers = throttle.hit(session, ctx, 30)
    # Answered, not raised: the throttle counts a refused request too, as upstream's middleware does.
    if not ctx.is_admin:
        return ApiResponse(unauthorized().body, 401)
    return ApiResponse({}, headers=headers)


@router.post("/bank_integrations/remove_account/{acc_id}", tags=TAGS, operation_id="getRemoveAccount",
             summary="Removes an account from the integration")
def remove_account(acc_id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                   session: Session = Depends(get_session)):
    """Deletes the company's account with that aggregator id (upstream finds it in any company)."""
    _admin(ctx)
    row = repository.by_account_id(session, ctx.company_id, acc_id)
    if row is None:
        raise model_not_found(bank_integration_resource.label)
    lifecycle.delete(row)
    session.flush()
    return item_response(session, bank_integration_resource, row, inp, ctx)


@router.post("/bank_integrations/get_transactions/{acc_id}", tags=TAGS, operation_id="getAccountTransactions",
             summary="Retrieve transactions for a account")
def get_transactions(acc_id: str, ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    """Without aggregator credentials no account is synchronised; the answer is the same."""
    headers = throttle.hit(session, ctx, 1)
    if not ctx.is_admin:
        return ApiResponse(unauthorized().body, 401)
    return ApiResponse({"message": "Fetching transactions...."}, headers=headers)
