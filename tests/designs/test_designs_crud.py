import re

import pytest

from ninja_api import ids
from ninja_api.models import Design
from tests.designs.helpers import (
    BLANK_PARTS, CLEAN, KEYS, UNAUTHORIZED, URL, create_design, invalid, make_staff, names, stable,
)


def test_blank_design(api, tenant):
    r = api.get(f"{URL}/create", headers=tenant.headers)
    assert (r.status_code, r.json()) == (200, {"data": {
        "id": "", "name": "", "is_custom": True, "is_active": True, "is_template": False,
        "design": {"includes": "", "header": "", "body": "", "footer": ""},
        "updated_at": 0, "archived_at": 0, "created_at": 0, "is_deleted": False, "is_free": True, "entities": ""}})


def test_created_design_json_and_show_and_edit(api, tenant):
    data = create_design(api, tenant, name="Mine", is_template=True, entities="invoice,bogus,quote,Invoice, task",
                         design={"body": " <p>Hi</p> ", "header": None, "extra": "kept"})
    assert list(data) == KEYS
    assert stable(data) == {
        "id": data["id"], "name": "Mine", "is_custom": True, "is_active": True, "is_template": True,
        # Sent parts keep their place (trimmed, as every string); missing or null ones are added as "".
        "design": {"body": "<p>Hi</p>", "header": "", "extra": "kept", "product": "", "task": "", "includes": "",
                   "footer": ""},
        "archived_at": 0, "is_deleted": False, "is_free": False, "entities": "invoice,quote",
    }
    assert list(data["design"]) == ["body", "header", "extra", "product", "task", "includes", "footer"]
    assert data["created_at"] > 1_700_000_000 and data["updated_at"] >= data["created_at"]
    # Custom designs are numbered after the eleven system designs on every database.
    assert ids.decode(data["id"]) > 11
    for path in (f"{URL}/{data['id']}", f"{URL}/{data['id']}/edit"):
        r = api.get(path, headers=tenant.headers)
        assert (r.status_code, r.json()) == (200, {"data": data})


def test_system_design_json(api, tenant):
    for path in (f"{URL}/{CLEAN}", f"{URL}/{CLEAN}/edit"):
        r = api.get(path, headers=tenant.headers)
        assert r.status_code == 200
        data = r.json()["data"]
        assert list(data) == KEYS
        assert stable(data) == {
            "id": CLEAN, "name": "Clean", "is_custom": False, "is_active": True, "is_template": False,
            "design": {"includes": "", "header": "", "body": "", "product": "", "task": "", "footer": ""},
            "archived_at": 0, "is_deleted": False, "is_free": True, "entities": ""}
        assert data["created_at"] > 1_700_000_000
    calm = api.get(f"{URL}/{ids.encode(11)}", headers=tenant.headers).json()["data"]
    assert (calm["name"], calm["is_free"]) == ("Calm", False)


@pytest.mark.parametrize("design", [None, "not an object", 5, [], {}])
def test_store_fills_every_part_when_the_design_is_missing_or_not_an_object(api, tenant, design):
    body = {"name": "Bare"} if design is None else {"name": "Bare", "design": design}
    data = create_design(api, tenant, **body)
    assert (data["design"], list(data["design"])) == (BLANK_PARTS, list(BLANK_PARTS))
    assert (data["is_template"], data["entities"], data["is_active"]) == (False, "", True)


def test_store_keeps_flags_and_form_bodies(api, tenant):
    r = api.post(URL, headers=tenant.headers, data={"name": "Form", "design[body]": "<b>x</b>", "is_active": "0",
                                                    "is_template": "1", "entities": "client"})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["design"]["body"], data["is_active"], data["is_template"], data["entities"]) == (
        "<b>x</b>", False, True, "client")
    # A system design's name is free for a company's own design.
    assert create_design(api, tenant, name="Clean")["is_custom"] is True


