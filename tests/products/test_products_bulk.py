import pytest

from tests.products.helpers import PRODUCT_KEYS, create_product, invalid, make_staff


def bulk(api, tenant, **body):
    return api.post("/api/v1/products/bulk", headers=tenant.headers, json=body)


def test_archive_restore_delete_return_the_list(api, tenant):
    a, b = create_product(api, tenant, product_key="A"), create_product(api, tenant, product_key="B")
    r = bulk(api, tenant, action="archive", ids=[a["id"], b["id"]])
    assert r.status_code == 200
    body = r.json()
    assert list(body) == ["data", "meta"] and list(body["data"][0]) == PRODUCT_KEYS
    assert [(p["product_key"], p["archived_at"] > 0, p["is_deleted"]) for p in body["data"]] == [
        ("A", True, False), ("B", True, False)]
    assert body["meta"]["pagination"]["total"] == 2
    rows = bulk(api, tenant, action="delete", ids=[a["id"]]).json()["data"]
    assert [(p["product_key"], p["is_deleted"], p["archived_at"] > 0) for p in rows] == [("A", True, True)]
    rows = bulk(api, tenant, action="restore", ids=[a["id"], b["id"]]).json()["data"]
    assert [(p["archived_at"], p["is_deleted"]) for p in rows] == [(0, False), (0, False)]


def test_set_tax_id_updates_every_named_product(api, tenant):
    a, b, c = (create_product(api, tenant, product_key=k) for k in "ABC")
    r = bulk(api, tenant, action="set_tax_id", tax_id="2", ids=[a["id"], c["id"]])
    assert r.status_code == 200
    assert [(p["product_key"], p["tax_id"]) for p in r.json()["data"]] == [("A", "2"), ("C", "2")]
    # Archived and deleted products are named too.
    bulk(api, tenant, action="delete", ids=[b["id"]])
    rows = bulk(api, tenant, action="set_tax_id", tax_id=9, ids=[b["id"]]).json()["data"]
    assert [(p["tax_id"], p["is_deleted"]) for p in rows] == [("9", True)]
    shown = api.get(f"/api/v1/products/{a['id']}", headers=tenant.headers).json()["data"]
    assert shown["tax_id"] == "2" and shown["updated_at"] >= a["updated_at"]


@pytest.mark.parametrize("body,errors", [
    ({"action": "set_tax_id"}, {"tax_id": ["The tax id field is required when action is set_tax_id."]}),
    ({"action": "set_tax_id", "tax_id": None}, {"tax_id": ["The tax id field is required when action is set_tax_id."]}),
    ({"action": "set_tax_id", "tax_id": "10"}, {"tax_id": ["The selected tax id is invalid."]}),
    ({"action": "set_tax_id", "tax_id": 0}, {"tax_id": ["The selected tax id is invalid."]}),
    ({"action": "set_tax_id", "tax_id": "physical"}, {"tax_id": ["The selected tax id is invalid."]}),
    ({"action": "explode"}, {"action": ["The selected action is invalid."]}),
    ({}, {"action": ["The action field is required."]}),
])
def test_bulk_validation_changes_nothing(api, tenant, body, errors):
    a = create_product(api, tenant, product_key="A")
    r = bulk(api, tenant, ids=[a["id"]], **body)
    assert (r.status_code, r.json()) == (422, invalid(errors))
    assert api.get(f"/api/v1/products/{a['id']}", headers=tenant.headers).json()["data"]["tax_id"] == "1"


@pytest.mark.parametrize("body,errors", [
    ({"action": "archive"}, {"ids": ["The ids field is required."]}),
    ({"action": "archive", "ids": []}, {"ids": ["The ids field is required."]}),
    ({"action": "archive", "ids": ["notahash"]}, {"ids": ["The selected ids is invalid."]}),
    ({"action": "archive", "ids": ["Wpmbk5ezJn"]}, {"ids": ["The selected ids is invalid."]}),
])
def test_bulk_ids_must_all_be_the_companys(api, tenant, body, errors):
    r = bulk(api, tenant, **body)
    assert (r.status_code, r.json()) == (422, invalid(errors))


def test_bulk_from_a_php_form(api, tenant):
    a = create_product(api, tenant, product_key="A")
    r = api.post("/api/v1/products/bulk", headers=tenant.headers,
                 data={"action": "set_tax_id", "tax_id": "5", "ids[0]": a["id"]})
    assert r.json()["data"][0]["tax_id"] == "5"
    r = api.post("/api/v1/products/bulk?action=archive", headers=tenant.headers, json={"ids": [a["id"]]})
    assert r.json()["data"][0]["archived_at"] > 0


def test_restricted_user_bulk_skips_what_they_cannot_edit(api, tenant, session_factory):
    owners = create_product(api, tenant, product_key="Owner's")
    staff = make_staff(session_factory, tenant, "create_product,view_product")
    mine = api.post("/api/v1/products", headers=staff, json={"product_key": "Staff's"}).json()["data"]
    rows = api.post("/api/v1/products/bulk", headers=staff,
                    json={"action": "archive", "ids": [owners["id"], mine["id"]]}).json()["data"]
    assert [(p["product_key"], p["archived_at"] > 0) for p in rows] == [("Owner's", False), ("Staff's", True)]
