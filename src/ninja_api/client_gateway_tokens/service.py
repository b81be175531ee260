"""Stored gateway tokens of a client: kept and shown, never sent to a gateway; never commits."""

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.billing import repository as clients
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_int, as_text
from ninja_api.models import ClientGatewayToken
from ninja_api.models.base import utcnow

TEXT_FIELDS = ("token", "routing_number", "gateway_customer_reference")


def blank(session: Session, ctx: AuthContext) -> ClientGatewayToken:
    """Upstream's factory (unsaved here: upstream's `create` route stores it)."""
    return ClientGatewayToken(company_id=ctx.company_id, is_default=False, meta={}, is_deleted=False, token="",
                              routing_number="")


def _client_key(session: Session, ctx: AuthContext, value) -> int | None:
    key = ids.decode(value) if isinstance(value, str) else None
    if key is None or clients.client_in_company(session, ctx.company_id, key) is None:
        return None
    return key


def _check(session: Session, ctx: AuthContext, data: dict, creating: bool) -> None:
    errors = Errors()
    for field in ("client_id", "company_gateway_id", "gateway_type_id", "meta"):
        if creating and data.get(field) in (None, ""):
            errors.required(field)
    if data.get("client_id") not in (None, "") and _client_key(session, ctx, data["client_id"]) is None:
        errors.invalid_choice("client_id")
    if data.get("gateway_type_id") not in (None, "") and as_int(data["gateway_type_id"]) is None:
        errors.must_be("gateway_type_id", "an integer")
    if data.get("company_gateway_id") not in (None, "") and (
            not isinstance(data["company_gateway_id"], str) or ids.decode(data["company_gateway_id"]) is None):
        errors.invalid_choice("company_gateway_id")
    # Ours: upstream casts these to an object and a text column and fails on anything else.
    if data.get("meta") not in (None, "") and not isinstance(data["meta"], dict):
        errors.add("meta", "The meta must be an array.")
    for field in TEXT_FIELDS:
        if data.get(field) is not None and as_text(data[field]) is None:
            errors.must_be(field, "a string")
    errors.raise_if_any()


def _fill(session: Session, ctx: AuthContext, row: ClientGatewayToken, data: dict) -> None:
    for field in TEXT_FIELDS:
        if field in data:
            setattr(row, field, as_text(data[field]))
    if data.get("gateway_type_id") not in (None, ""):
        row.gateway_type_id = as_int(data["gateway_type_id"])
    if isinstance(data.get("meta"), dict):
        row.meta = data["meta"]
    if data.get("client_id") not in (None, ""):
        row.client_id = _client_key(session, ctx, data["client_id"])
    if data.get("company_gateway_id") not in (None, ""):
        row.company_gateway_id = ids.decode(data["company_gateway_id"])


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> ClientGatewayToken:
    _check(session, ctx, inp.data, creating=True)
    row = blank(session, ctx)
    _fill(session, ctx, row, inp.data)
    session.add(row)
    session.flush()
    return row


def update(session: Session, ctx: AuthContext, row: ClientGatewayToken, inp: RequestInput) -> ClientGatewayToken:
    _check(session, ctx, inp.data, creating=False)
    _fill(session, ctx, row, inp.data)
    row.updated_at = utcnow()
    return row
