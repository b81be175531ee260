from datetime import date, timedelta

import pytest


@pytest.fixture
def invoices(api, tenant, make_invoice):
    past = (date.today() - timedelta(days=30)).isoformat()
    future = (date.today() + timedelta(days=30)).isoformat()
    made = {
        "draft": make_invoice(po_number="PO-D", line_items=[{"quantity": 1, "cost": 10, "notes": "apples"}]),
        "overdue": make_invoice("?mark_sent=true", due_date=past, line_items=[{"quantity": 1, "cost": 20}]),
        "upcoming": make_invoice("?mark_sent=true", due_date=future, private_notes="secret deal",
                                 line_items=[{"quantity": 1, "cost": 30, "product_key": "PEARS"}]),
        "paid": make_invoice("?paid=true", line_items=[{"quantity": 1, "cost": 40}]),
    }
    cancelled = make_invoice("?mark_sent=true", line_items=[{"quantity": 1, "cost": 50}])
    api.get(f"/api/v1/invoices/{cancelled['id']}/cancel", headers=tenant.headers)
    made["cancelled"] = cancelled
    return made


def numbers(api, tenant, query):
    r = api.get(f"/api/v1/invoices?{query}", headers=tenant.headers)
    assert r.status_code == 200, r.text
    return [i["po_number"] or i["number"] for i in r.json()["data"]]


def test_client_status(api, tenant, invoices):
    n = {k: v["number"] for k, v in invoices.items()}
    assert numbers(api, tenant, "client_status=draft") == ["PO-D"]
    assert numbers(api, tenant, "client_status=paid") == [n["paid"]]
    assert numbers(api, tenant, "client_status=cancelled") == [n["cancelled"]]
    assert numbers(api, tenant, "client_status=unpaid") == [n["overdue"], n["upcoming"]]
    assert numbers(api, tenant, "client_status=overdue") == [n["overdue"]]
    assert numbers(api, tenant, "client_status=draft,paid") == ["PO-D", n["paid"]]
    assert len(numbers(api, tenant, "client_status=all")) == 5
    assert numbers(api, tenant, "status_id=4,5") == [n["paid"], n["cancelled"]]


def test_presence_filters(api, tenant, invoices, client_row):
    n = {k: v["number"] for k, v in invoices.items()}
    assert numbers(api, tenant, "overdue=false") == [n["overdue"]]  # presence, whatever the value
    assert numbers(api, tenant, "upcoming") == [n["upcoming"]]
    # Drafts have no balance yet, so they are not payable.
    assert numbers(api, tenant, f"payable={client_row['id']}") == [n["overdue"], n["upcoming"]]


def test_text_filters_and_sort(api, tenant, invoices):
    n = {k: v["number"] for k, v in invoices.items()}
    assert numbers(api, tenant, "filter=apples") == ["PO-D"]
    assert numbers(api, tenant, "filter=pears") == [n["upcoming"]]
    assert numbers(api, tenant, "filter=acme") == ["PO-D"] + [n[k] for k in ("overdue", "upcoming", "paid", "cancelled")]
    assert numbers(api, tenant, "private_notes=secret") == [n["upcoming"]]
    assert numbers(api, tenant, f"number={n['paid']}") == [n["paid"]]
    desc = numbers(api, tenant, "sort=number|desc")
    assert desc == [n[k] for k in ("cancelled", "paid", "upcoming", "overdue")] + ["PO-D"]
    by_amount = api.get("/api/v1/invoices?sort=amount|desc", headers=tenant.headers).json()["data"]
    assert [i["amount"] for i in by_amount] == [50, 40, 30, 20, 10]


def test_date_filters(api, tenant, invoices):
    today = date.today()
    window = f"{(today - timedelta(days=1)).isoformat()},{(today + timedelta(days=1)).isoformat()}"
    assert len(numbers(api, tenant, f"date_range={window}")) == 5
    assert numbers(api, tenant, f"due_date={today.isoformat()}") == [invoices["upcoming"]["number"]]


def test_includes_and_unknown_include(api, tenant, invoices, client_row):
    rows = api.get("/api/v1/invoices?include=client,activities&client_status=paid", headers=tenant.headers).json()["data"]
    assert rows[0]["client"]["id"] == client_row["id"]
    assert "contacts" in rows[0]["client"]
    assert [a["activity_type_id"] for a in rows[0]["activities"]][:2] == ["54", "10"]
    r = api.get("/api/v1/invoices?include=nope", headers=tenant.headers)
    assert r.status_code == 400


def test_client_id_validation_and_tenancy(api, tenant, other_tenant, make_invoice):
    r = api.post("/api/v1/invoices", headers=tenant.headers, json={"line_items": []})
    assert r.json() == {"message": "The given data was invalid.", "errors": {"client_id": ["The client id field is required."]}}
    theirs = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "Theirs"}).json()["data"]
    r = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": theirs["id"]})
    assert r.json()["errors"] == {"client_id": ["The selected client id is invalid."]}
    inv = make_invoice(line_items=[])
    for method in ("GET", "PUT", "DELETE"):
        r = api.request(method, f"/api/v1/invoices/{inv['id']}", headers=other_tenant.headers, json={})
        assert (r.status_code, r.json()) == (401, {"message": "This action is unauthorized."})
    assert api.get(f"/api/v1/invoices/{inv['id']}/mark_paid", headers=other_tenant.headers).status_code == 401
    assert api.get("/api/v1/invoices", headers=other_tenant.headers).json()["data"] == []


def test_duplicate_number(api, tenant, make_invoice, client_row):
    make_invoice(number="INV-9", line_items=[])
    r = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client_row["id"], "number": "INV-9"})
    assert r.json()["errors"] == {"number": ["The number has already been taken."]}


def test_bad_input_is_422_not_500(api, tenant, client_row):
    for body in ({"date": "31/31/2020"}, {"discount": "lots"}, {"line_items": "x"}, {"partial": -1},
                 {"invitations": [{"key": "x"}]}, {"is_amount_discount": "maybe"}, {"project_id": 5}):
        r = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client_row["id"], **body})
        assert r.status_code == 422, (body, r.text)
