from decimal import Decimal

import pytest
from sqlalchemy import func, select

from ninja_api import ids
from ninja_api.models import Product
from tests.products.helpers import PRODUCT_KEYS, UNAUTHORIZED, create_product, invalid, make_staff, stable

BLANK = {
    "id": "", "assigned_user_id": "", "product_key": "", "notes": "", "cost": 0, "price": 0, "quantity": 1,
    "tax_name1": "", "tax_rate1": 0, "tax_name2": "", "tax_rate2": 0, "tax_name3": "", "tax_rate3": 0,
    "created_at": 0, "updated_at": 0, "archived_at": 0, "custom_value1": "", "custom_value2": "",
    "custom_value3": "", "custom_value4": "", "is_deleted": False, "in_stock_quantity": 0,
    "stock_notification": False, "stock_notification_threshold": 0, "max_quantity": 0, "product_image": "",
    "tax_id": "1", "documents": [],
}


def test_create_renders_every_upstream_field(api, tenant):
    data = create_product(
        api, tenant, product_key="WIDGET", notes="A widget", cost="0.1", price="12.123456", quantity=3,
        tax_name1="GST", tax_rate1=10, tax_name2="PST", tax_rate2="7.5", custom_value1="c1", custom_value4="c4",
        in_stock_quantity=12, stock_notification_threshold="2", max_quantity=50, product_image="https://img.test/w.png",
        tax_id="2", assigned_user_id="VolejRejNm",
    )
    assert list(data) == PRODUCT_KEYS
    assert stable(data) == stable({
        **BLANK, "id": data["id"], "user_id": ids.encode(tenant.user.id), "product_key": "WIDGET",
        "notes": "A widget", "cost": 0.1, "price": 12.123456, "quantity": 3, "tax_name1": "GST", "tax_rate1": 10,
        "tax_name2": "PST", "tax_rate2": 7.5, "custom_value1": "c1", "custom_value4": "c4",
        "in_stock_quantity": 12, "stock_notification_threshold": 2, "max_quantity": 50,
        "product_image": "https://img.test/w.png", "tax_id": "2",
        # assigned_user_id is not writable upstream.
        "assigned_user_id": "",
    })
    assert data["created_at"] > 1_700_000_000 and data["updated_at"] >= data["created_at"]


def test_stock_notification_is_false_in_the_create_answer_and_true_afterwards(api, tenant):
    # Upstream answers from the unsaved model, before the database default (on) applies.
    created = create_product(api, tenant, product_key="P")
    assert created["stock_notification"] is False
    shown = api.get(f"/api/v1/products/{created['id']}", headers=tenant.headers).json()["data"]
    assert shown["stock_notification"] is True
    assert {k: v for k, v in shown.items() if k != "stock_notification"} == {
        k: v for k, v in created.items() if k != "stock_notification"}
    off = create_product(api, tenant, product_key="Q", stock_notification=False)
    assert off["stock_notification"] is False
    assert api.get(f"/api/v1/products/{off['id']}", headers=tenant.headers).json()["data"]["stock_notification"] is False


def test_empty_post_makes_the_factory_product(api, tenant):
    data = create_product(api, tenant)
    assert stable(data) == stable({**BLANK, "id": data["id"], "user_id": ids.encode(tenant.user.id)})


def test_blank_show_and_edit(api, tenant):
    r = api.get("/api/v1/products/create", headers=tenant.headers)
    assert r.status_code == 200
    assert r.json() == {"data": {**BLANK, "user_id": ids.encode(tenant.user.id)}}
    assert list(r.json()["data"]) == PRODUCT_KEYS
    created = create_product(api, tenant, product_key="K", stock_notification=True)
    for path in (f"/api/v1/products/{created['id']}", f"/api/v1/products/{created['id']}/edit"):
        r = api.get(path, headers=tenant.headers)
        assert (r.status_code, r.json()) == (200, {"data": created})


def test_money_is_exact(api, tenant, session_factory):
    a = create_product(api, tenant, product_key="A", cost="0.1", price="0.000001")
    b = create_product(api, tenant, product_key="B", cost=0.2, price="9999999999.999999")
    with session_factory() as s:
        row = s.get(Product, ids.decode(a["id"]))
        assert (row.cost, row.price) == (Decimal("0.1"), Decimal("0.000001"))
        assert s.scalar(select(func.sum(Product.cost)).where(Product.company_id == tenant.company.id)) == Decimal("0.3")
    shown = api.get(f"/api/v1/products/{b['id']}", headers=tenant.headers).json()["data"]
    assert (shown["cost"], shown["price"]) == (0.2, 9999999999.999999)
    listed = api.get("/api/v1/products", headers=tenant.headers).json()["data"]
    assert [(p["cost"], p["price"]) for p in listed] == [(0.1, 0.000001), (0.2, 9999999999.999999)]