@pytest.mark.parametrize("body,errors", [
    ({}, {"name": ["The name field is required."]}),
    ({"name": "  "}, {"name": ["The name field is required."]}),
    ({"name": ["X"]}, {"name": ["The name must be a string."]}),
    ({"name": "x" * 192}, {"name": ["The name must not be greater than 191 characters."]}),
    ({"name": "taken"}, {"name": ["The name has already been taken."]}),
    ({"name": "New", "design": {"header": 5, "body": ["x"], "footer": True, "includes": {"a": "b"}, "product": 7}},
     {"design.header": ["The design.header must be a string."], "design.body": ["The design.body must be a string."],
      "design.footer": ["The design.footer must be a string."],
      "design.includes": ["The design.includes must be a string."]}),
    ({"name": "New", "is_template": "maybe"}, {"is_template": ["The is template field must be true or false."]}),
    ({"name": "New", "is_template": None}, {"is_template": ["The is template field must be true or false."]}),
    ({"name": "New", "entities": ["invoice"]}, {"entities": ["The entities must be a string."]}),
    ({"name": "New", "is_active": "x"}, {"is_active": ["The is active field must be true or false."]}),
    ({"name": "TAKEN", "is_active": 2, "entities": {}, "is_template": "no", "design": {"body": 1}},
     {"name": ["The name has already been taken."], "design.body": ["The design.body must be a string."],
      "is_template": ["The is template field must be true or false."], "entities": ["The entities must be a string."],
      "is_active": ["The is active field must be true or false."]}),
])
def test_store_validation(api, tenant, body, errors):
    create_design(api, tenant, name="Taken")
    r = api.post(URL, headers=tenant.headers, json=body)
    assert (r.status_code, r.json()) == (422, invalid(errors))
    assert list(r.json()["errors"]) == list(errors)
    assert names(api, tenant.headers, "custom=true") == ["Taken"]


def test_name_unique_among_archived_and_deleted_too_and_per_company(api, tenant, other_tenant):
    archived = create_design(api, tenant, name="Old")
    api.post(f"{URL}/bulk", headers=tenant.headers, json={"action": "archive", "ids": [archived["id"]]})
    r = api.post(URL, headers=tenant.headers, json={"name": "old"})
    assert (r.status_code, r.json()) == (422, invalid({"name": ["The name has already been taken."]}))
    assert create_design(api, other_tenant, name="Old")["name"] == "Old"


def test_update(api, tenant):
    mine = create_design(api, tenant, name="Mine", design={"body": "b", "header": "h"}, entities="quote")
    url = f"{URL}/{mine['id']}"
    # Without a design the stored one stays; other fields change.
    r = api.put(url, headers=tenant.headers, json={"name": "Renamed", "is_template": True, "entities": "task,nope"})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["name"], data["is_template"], data["entities"], data["design"]) == (
        "Renamed", True, "task", mine["design"])
    # A sent design replaces the whole object; missing parts become "".
    r = api.put(url, headers=tenant.headers, json={"design": {"footer": "f"}, "is_active": False})
    data = r.json()["data"]
    assert data["design"] == {"footer": "f", "product": "", "task": "", "includes": "", "header": "", "body": ""}
    assert list(data["design"]) == ["footer", "product", "task", "includes", "header", "body"]
    assert (data["is_active"], data["is_custom"], data["name"]) == (False, True, "Renamed")
    # is_custom is not writable.
    r = api.patch(url, headers=tenant.headers, json={"is_custom": False, "entities": None})
    assert (r.json()["data"]["is_custom"], r.json()["data"]["entities"]) == (True, "")
    assert api.get(url, headers=tenant.headers).json()["data"] == r.json()["data"]


def test_update_allows_a_name_another_design_has(api, tenant):
    # Upstream's update request has no unique rule.
    create_design(api, tenant, name="First")
    second = create_design(api, tenant, name="Second")
    r = api.put(f"{URL}/{second['id']}", headers=tenant.headers, json={"name": "First"})
    assert (r.status_code, r.json()["data"]["name"]) == (200, "First")


@pytest.mark.parametrize("body,errors", [
    ({"name": None}, {"name": ["The name field is required."]}),
    ({"name": "x" * 192}, {"name": ["The name must not be greater than 191 characters."]}),
    ({"design": "html"}, {"design": ["The design must be an array."]}),
    ({"design": None}, {"design": ["The design must be an array."]}),
    ({"is_template": "x", "entities": [1]}, {"is_template": ["The is template field must be true or false."],
                                            "entities": ["The entities must be a string."]}),
])
def test_update_validation_writes_nothing(api, tenant, body, errors):
    mine = create_design(api, tenant, name="Mine", design={"body": "b"})
    r = api.put(f"{URL}/{mine['id']}", headers=tenant.headers, json={**body, "is_active": False})
    assert (r.status_code, r.json()) == (422, invalid(errors))
    assert api.get(f"{URL}/{mine['id']}", headers=tenant.headers).json()["data"] == mine


