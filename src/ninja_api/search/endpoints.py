"""POST /search: what the web app's search box lists."""

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.rendering import dumps
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.http.validation import Errors
from ninja_api.search import service

router = APIRouter(route_class=UnitOfWorkRoute)


@router.post("/search", tags=["search"], summary="Lists clients, contacts, invoices and settings pages to search",
             operation_id="search")
def search(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
           session: Session = Depends(get_session)):
    errors = Errors()
    value = inp.get("search")
    if value is not None and not isinstance(value, str):
        errors.must_be("search", "a string")
    errors.raise_if_any()
    return Response(content=dumps(service.search(session, ctx)), media_type="application/json")
