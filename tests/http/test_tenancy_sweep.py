"""Another company never reaches a row: generated from the router table, not from a hand list.

Company A makes one row of every entity; company B then calls every route of the app that takes an
`{id}` of that entity (show, edit, update, delete, actions, uploads...) and every list. B must be
refused and must never see A's ids; A's rows must be unchanged afterwards. A new entity is covered
as soon as its routes and its minimal body (`MINIMAL`) exist.
"""

import re

import pytest

from tests.http.entities import ENTITIES, MINIMAL, send as _send

REFUSALS = {400, 401, 403, 404, 405, 412, 422}  # 412: the password check comes first


def _routes(app) -> list[tuple[str, str]]:
    spec = app.openapi()
    found = []
    for path, operations in spec["paths"].items():
        for method in operations:
            found.append((method.upper(), path))
    return found


@pytest.fixture
def rows_of_a(api, tenant):
    def made(path, body):
        r = api.post(f"/api/v1/{path}", headers=tenant.headers, json=body)
        assert r.status_code == 200, (path, r.text)
        return r.json()["data"]

    own = {"client": made("clients", {"name": "A's client"})["id"], "vendor": made("vendors", {"name": "A's"})["id"],
           "bank_integration": made("bank_integrations", {"bank_account_name": "A's account"})["id"]}
    rows = {}
    for entity in ENTITIES:
        rows[entity] = made(entity, MINIMAL.get(entity, lambda ids: {})(own))
    return rows


def test_no_route_lets_another_company_reach_a_row(app, api, tenant, other_tenant, rows_of_a):
    leaks, answered = [], 0
    for method, path in _routes(app):
        match = re.fullmatch(r"/api/v1/([a-z_]+)/\{id\}(/.*)?", path)
        if not match or match.group(1) not in rows_of_a:
            continue
        entity, rest = match.group(1), match.group(2) or ""
        if "{" in rest:
            rest = re.sub(r"\{[a-z_]+\}", "x", rest)
        url = f"/api/v1/{entity}/{rows_of_a[entity]['id']}{rest}"
        r = _send(api, other_tenant, method, url, {"name": "taken over"} if method in ("PUT", "POST") else None)
        answered += 1
        # Hashed ids are per table, so only the row's own JSON would betray it: a refusal has none.
        if r.status_code not in REFUSALS or '"data"' in r.text:
            leaks.append((method, url, r.status_code, r.text[:120]))
    assert answered > 100  # the sweep really walked the router table
    assert leaks == []
    for entity, row in rows_of_a.items():
        now = api.get(f"/api/v1/{entity}/{row['id']}", headers=tenant.headers).json()["data"]
        assert (now["updated_at"], now.get("is_deleted"), now.get("archived_at")) == (
            row["updated_at"], row.get("is_deleted"), row.get("archived_at")), entity


def test_no_list_shows_another_companys_rows(app, api, other_tenant, rows_of_a):
    listed = 0
    for method, path in _routes(app):
        entity = re.fullmatch(r"/api/v1/([a-z_]+)", path)
        if method != "GET" or not entity or entity.group(1) not in rows_of_a:
            continue
        r = api.get(f"{path}?status=active,archived,deleted&per_page=100", headers=other_tenant.headers)
        if r.status_code != 200 or not r.headers.get("content-type", "").startswith("application/json"):
            continue
        listed += 1
        data = r.json().get("data") if isinstance(r.json(), dict) else None
        ids_listed = {row.get("id") for row in data if isinstance(row, dict)} if isinstance(data, list) else set()
        assert rows_of_a[entity.group(1)]["id"] not in ids_listed, path
    assert listed > 20


def _singular(entity: str) -> str:
    return entity[:-3] + "y" if entity.endswith("ies") else entity[:-1]


def test_no_list_filtered_by_another_companys_id_shows_its_rows(app, api, other_tenant, rows_of_a):
    # Every `*_id` filter the spec lists, given one of A's ids, must still show B nothing of A's.
    ids_of_a = {f"{_singular(entity)}_id": row["id"] for entity, row in rows_of_a.items()}
    checked = 0
    for path, operations in app.openapi()["paths"].items():
        if not re.fullmatch(r"/api/v1/[a-z_]+", path) or "get" not in operations:
            continue
        for parameter in operations["get"].get("parameters", []):
            if parameter["in"] != "query" or parameter["name"] not in ids_of_a:
                continue
            r = api.get(path, params={parameter["name"]: ids_of_a[parameter["name"]], "per_page": 100},
                        headers=other_tenant.headers)
            checked += 1
            assert r.status_code in REFUSALS | {200}, (path, parameter["name"], r.status_code)
            data = r.json().get("data") if r.status_code == 200 else []
            listed = {row.get("id") for row in data if isinstance(row, dict)}
            # Hashed ids are per table: only the listed entity's own row of A would be a leak.
            assert rows_of_a.get(path.rsplit("/", 1)[1], {}).get("id") not in listed, (path, parameter["name"])
    assert checked > 20
