"""The spec's body constraints are the validators' own rules (`Resource.rules`): the document
states each declared rule, and the server refuses exactly past the limits the document states."""

import json

import pytest

from ninja_api.app import create_app
from ninja_api.http import rules
from ninja_api.openapi import DEFAULT_PATH
from ninja_api.openapi.spec import entities_of
from ninja_api.settings import Settings

SPEC = json.loads(DEFAULT_PATH.read_text())
RULED = sorted({r.name: r for r in entities_of(create_app(Settings(database_url="sqlite://"))).by_fn_resources()
                if r.rules}.items())


def _body(path: str, method: str) -> dict:
    return SPEC["paths"][f"/api/v1/{path}"][method]["requestBody"]["content"]["application/json"]["schema"]


def _input(schema: dict) -> dict:
    ref = (schema["allOf"][0] if "allOf" in schema else schema)["$ref"]
    return SPEC["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def test_some_entities_declare_rules():
    assert {name for name, _ in RULED} >= {"payment_terms", "tax_rates", "webhooks"}


@pytest.mark.parametrize("name,resource", RULED, ids=[n for n, _ in RULED])
def test_the_spec_states_each_declared_rule(name, resource):
    store = _body(name, "post")
    update = _body(f"{name}/{{id}}", "put")
    properties = _input(store)["properties"]
    for rule in resource.rules:
        stated = {k: v for k, v in properties[rule.field].items()
                  if k in ("maxLength", "minimum", "maximum", "enum")}
        assert stated == rule.json_schema() and stated, rule
    assert store.get("required", []) == [r.field for r in resource.rules if r.required]
    assert update.get("required", []) == [r.field for r in resource.rules if r.required == rules.ALWAYS]


def _probes(name: str, field: str, stated: dict):
    """(value, refused?) at each limit the document states."""
    if "maxLength" in stated:
        yield "x" * stated["maxLength"], False
        yield "x" * (stated["maxLength"] + 1), True
    if "minimum" in stated:
        yield stated["minimum"], False
        yield stated["minimum"] - 1, True
    if "maximum" in stated:
        yield stated["maximum"], False
        yield stated["maximum"] + 1, True
    for choice in stated.get("enum", []):
        yield choice, False
        yield choice.lower() + "?", True


@pytest.mark.parametrize("name,resource", RULED, ids=[n for n, _ in RULED])
def test_the_server_refuses_exactly_past_the_stated_limits(name, resource, api, tenant):
    store = _body(name, "post")
    properties = _input(store)["properties"]
    missing = api.post(f"/api/v1/{name}", json={}, headers=tenant.headers)
    assert missing.status_code == 422
    for field in store.get("required", []):
        assert missing.json()["errors"][field] == [f"The {field.replace('_', ' ')} field is required."]
    for rule in resource.rules:
        for n, (value, refused) in enumerate(_probes(name, rule.field, properties[rule.field])):
            if "maxLength" in properties[rule.field]:
                value = f"{n}{value[1:]}"  # distinct texts: names are unique
            body = {rule.field: value, "rate": 1}  # `rate`: what a tax rate needs besides its name
            answer = api.post(f"/api/v1/{name}", json=body, headers=tenant.headers)
            errors = answer.json().get("errors", {}) if answer.status_code == 422 else {}
            assert (rule.field in errors) is refused, (rule.field, value, answer.status_code, answer.json())
