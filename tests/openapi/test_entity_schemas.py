"""The spec cannot drift from the serializers: each one renders a full row and a blank row, and
the JSON must validate against the schema the spec states for it."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, String, Text
from sqlalchemy.types import TypeDecorator

from ninja_api.app import create_app
from ninja_api.billing import line_items
from ninja_api.company_gateways.schemas import CatalogueGateway
from ninja_api.http.auth import AuthContext
from ninja_api.models import Company, CompanyToken, CompanyUser, User
from ninja_api.openapi.spec import build, entities_of
from ninja_api.settings import Settings
from ninja_api.statics.data import statics

APP = create_app(Settings(database_url="sqlite://", app_url="https://ninja.test"))
ENTITIES = entities_of(APP)
SPEC = build(APP, ENTITIES)  # also names the entities only custom routes answer with (companies, users)
NAMED = sorted((name, fn, resource) for fn, (name, resource) in ENTITIES.by_fn.items())


def _full_value(column):
    kind = column.type
    if column.name == "line_items":
        return line_items.clean([{"quantity": 2, "cost": "10.5", "notes": "n", "date": "2024-01-02"}])
    if isinstance(kind, JSON) or (isinstance(kind, TypeDecorator) and "JSON" in type(kind).__name__):
        return {"key": "value"}
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if isinstance(kind, Boolean):
        return True
    if isinstance(kind, Integer):
        return 7
    if isinstance(kind, Numeric):
        return Decimal("12.345")
    if isinstance(kind, (DateTime,)):
        return datetime(2024, 1, 2, 3, 4, 5)
    if isinstance(kind, Date):
        return date(2024, 1, 2)
    if isinstance(kind, (String, Text)):
        return "App\\Models\\Invoice" if column.name.endswith("_type") else "x"
    raise AssertionError(f"no full value for {column}")


def full_row(model):
    return model(**{c.key: _full_value(c) for c in model.__table__.columns})


def blank_row(model):
    """As a create leaves it: the columns the database would refuse empty are set, those with a
    plain default to it (the insert writes it)."""
    values = {}
    for c in model.__table__.columns:
        if c.nullable or c.primary_key or c.server_default is not None:
            continue
        if c.default is None:
            values[c.key] = _full_value(c)
        elif c.default.is_scalar:
            values[c.key] = c.default.arg
    return model(**values)


# The `gateway` include renders catalogue entries, not rows: every entry, and an empty one.
CATALOGUE = {"full": [CatalogueGateway(int(g["id"]), g) for g in statics()["gateways"]],
             "blank": [CatalogueGateway(1, {})]}


def rows_of(name, resource, which):
    if name == "Gateway":
        return CATALOGUE[which]
    return [(full_row if which == "full" else blank_row)(resource.model)]


def context() -> AuthContext:
    company = full_row(Company)
    company.portal_mode = "subdomain"
    return AuthContext(token=CompanyToken(), user=full_row(User), company=company,
                       company_user=CompanyUser(is_owner=True, is_admin=True))


def validator(name: str) -> Draft202012Validator:
    root = {"$ref": f"#/components/schemas/{name}", "components": SPEC["components"]}
    return Draft202012Validator(root)


def rendered(fn, resource, row) -> dict:
    data = fn(row, context())
    for include in resource.default_includes:
        if include.many:
            data[include.name] = []  # what blank_response and render add
    return data


def _errors(name, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '.'}: {e.message}" for e in validator(name).iter_errors(data)]


@pytest.mark.parametrize("name,fn,resource", NAMED, ids=[n for n, _, _ in NAMED])
def test_a_full_row_renders_as_its_schema_says(name, fn, resource):
    for row in rows_of(name, resource, "full"):
        assert _errors(name, rendered(fn, resource, row)) == []


@pytest.mark.parametrize("name,fn,resource", NAMED, ids=[n for n, _, _ in NAMED])
def test_a_blank_row_renders_as_its_schema_says(name, fn, resource):
    for row in rows_of(name, resource, "blank"):
        assert _errors(name, rendered(fn, resource, row)) == []


def test_every_serialized_key_is_in_the_schema_and_no_other():
    # additionalProperties false: a key added to a serializer and not readable by the spec fails.
    name, fn, resource = next(n for n in NAMED if n[0] == "TaxRate")
    data = rendered(fn, resource, full_row(resource.model))
    schema = SPEC["components"]["schemas"]["TaxRate"]
    assert list(schema["properties"]) == list(data)
    assert schema["properties"]["rate"] == {"type": "number"}
    assert schema["properties"]["created_at"]["type"] == "integer"
    assert _errors(name, {**data, "surprise": 1}) == [
        ".: Additional properties are not allowed ('surprise' was unexpected)"]
    assert _errors(name, {**data, "rate": "5"}) == ["rate: '5' is not of type 'number'"]


def test_unset_ids_and_dates_are_empty_strings_not_nulls():
    invoice = SPEC["components"]["schemas"]["Invoice"]["properties"]
    assert invoice["client_id"]["type"] == "string"
    assert invoice["due_date"]["pattern"] == r"^(\d{4}-\d{2}-\d{2})?$"
    assert invoice["line_items"]["items"]["properties"]["date"] == {"type": "string"}
    blank = next((fn, r) for n, fn, r in NAMED if n == "Invoice")
    out = rendered(blank[0], blank[1], blank_row(blank[1].model))
    assert (out["project_id"], out["due_date"], out["status_id"]) == ("", "", "1")
    assert _errors("Invoice", {**out, "due_date": None}) == ["due_date: None is not of type 'string'"]
