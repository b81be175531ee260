import datetime as dt

from ninja_api import ids
from tests.vendors.helpers import create_vendor

KEYS = [
    "id", "user_id", "assigned_user_id", "vendor_id", "invoice_id", "client_id", "bank_id", "invoice_currency_id",
    "expense_currency_id", "currency_id", "category_id", "payment_type_id", "recurring_expense_id", "is_deleted",
    "should_be_invoiced", "invoice_documents", "amount", "foreign_amount", "exchange_rate", "tax_name1",
    "tax_rate1", "tax_name2", "tax_rate2", "tax_name3", "tax_rate3", "private_notes", "public_notes",
    "transaction_reference", "transaction_id", "date", "number", "payment_date", "custom_value1", "custom_value2",
    "custom_value3", "custom_value4", "updated_at", "archived_at", "created_at", "project_id", "tax_amount1",
    "tax_amount2", "tax_amount3", "uses_inclusive_taxes", "calculate_tax_by_amount", "entity_type", "e_invoice",
    "documents",
]


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def blank(tenant, **over) -> dict:
    return {
        "user_id": ids.encode(tenant.user.id), "assigned_user_id": "", "vendor_id": "", "invoice_id": "",
        "client_id": "", "bank_id": "", "invoice_currency_id": "", "expense_currency_id": "", "currency_id": "1",
        "category_id": "", "payment_type_id": "", "recurring_expense_id": "", "is_deleted": False,
        "should_be_invoiced": False, "invoice_documents": False, "amount": 0, "foreign_amount": 0,
        "exchange_rate": 0, "tax_name1": "", "tax_rate1": 0, "tax_name2": "", "tax_rate2": 0, "tax_name3": "",
        "tax_rate3": 0, "private_notes": "", "public_notes": "", "transaction_reference": "", "transaction_id": "",
        "date": dt.datetime.now(dt.timezone.utc).date().isoformat(), "number": "0001", "payment_date": "",
        "custom_value1": "", "custom_value2": "", "custom_value3": "", "custom_value4": "", "archived_at": 0,
        "project_id": "", "tax_amount1": 0, "tax_amount2": 0, "tax_amount3": 0, "uses_inclusive_taxes": False,
        "calculate_tax_by_amount": False, "entity_type": "expense", "e_invoice": {}, "documents": [], **over,
    }


def without_clock(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("id", "created_at", "updated_at")}


