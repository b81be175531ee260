from tests.vendors.helpers import create_vendor


def test_refresh_embeds_vendors_expenses_and_categories(api, tenant):
    vendor = create_vendor(api, tenant, name="Acme")
    category = api.post("/api/v1/expense_categories", headers=tenant.headers, json={"name": "Fuel"}).json()["data"]
    expense = api.post("/api/v1/expenses", headers=tenant.headers,
                       json={"vendor_id": vendor["id"], "category_id": category["id"], "amount": 5}).json()["data"]
    company = api.post("/api/v1/refresh", headers=tenant.headers).json()["data"][0]["company"]
    assert [v["id"] for v in company["vendors"]] == [vendor["id"]]
    assert company["vendors"][0]["contacts"][0]["is_primary"] is True
    assert [e["id"] for e in company["expenses"]] == [expense["id"]]
    assert [c["name"] for c in company["expense_categories"]] == ["Fuel"]
    assert company["purchase_orders"] == []
