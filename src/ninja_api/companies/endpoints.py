from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.companies import service
from ninja_api.companies.resource import company_resource
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import item_response, list_response
from ninja_api.http.envelope import envelope, message
from ninja_api.http.errors import model_not_found, record_not_found, unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.listing import apply_filters
from ninja_api.http.resource import render
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.models import Account, Company, CompanyUser
from ninja_api.users.resource import company_user_resource

router = APIRouter(route_class=UnitOfWorkRoute)
TAG = ["companies"]


def _find(session: Session, hashed: str, ctx: AuthContext) -> Company:
    if hashed.isdigit():
        raise record_not_found(hashed)
    key = ids.decode(hashed)
    company = session.get(Company, key) if key is not None else None
    if company is None:
        raise model_not_found("Company")
    member = session.scalar(
        select(CompanyUser.id).where(CompanyUser.company_id == company.id, CompanyUser.user_id == ctx.user_id)
    )
    if member is None:
        raise unauthorized()
    return company


@router.get("/companies", tags=TAG, summary="List companies", operation_id="getCompanies")
def index(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session: Session = Depends(get_session)):
    query = service.companies_of_user(session, ctx.user_id)
    query = apply_filters(company_resource, query, inp, ctx)
    return list_response(session, company_resource, query, inp, ctx, request)


@router.get("/companies/create", tags=TAG, summary="Blank company", operation_id="getCompaniesCreate")
def blank(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth)):
    from ninja_api.companies.schemas import serialize_company
    from ninja_api.companies.settings import company_defaults

    data = serialize_company(Company(settings=company_defaults(), custom_fields={}, portal_mode="subdomain",
                                     default_password_timeout=1800000), ctx)
    data["documents"] = []
    return envelope(inp, data)


@router.post("/companies", tags=TAG, summary="Create company", operation_id="storeCompany")
def store(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session: Session = Depends(get_session)):
    if not ctx.company_user.is_owner:
        raise unauthorized()
    link = service.create(session, ctx, inp)
    session.flush()
    query = select(CompanyUser).where(CompanyUser.id == link.id)
    return list_response(session, company_user_resource, query, inp, ctx, request)


@router.get("/companies/{id}", tags=TAG, summary="Show company", operation_id="showCompany")
@router.get("/companies/{id}/edit", tags=TAG, summary="Edit company", operation_id="editCompany")
def show(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
         session: Session = Depends(get_session)):
    return item_response(session, company_resource, _find(session, id, ctx), inp, ctx)


@router.put("/companies/{id}", tags=TAG, summary="Update company", operation_id="updateCompany")
@router.patch("/companies/{id}", include_in_schema=False)
def update(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
           session: Session = Depends(get_session)):
    company = _find(session, id, ctx)
    if not ctx.is_admin:
        raise unauthorized()
    company = service.update(session, ctx, company, inp)
    return item_response(session, company_resource, company, inp, ctx)


@router.delete("/companies/{id}", tags=TAG, summary="Delete company", operation_id="deleteCompany")
def destroy(id: str, ctx: AuthContext = Depends(require_auth), session: Session = Depends(get_session)):
    company = _find(session, id, ctx)
    if not ctx.company_user.is_owner:
        raise unauthorized()
    service.destroy(session, ctx, company)
    return message("Success")


@router.post("/companies/{id}/default", tags=TAG, summary="Make the company the account default", operation_id="setDefaultCompany")
def make_default(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                 session: Session = Depends(get_session)):
    company = _find(session, id, ctx)
    account = session.get(Account, company.account_id)
    account.default_company_id = company.id
    session.flush()
    return item_response(session, company_resource, company, inp, ctx)


@router.post("/companies/current", tags=TAG, summary="The token's company", operation_id="showCurrentCompany")
def current(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
            session: Session = Depends(get_session)):
    return envelope(inp, render(session, company_resource, [ctx.company], {}, ctx)[0])