def test_go_sdk_numeric_strings(api, tenant):
    # The Go SDK sends typed numbers, some as strings.
    data = create_product(api, tenant, cost="125.5", price="1e3", quantity="2.25", tax_rate1="19",
                          in_stock_quantity="7", stock_notification_threshold="2.5", max_quantity="4", tax_id=3)
    assert [data[k] for k in ("cost", "price", "quantity", "tax_rate1", "in_stock_quantity",
                              "stock_notification_threshold", "max_quantity", "tax_id")] == [
        125.5, 1000, 2.25, 19, 7, 3, 4, "3"]


def test_form_encoded_post_from_the_php_sdk(api, tenant):
    r = api.post("/api/v1/products", headers=tenant.headers, data={
        "product_key": "Form", "notes": "from a form", "cost": "1.50", "price": "9.99", "quantity": "3",
        "stock_notification": "0", "in_stock_quantity": "5", "tax_id": "2", "custom_value2": "",
    })
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert stable(data) == stable({
        **BLANK, "id": data["id"], "user_id": ids.encode(tenant.user.id), "product_key": "Form",
        "notes": "from a form", "cost": 1.5, "price": 9.99, "quantity": 3, "in_stock_quantity": 5, "tax_id": "2",
    })
    shown = api.get(f"/api/v1/products/{data['id']}", headers=tenant.headers).json()["data"]
    assert shown["stock_notification"] is False


@pytest.mark.parametrize("body,errors", [
    ({"cost": "abc", "price": [1], "quantity": "1,5"}, {
        "cost": ["The cost must be a number."], "price": ["The price must be a number."],
        "quantity": ["The quantity must be a number."]}),
    # An explicit null (or an empty form field) is present, so it is validated.
    ({"cost": None, "price": ""}, {"cost": ["The cost must be a number."], "price": ["The price must be a number."]}),
    ({"in_stock_quantity": "x", "stock_notification_threshold": True, "stock_notification": "maybe"}, {
        "in_stock_quantity": ["The in stock quantity must be a number."],
        "stock_notification_threshold": ["The stock notification threshold must be a number."],
        "stock_notification": ["The stock notification field must be true or false."]}),
    ({"tax_rate1": "ten", "tax_rate3": {"a": 1}}, {
        "tax_rate1": ["The tax rate1 must be a number."], "tax_rate3": ["The tax rate3 must be a number."]}),
    ({"product_key": ["a"], "notes": {"x": 1}, "product_image": "x" * 192}, {
        "product_key": ["The product key must be a string."], "notes": ["The notes must be a string."],
        "product_image": ["The product image must not be greater than 191 characters."]}),
    ({"max_quantity": "lots", "tax_id": 1.5}, {
        "max_quantity": ["The max quantity must be an integer."], "tax_id": ["The tax id must be an integer."]}),
    ({"price": "1e20", "in_stock_quantity": 2 ** 40}, {
        "price": ["The price must be between -99999999999999.999999 and 99999999999999.999999."],
        "in_stock_quantity": ["The in stock quantity must be between -2147483648 and 2147483647."]}),
])
def test_store_validation_and_nothing_written(api, tenant, body, errors):
    r = api.post("/api/v1/products", headers=tenant.headers, json=body)
    assert (r.status_code, r.json()) == (422, invalid(errors))
    assert api.get("/api/v1/products", headers=tenant.headers).json()["data"] == []


def test_null_quantity_on_store_means_one(api, tenant):
    assert create_product(api, tenant, quantity=None)["quantity"] == 1
    assert create_product(api, tenant, quantity=0)["quantity"] == 0


def test_update_is_partial_but_resets_quantity(api, tenant):
    created = create_product(api, tenant, product_key="K", notes="n", price="5", quantity=4, in_stock_quantity=3)
    r = api.put(f"/api/v1/products/{created['id']}", headers=tenant.headers, json={"notes": "changed", "price": 6})
    assert r.status_code == 200
    data = r.json()["data"]
    # Left out: quantity goes back to 1 (upstream quirk); the rest is kept.
    assert (data["product_key"], data["notes"], data["price"], data["quantity"]) == ("K", "changed", 6, 1)
    assert data["id"] == created["id"] and list(data) == PRODUCT_KEYS


def test_in_stock_quantity_changes_only_when_asked(api, tenant):
    created = create_product(api, tenant, product_key="K", in_stock_quantity=3)
    url = f"/api/v1/products/{created['id']}"
    assert api.put(url, headers=tenant.headers, json={"in_stock_quantity": 9}).json()["data"]["in_stock_quantity"] == 3
    # Ignored means not validated either.
    assert api.put(url, headers=tenant.headers, json={"in_stock_quantity": "x"}).status_code == 200
    r = api.put(url + "?update_in_stock_quantity=true", headers=tenant.headers, json={"in_stock_quantity": 9})
    assert r.json()["data"]["in_stock_quantity"] == 9
    r = api.put(url, headers=tenant.headers, json={"in_stock_quantity": 10, "update_in_stock_quantity": True})
    assert r.json()["data"]["in_stock_quantity"] == 10
    r = api.put(url + "?update_in_stock_quantity=true", headers=tenant.headers, json={"in_stock_quantity": "x"})
    assert (r.status_code, r.json()) == (422, invalid({"in_stock_quantity": ["The in stock quantity must be a number."]}))


