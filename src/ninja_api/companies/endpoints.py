"""/api/v1/companies.

Upstream resolves a company path id without any scope, then authorises:
show: the token's company only; edit/update: (admin or edit_company) on the token's company;
default: admin; destroy: owner (and a confirmed password); create/store: admin, create_company or
create_all. Deviations kept on purpose: `default` and `destroy` refuse (401) a company of another
account, where upstream would act on it; the list shows the companies the user belongs to, where
upstream lists every company of the account (and fails for a non-admin).
"""

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.accounts.service import client_registration_fields
from ninja_api.companies import logo, service
from ninja_api.companies.resource import company_resource
from ninja_api.companies.settings import company_defaults
from ninja_api.db import get_session
from ninja_api.documents import service as documents
from ninja_api.documents.owners import COMPANY
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import blank_response, item_response, list_response
from ninja_api.http.envelope import message
from ninja_api.http.errors import ApiError, model_not_found, record_not_found, unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.listing import apply_filters
from ninja_api.http.password import require_password
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.models import Account, Company, CompanyUser
from ninja_api.security import random_key
from ninja_api.users.resource import company_user_resource

router = APIRouter(route_class=UnitOfWorkRoute)
TAG = ["companies"]


def _company(session: Session, hashed: str) -> Company:
    """Route binding: any company id resolves; the checks come after."""
    if hashed.isdigit():
        raise record_not_found(hashed)
    key = ids.decode(hashed)
    company = session.get(Company, key) if key is not None else None
    if company is None:
        raise model_not_found("Company")
    return company


def _can_create(ctx: AuthContext) -> bool:
    return ctx.company_user.is_admin or ctx.has_permission("create_company") or ctx.has_permission("create_all")


def _can_edit(ctx: AuthContext, company: Company) -> bool:
    allowed = ctx.company_user.is_admin or ctx.has_permission("edit_company") or ctx.has_permission("edit_all")
    return allowed and company.id == ctx.company_id


def blank_company(ctx: AuthContext) -> Company:
    """Upstream's CompanyFactory: unsaved, so every flag the factory does not set is false."""
    return Company(
        account_id=ctx.account_id, company_key=random_key(32), settings=company_defaults(), custom_fields={},
        client_registration_fields=client_registration_fields(), subdomain="", enabled_modules=32767,
        default_password_timeout=1800000, markdown_email_enabled=True, markdown_enabled=False,
        first_month_of_year="1", smtp_encryption="tls", smtp_host="", smtp_local_domain="", smtp_password="",
        smtp_port=0, smtp_username="", smtp_verify_peer=True,
    )


@router.get("/companies", tags=TAG, summary="List companies", operation_id="getCompanies")
def index(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session: Session = Depends(get_session)):
    query = service.companies_of_user(session, ctx.user_id)
    query = apply_filters(company_resource, query, inp, ctx)
    return list_response(session, company_resource, query, inp, ctx, request)


@router.get("/companies/create", tags=TAG, summary="Blank company", operation_id="getCompaniesCreate")
def blank(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth)):
    if not _can_create(ctx):
        raise unauthorized()
    return blank_response(company_resource, blank_company(ctx), inp, ctx)


@router.post("/companies", tags=TAG, summary="Create company", operation_id="storeCompany")
def store(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
          session: Session = Depends(get_session)):
    if not _can_create(ctx):
        raise unauthorized()
    # Upstream names the new system token after `token_name`, else the client's User-Agent.
    token_name = inp.get("token_name") if "token_name" in inp.data else request.headers.get("user-agent")
    link = service.create(session, ctx, inp, token_name=token_name if isinstance(token_name, str) else None)
    query = select(CompanyUser).where(CompanyUser.id == link.id)
    return list_response(session, company_user_resource, query, inp, ctx, request)


@router.post("/companies/current", tags=TAG, summary="The token's company", operation_id="showCurrentCompany")
def current(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
            session: Session = Depends(get_session)):
    return item_response(session, company_resource, ctx.company, inp, ctx)


@router.get("/companies/{id}", tags=TAG, summary="Show company", operation_id="showCompany")
def show(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
         session: Session = Depends(get_session)):
    company = _company(session, id)
    if company.id != ctx.company_id:
        raise unauthorized()
    return item_response(session, company_resource, company, inp, ctx)


@router.get("/companies/{id}/edit", tags=TAG, summary="Edit company", operation_id="editCompany")
def edit(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
         session: Session = Depends(get_session)):
    company = _company(session, id)
    if not _can_edit(ctx, company):
        raise unauthorized()
    return item_response(session, company_resource, company, inp, ctx)


@router.put("/companies/{id}", tags=TAG, summary="Update company", operation_id="updateCompany")
@router.patch("/companies/{id}", include_in_schema=False)
def update(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
           session: Session = Depends(get_session)):
    company = _company(session, id)
    if not _can_edit(ctx, company):
        raise unauthorized()
    company = service.update(session, ctx, company, inp)
    return item_response(session, company_resource, company, inp, ctx)


@router.post("/companies/{id}/upload", tags=TAG, summary="Uploads documents to a company",
             operation_id="uploadCompanies")
def upload(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
           session: Session = Depends(get_session)):
    # Clients send POST multipart with `_method=PUT` (upstream's route is PUT); both are served.
    company = _company(session, id)
    if not _can_edit(ctx, company):
        raise unauthorized()
    documents.upload(session, ctx, COMPANY, company, inp)
    session.flush()
    return item_response(session, company_resource, company, inp, ctx)


router.add_api_route("/companies/{id}/upload", upload, methods=["PUT"], include_in_schema=False)


@router.get("/companies/{id}/logo", tags=TAG, summary="The company logo", operation_id="companyLogo")
def company_logo(id: str, ctx: AuthContext = Depends(require_auth)):
    """The token's company's logo as PNG, whatever the id names (as upstream)."""
    return Response(logo.image_of(ctx.company), media_type="image/png",
                    headers={"Content-Disposition": 'inline; filename="logo.png"'})


# Logos are public, as upstream's public disk: PDFs, mails and the portal show them without a token.
public_router = APIRouter()


@public_router.get("/storage/{key:path}", include_in_schema=False)
def stored_logo(key: str):
    data = logo.public(key)
    if data is None:
        raise ApiError(404, {"message": "Not found"})
    return Response(data, media_type="image/png", headers={"Cache-Control": "public, max-age=31536000, immutable"})


@router.delete("/companies/{id}", tags=TAG, summary="Delete company", operation_id="deleteCompany")
def destroy(id: str, ctx: AuthContext = Depends(require_password), session: Session = Depends(get_session)):
    company = _company(session, id)
    if not ctx.company_user.is_owner or company.account_id != ctx.account_id:
        raise unauthorized()
    service.destroy(session, ctx, company)
    return message("Success")


@router.post("/companies/{id}/default", tags=TAG, summary="Make the company the account default",
             operation_id="setDefaultCompany")
def make_default(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                 session: Session = Depends(get_session)):
    company = _company(session, id)
    if not ctx.company_user.is_admin or company.account_id != ctx.account_id:
        raise unauthorized()
    account = session.get(Account, company.account_id)
    account.default_company_id = company.id
    session.flush()
    return item_response(session, company_resource, company, inp, ctx)