def test_deleted_design_cannot_be_updated(api, tenant):
    mine = create_design(api, tenant, name="Mine")
    api.post(f"{URL}/bulk", headers=tenant.headers, json={"action": "delete", "ids": [mine["id"]]})
    r = api.put(f"{URL}/{mine['id']}", headers=tenant.headers, json={"name": "Back"})
    assert (r.status_code, r.json()) == (400, {
        "message": "Record is deleted and cannot be edited. Restore the record to enable editing"})
    # Validation comes first, as upstream's request checks run before the controller.
    r = api.put(f"{URL}/{mine['id']}", headers=tenant.headers, json={"is_template": "x"})
    assert r.status_code == 422


def test_destroy_renames_and_frees_the_name(api, tenant, session_factory):
    mine = create_design(api, tenant, name="Mine")
    r = api.delete(f"{URL}/{mine['id']}", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert re.fullmatch(r"Mine_deleted_[A-Za-z0-9]{5}", data["name"]), data["name"]
    assert (data["is_deleted"], data["archived_at"] > 0) == (True, True)
    assert create_design(api, tenant, name="Mine")["name"] == "Mine"
    # A name at the column's limit still fits after the suffix.
    long = create_design(api, tenant, name="L" * 191)
    renamed = api.delete(f"{URL}/{long['id']}", headers=tenant.headers).json()["data"]["name"]
    assert len(renamed) == 191 and re.fullmatch(r"L{177}_deleted_[A-Za-z0-9]{5}", renamed)
    with session_factory() as s:
        assert s.get(Design, ids.decode(long["id"])).name == renamed


def test_system_designs_are_read_only(api, tenant):
    for method in ("PUT", "DELETE"):
        r = api.request(method, f"{URL}/{CLEAN}", headers=tenant.headers, json={"name": "Mine now"})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED), method
    clean = api.get(f"{URL}/{CLEAN}", headers=tenant.headers).json()["data"]
    assert (clean["name"], clean["is_deleted"], clean["archived_at"]) == ("Clean", False, 0)


def test_another_companys_design_is_refused(api, tenant, other_tenant):
    theirs = create_design(api, other_tenant, name="Theirs")
    for method, path in [("GET", f"{URL}/{theirs['id']}"), ("GET", f"{URL}/{theirs['id']}/edit"),
                         ("PUT", f"{URL}/{theirs['id']}"), ("DELETE", f"{URL}/{theirs['id']}")]:
        r = api.request(method, path, headers=tenant.headers, json={"name": "hijack"})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED), (method, path)
    assert api.get(f"{URL}/{theirs['id']}", headers=other_tenant.headers).json()["data"]["name"] == "Theirs"
    assert "Theirs" not in names(api, tenant.headers)


def test_missing_and_malformed_ids(api, tenant):
    r = api.get(f"{URL}/5", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Record with value 5 not found"})
    r = api.get(f"{URL}/{ids.encode(999_999)}", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Design]."})
    r = api.put(f"{URL}/!!nope", headers=tenant.headers, json={"name": "x"})
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Design]."})


def test_only_admins_read_and_write_single_designs(api, tenant, session_factory):
    mine = create_design(api, tenant, name="Mine")
    staff = make_staff(session_factory, tenant, "create_all,view_all,edit_all")
    for method, path in [("GET", f"{URL}/create"), ("POST", URL), ("GET", f"{URL}/{mine['id']}"),
                         ("GET", f"{URL}/{mine['id']}/edit"), ("GET", f"{URL}/{CLEAN}"),
                         ("PUT", f"{URL}/{mine['id']}"), ("DELETE", f"{URL}/{mine['id']}")]:
        r = api.request(method, path, headers=staff, json={"name": "Staff"})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED), (method, path)
    assert api.get(f"{URL}/{mine['id']}", headers=tenant.headers).json()["data"] == mine
