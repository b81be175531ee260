"""Location rules: a unique name per company, one owner (a client or a vendor); never commits."""

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.billing import repository as billing
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_int, as_text
from ninja_api.locations import repository
from ninja_api.models import Location
from ninja_api.statics.data import country_ids

TEXT_FIELDS = ("name", "address1", "address2", "city", "state", "postal_code",
               "custom_value1", "custom_value2", "custom_value3", "custom_value4")
SHORT_TEXT = ("name", "address1", "address2", "city", "state", "postal_code")


def blank(session: Session, ctx: AuthContext) -> Location:
    return Location(company_id=ctx.company_id, user_id=ctx.user_id, is_deleted=False, is_shipping_location=False)


def _key(value) -> int | None:
    return ids.decode(value) if isinstance(value, str) else None


def _validate(session: Session, ctx: AuthContext, data: dict, row: Location | None) -> None:
    errors = Errors()
    creating = row is None
    name = as_text(data.get("name"))
    if creating and name is None:
        errors.required("name")
    elif name and repository.name_taken(session, ctx.company_id, name, None if creating else row.id):
        errors.taken("name")
    client, vendor = data.get("client_id"), data.get("vendor_id")
    if creating and client is None and vendor is None:
        errors.add("client_id", "The client id field is required when vendor id is not present.")
        errors.add("vendor_id", "The vendor id field is required when client id is not present.")
    if client is not None and billing.client_in_company(session, ctx.company_id, _key(client)) is None:
        errors.invalid_choice("client_id")
    if vendor is not None and repository.vendor_in_company(session, ctx.company_id, _key(vendor)) is None:
        errors.invalid_choice("vendor_id")
    country = data.get("country_id")
    if country is not None:
        number = as_int(country)
        if number is None:
            errors.must_be("country_id", "an integer")
        elif number not in country_ids():
            errors.invalid_choice("country_id")
    if data.get("is_shipping_location") is not None and as_bool(data["is_shipping_location"]) is None:
        errors.add("is_shipping_location", "The is shipping location field must be true or false.")
    # Ours: what the columns could not hold.
    for field in TEXT_FIELDS:
        if data.get(field) is None:
            continue
        text = as_text(data[field])
        if text is None:
            errors.must_be(field, "a string")
        elif field in SHORT_TEXT and len(text) > 191:
            errors.add(field, f"The {field.replace('_', ' ')} must not be greater than 191 characters.")
    errors.raise_if_any()


def _fill(row: Location, data: dict) -> None:
    for field in TEXT_FIELDS:
        if field in data:
            setattr(row, field, as_text(data[field]))
    # A location belongs to one owner: naming one clears the other.
    if data.get("client_id") is not None:
        row.client_id, row.vendor_id = _key(data["client_id"]), None
    elif data.get("vendor_id") is not None:
        row.vendor_id, row.client_id = _key(data["vendor_id"]), None
    if "country_id" in data:
        row.country_id = as_int(data["country_id"]) if data["country_id"] is not None else None
    if data.get("is_shipping_location") is not None:
        row.is_shipping_location = as_bool(data["is_shipping_location"])


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Location:
    data = dict(inp.data)
    _validate(session, ctx, data, None)
    row = blank(session, ctx)
    _fill(row, data)
    session.add(row)
    session.flush()
    return row


def update(session: Session, ctx: AuthContext, row: Location, inp: RequestInput) -> Location:
    data = dict(inp.data)
    _validate(session, ctx, data, row)
    _fill(row, data)
    session.flush()
    return row