def create(api, tenant, **body) -> dict:
    r = api.post("/api/v1/expenses", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def category(api, tenant, name="Travel") -> str:
    r = api.post("/api/v1/expense_categories", headers=tenant.headers, json={"name": name})
    return r.json()["data"]["id"]


def client(api, tenant, name="Client") -> str:
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": name})
    return r.json()["data"]["id"]


def test_empty_create_is_the_factory_expense_and_later_reads_show_the_column_defaults(api, tenant):
    data = create(api, tenant)
    assert list(data) == KEYS
    assert without_clock(data) == without_clock(blank(tenant))
    shown = api.get(f"/api/v1/expenses/{data['id']}", headers=tenant.headers).json()["data"]
    assert (shown["invoice_documents"], shown["exchange_rate"]) == (True, 1)


def test_create_with_everything(api, tenant):
    vendor = create_vendor(api, tenant, name="Acme")
    cat = category(api, tenant)
    cl = client(api, tenant)
    data = create(
        api, tenant, vendor_id=vendor["id"], category_id=cat, client_id=cl, amount="123.45", foreign_amount=0,
        tax_name1="GST", tax_rate1="10", tax_amount1="11.22", uses_inclusive_taxes=True, calculate_tax_by_amount=True,
        date="2024-03-01", payment_date="2024-03-05", payment_type_id="1", transaction_reference="ref",
        private_notes="p", public_notes="q", should_be_invoiced=True, invoice_documents=False, number="EXP-9",
        custom_value1="c1",
    )
    assert without_clock(data) == without_clock(blank(
        tenant, vendor_id=vendor["id"], category_id=cat, client_id=cl, amount=123.45, tax_name1="GST",
        tax_rate1=10, tax_amount1=11.22, uses_inclusive_taxes=True, calculate_tax_by_amount=True,
        date="2024-03-01", payment_date="2024-03-05", payment_type_id="1", transaction_reference="ref",
        private_notes="p", public_notes="q", should_be_invoiced=True, number="EXP-9", custom_value1="c1",
    ))


def test_another_currency_gets_the_exchange_rate_to_the_companys(api, tenant):
    data = create(api, tenant, amount=10, currency_id="2")
    assert data["currency_id"] == "2" and data["invoice_currency_id"] == "1"
    # The statics' rates per dollar (all 1 here), not a live rate service.
    assert data["exchange_rate"] == 1
    # A rate the request names is kept.
    named = create(api, tenant, amount=10, currency_id="2", exchange_rate="1.5")
    assert (named["exchange_rate"], named["invoice_currency_id"]) == (1.5, "")


def test_validation(api, tenant, other_tenant):
    create(api, tenant, number="E-1")
    foreign_category = api.post("/api/v1/expense_categories", headers=other_tenant.headers,
                                json={"name": "Theirs"}).json()["data"]["id"]
    r = api.post("/api/v1/expenses", headers=tenant.headers, json={
        "number": "E-1", "client_id": "zzzz", "category_id": foreign_category, "payment_date": "soon",
        "date": "not a date", "amount": "100000000000000", "vendor_id": "VolejRejNm",
    })
    assert r.status_code == 422
    assert r.json() == invalid({
        "number": ["The number has already been taken."],
        "client_id": ["The selected client id is invalid."],
        "vendor_id": ["The selected vendor id is invalid."],
        "category_id": ["The selected category id is invalid."],
        "payment_date": ["The payment date is not a valid date."],
        "date": ["The date is not a valid date."],
        "amount": ["The amount must not be greater than 99999999999999."],
    })
    r = api.post("/api/v1/expenses", headers=tenant.headers, json={"amount": "ten"})
    assert r.json() == invalid({"amount": ["The amount must be a number."]})


def test_a_deleted_category_cannot_be_used(api, tenant):
    cat = category(api, tenant)
    api.delete(f"/api/v1/expense_categories/{cat}", headers=tenant.headers)
    r = api.post("/api/v1/expenses", headers=tenant.headers, json={"category_id": cat})
    assert r.json() == invalid({"category_id": ["The selected category id is invalid."]})


def test_update_and_number_rules(api, tenant):
    a = create(api, tenant)
    b = create(api, tenant)
    assert (a["number"], b["number"]) == ("0001", "0002")
    h = tenant.headers
    r = api.put(f"/api/v1/expenses/{a['id']}", headers=h, json={"number": b["number"]})
    assert r.json() == invalid({"number": ["The number has already been taken."]})
    r = api.put(f"/api/v1/expenses/{a['id']}", headers=h, json={"number": a["number"], "amount": 5, "payment_date": None})
    assert r.status_code == 200 and r.json()["data"]["amount"] == 5
    # The POST-only quirks do not apply to an update.
    assert (r.json()["data"]["invoice_documents"], r.json()["data"]["exchange_rate"]) == (True, 1)


def names(r) -> list[str]:
    assert r.status_code == 200, r.text
    return [e["number"] for e in r.json()["data"]]


def test_client_status_and_other_filters(api, tenant):
    vendor = create_vendor(api, tenant, name="Acme")
    cat = category(api, tenant, "Fuel")
    create(api, tenant, number="logged", amount=1, vendor_id=vendor["id"], category_id=cat)
    create(api, tenant, number="pending", amount=2, should_be_invoiced=True)
    create(api, tenant, number="paid", amount=3, payment_date="2024-01-01")
    h = tenant.headers
    get = lambda q: names(api.get(f"/api/v1/expenses?{q}", headers=h))  # noqa: E731
    assert get("client_status=logged") == ["logged"]
    assert get("client_status=pending") == ["pending"]
    assert get("client_status=paid") == ["paid"]
    assert get("client_status=unpaid") == ["logged", "pending"]
    assert get("client_status=logged,paid") == ["logged", "paid"]
    assert get("client_status=uncategorized") == ["pending", "paid"]
    assert get("client_status=all") == ["logged", "pending", "paid"]
    assert get("client_status=invoiced") == []
    assert get("filter=acme") == ["logged"]
    assert get("filter=fuel") == ["logged"]
    assert get(f"vendor_id={vendor['id']}") == ["logged"]
    assert get("number=paid") == ["paid"]
    assert get("sort=amount|desc") == ["paid", "pending", "logged"]
    assert get("sort=vendor_id|asc")[0] == "logged"


def test_bulk_categorize_archive_and_foreign_ids(api, tenant, other_tenant):
    a = create(api, tenant)
    b = create(api, tenant)
    theirs = create(api, other_tenant)
    cat = category(api, tenant)
    h = tenant.headers
    r = api.post("/api/v1/expenses/bulk", headers=h,
                 json={"action": "bulk_categorize", "ids": [a["id"], b["id"]], "category_id": cat})
    assert [e["category_id"] for e in r.json()["data"]] == [cat, cat]
    r = api.post("/api/v1/expenses/bulk", headers=h, json={"action": "archive", "ids": [a["id"]]})
    assert r.json()["data"][0]["archived_at"] > 0
    r = api.post("/api/v1/expenses/bulk", headers=h, json={"action": "archive", "ids": [theirs["id"]]})
    assert (r.status_code, r.json()) == (422, invalid({"ids": ["The selected ids is invalid."]}))
    r = api.post("/api/v1/expenses/bulk", headers=h, json={"action": "explode", "ids": [a["id"]]})
    assert (r.status_code, r.json()) == (422, invalid({"action": ["The selected action is invalid."]}))
    r = api.post("/api/v1/expenses/bulk", headers=h,
                 json={"action": "bulk_categorize", "ids": [a["id"]], "category_id": "nope"})
    assert (r.status_code, r.json()) == (422, invalid({"category_id": ["The selected category id is invalid."]}))


def test_includes_cost_a_constant_number_of_queries(api, tenant, query_counter):
    vendor = create_vendor(api, tenant, name="Acme")
    cat = category(api, tenant)
    create(api, tenant, vendor_id=vendor["id"], category_id=cat)
    include = "include=vendor,category,client,invoice,project"
    with query_counter as few:
        api.get(f"/api/v1/expenses?{include}", headers=tenant.headers)
    for n in range(5):
        other = create_vendor(api, tenant, name=f"V{n}")
        create(api, tenant, vendor_id=other["id"], category_id=category(api, tenant, f"C{n}"), client_id=client(api, tenant, f"c{n}"))
    with query_counter as many:
        r = api.get(f"/api/v1/expenses?{include}", headers=tenant.headers)
    data = r.json()["data"]
    assert len(data) == 6
    assert data[0]["vendor"]["name"] == "Acme" and data[0]["category"]["name"] == "Travel"
    assert "client" not in data[0] and data[1]["client"]["name"] == "c0"
    assert many.count <= few.count + 4  # the client include (with its own includes) starts once clients exist
    with query_counter as again:
        api.get(f"/api/v1/expenses?{include}", headers=tenant.headers)
    assert again.count == many.count


def test_delete_flags_the_expense_deleted(api, tenant):
    e = create(api, tenant, amount=1)
    r = api.delete(f"/api/v1/expenses/{e['id']}", headers=tenant.headers)
    assert (r.json()["data"]["is_deleted"], r.json()["data"]["archived_at"] > 0) == (True, True)
    assert api.put(f"/api/v1/expenses/{e['id']}", headers=tenant.headers, json={"amount": 2}).status_code == 400
    restored = api.post("/api/v1/expenses/bulk", headers=tenant.headers, json={"action": "restore", "ids": [e["id"]]})
    assert restored.json()["data"][0]["is_deleted"] is False


def test_activities_are_recorded(api, tenant, session):
    from sqlalchemy import select

    from ninja_api.models import Activity

    vendor = create_vendor(api, tenant, name="A")
    e = create(api, tenant, vendor_id=vendor["id"])
    api.put(f"/api/v1/expenses/{e['id']}", headers=tenant.headers, json={"amount": 3})
    rows = session.scalars(select(Activity).where(Activity.expense_id == ids.decode(e["id"])).order_by(Activity.id)).all()
    assert [(r.activity_type_id, r.vendor_id) for r in rows] == [(34, ids.decode(vendor["id"])), (47, ids.decode(vendor["id"]))]
    listed = api.get(f"/api/v1/vendors/{vendor['id']}?include=activities", headers=tenant.headers).json()["data"]
    assert [a["activity_type_id"] for a in listed["activities"]] == ["47", "34", "30"]