def test_update_validation(api, tenant):
    created = create_product(api, tenant, product_key="K", cost=1)
    r = api.put(f"/api/v1/products/{created['id']}", headers=tenant.headers, json={"cost": "free", "quantity": "many"})
    assert (r.status_code, r.json()) == (422, invalid({
        "cost": ["The cost must be a number."], "quantity": ["The quantity must be a number."]}))
    assert api.get(f"/api/v1/products/{created['id']}", headers=tenant.headers).json()["data"]["cost"] == 1


def test_delete_and_then_update_is_refused(api, tenant):
    created = create_product(api, tenant, product_key="K")
    r = api.delete(f"/api/v1/products/{created['id']}", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert (data["is_deleted"], data["archived_at"] > 0, data["product_key"]) == (True, True, "K")
    r = api.put(f"/api/v1/products/{created['id']}", headers=tenant.headers, json={"notes": "x"})
    assert (r.status_code, r.json()) == (400, {
        "message": "Record is deleted and cannot be edited. Restore the record to enable editing"})
    # Still readable.
    assert api.get(f"/api/v1/products/{created['id']}", headers=tenant.headers).json()["data"]["is_deleted"] is True


def test_missing_and_malformed_ids(api, tenant):
    r = api.get("/api/v1/products/5", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Record with value 5 not found"})
    for path in ("/api/v1/products/Wpmbk5ezJn", "/api/v1/products/!!notahash/edit"):
        r = api.get(path, headers=tenant.headers)
        assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Product]."})
    r = api.put("/api/v1/products/Wpmbk5ezJn", headers=tenant.headers, json={})
    assert r.status_code == 400


def test_another_companys_product_is_refused_everywhere(api, tenant, other_tenant):
    mine = create_product(api, tenant, product_key="Mine")
    theirs = create_product(api, other_tenant, product_key="Theirs")
    for method, path in [
        ("GET", f"/api/v1/products/{theirs['id']}"),
        ("GET", f"/api/v1/products/{theirs['id']}/edit"),
        ("PUT", f"/api/v1/products/{theirs['id']}"),
        ("DELETE", f"/api/v1/products/{theirs['id']}"),
    ]:
        r = api.request(method, path, headers=tenant.headers, json={"notes": "hijack"})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED), (method, path)
    r = api.post("/api/v1/products/bulk", headers=tenant.headers, json={"action": "delete", "ids": [theirs["id"]]})
    assert (r.status_code, r.json()) == (422, invalid({"ids": ["The selected ids is invalid."]}))
    r = api.post("/api/v1/products/bulk", headers=tenant.headers,
                 json={"action": "set_tax_id", "tax_id": 2, "ids": [mine["id"], theirs["id"]]})
    assert r.status_code == 422
    assert [p["product_key"] for p in api.get("/api/v1/products", headers=tenant.headers).json()["data"]] == ["Mine"]
    assert api.get("/api/v1/products?product_key=Theirs", headers=tenant.headers).json()["data"] == []
    assert api.get("/api/v1/products?with=Theirs", headers=tenant.headers).json()["data"][0]["product_key"] == "Mine"
    untouched = api.get(f"/api/v1/products/{theirs['id']}", headers=other_tenant.headers).json()["data"]
    assert (untouched["notes"], untouched["is_deleted"], untouched["tax_id"]) == ("", False, "1")


def test_restricted_user_sees_and_edits_only_own_products(api, tenant, session_factory):
    owners = create_product(api, tenant, product_key="Owner's")
    staff = make_staff(session_factory, tenant, "create_product")
    mine = api.post("/api/v1/products", headers=staff, json={"product_key": "Staff's"}).json()["data"]
    assert [p["product_key"] for p in api.get("/api/v1/products", headers=staff).json()["data"]] == ["Staff's"]
    assert api.get(f"/api/v1/products/{owners['id']}", headers=staff).status_code == 401
    assert api.get(f"/api/v1/products/{mine['id']}", headers=staff).status_code == 200
    assert api.put(f"/api/v1/products/{owners['id']}", headers=staff, json={}).status_code == 401
    # The owner sees everything.
    assert len(api.get("/api/v1/products", headers=tenant.headers).json()["data"]) == 2


def test_create_needs_the_permission(api, tenant, session_factory):
    viewer = make_staff(session_factory, tenant, "view_product")
    assert api.post("/api/v1/products", headers=viewer, json={}).json() == UNAUTHORIZED
    assert api.get("/api/v1/products/create", headers=viewer).status_code == 401
    created = create_product(api, tenant, product_key="K")
    assert api.get(f"/api/v1/products/{created['id']}", headers=viewer).status_code == 200
    assert api.put(f"/api/v1/products/{created['id']}", headers=viewer, json={}).status_code == 401
