"""The quote list: upstream's client_status keywords and the shared filters."""

from datetime import date, timedelta


def numbers(api, tenant, query):
    r = api.get(f"/api/v1/quotes?{query}", headers=tenant.headers)
    assert r.status_code == 200, r.text
    return [q["number"] for q in r.json()["data"]]


def test_client_status_keywords(api, tenant, make_quote):
    past = (date.today() - timedelta(days=5)).isoformat()
    future = (date.today() + timedelta(days=20)).isoformat()
    draft = make_quote()
    open_ended = make_quote("?mark_sent=true")
    upcoming = make_quote("?mark_sent=true", due_date=future)
    expired = make_quote("?mark_sent=true", date=past, due_date=past)
    approved = make_quote()
    api.get(f"/api/v1/quotes/{approved['id']}/approve", headers=tenant.headers)
    converted = make_quote()
    api.get(f"/api/v1/quotes/{converted['id']}/convert_to_invoice", headers=tenant.headers)
    n = lambda *qs: [q["number"] for q in qs]  # noqa: E731
    assert numbers(api, tenant, "client_status=draft") == n(draft)
    assert numbers(api, tenant, "client_status=sent") == n(open_ended, upcoming)
    assert numbers(api, tenant, "client_status=upcoming") == n(upcoming)
    assert numbers(api, tenant, "client_status=expired") == n(expired)
    assert numbers(api, tenant, "client_status=approved") == n(approved)
    assert numbers(api, tenant, "client_status=converted") == n(converted)
    assert numbers(api, tenant, "client_status=draft,expired") == n(draft, expired)
    assert len(numbers(api, tenant, "client_status=all")) == 6
    # Rows without a due date sort differently per database (NULLs); these two have one.
    assert numbers(api, tenant, "client_status=upcoming,expired&sort=valid_until|desc") == n(upcoming, expired)


def test_text_and_number_filters(api, tenant, make_quote, other_tenant):
    a = make_quote(line_items=[{"quantity": 1, "cost": 1, "notes": "gutters"}])
    b = make_quote(po_number="PO-42")
    assert numbers(api, tenant, "filter=gutter") == [a["number"]]
    assert numbers(api, tenant, "filter=PO-42") == [b["number"]]
    assert numbers(api, tenant, f"number={b['number']}") == [b["number"]]
    assert numbers(api, tenant, "sort=number|desc") == [b["number"], a["number"]]
    assert api.get("/api/v1/quotes", headers=other_tenant.headers).json()["data"] == []
