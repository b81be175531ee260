"""The list: upstream's RecurringInvoiceFilters, sorts, includes, and the upcoming dates."""

from datetime import timedelta

import pytest

from ninja_api.billing.keywords import add_months
from ninja_api.models.base import utcnow
from tests.recurring_invoices.helpers import set_company

BASE = "/api/v1/recurring_invoices"


def day(n: int = 0):
    return utcnow().date() + timedelta(days=n)


@pytest.fixture
def rows(api, tenant, client_row, make_recurring):
    other = api.post("/api/v1/clients", headers=tenant.headers,
                     json={"name": "Zeta", "contacts": [{"first_name": "Zoe", "email": "zoe@zeta.co"}]}).json()["data"]
    draft = make_recurring(number="R10", custom_value1="blue", line_items=[{"quantity": 1, "cost": "100.5",
                                                                           "product_key": "hosting"}])
    active = make_recurring("?start=true", number="R2", frequency_id=2, next_send_date=day(5).isoformat(),
                            line_items=[{"quantity": 1, "cost": 7, "product_key": "support", "notes": "Backups"}])
    paused = make_recurring("?start=true&stop=true", number="R3", client_id=other["id"], frequency_id=10)
    completed = make_recurring(number="R4", remaining_cycles=0)
    return {"draft": draft, "active": active, "paused": paused, "completed": completed, "other": other}


def listed(api, tenant, query: str) -> list[str]:
    r = api.get(f"{BASE}?{query}", headers=tenant.headers)
    assert r.status_code == 200, r.text
    return [row["number"] for row in r.json()["data"]]


def test_client_status(api, tenant, rows):
    assert listed(api, tenant, "client_status=active") == ["R2"]
    assert listed(api, tenant, "client_status=paused,completed") == ["R3", "R4"]
    assert listed(api, tenant, "client_status=draft") == ["R10"]
    assert listed(api, tenant, "client_status=pending") == ["R2"]
    assert listed(api, tenant, "client_status=all") == ["R10", "R2", "R3", "R4"]
    assert listed(api, tenant, "client_status=nonsense") == ["R10", "R2", "R3", "R4"]


def test_text_and_value_filters(api, tenant, rows, client_row):
    assert listed(api, tenant, "number=R3") == ["R3"]
    assert listed(api, tenant, "filter=blue") == ["R10"]
    assert listed(api, tenant, "filter=zoe") == ["R3"]
    assert listed(api, tenant, "filter=backups") == ["R2"]
    assert listed(api, tenant, "filter=100.5") == ["R10"]
    assert listed(api, tenant, f"client_id={rows['other']['id']}") == ["R3"]
    assert listed(api, tenant, "product_key=support,hosting") == ["R10", "R2"]
    assert listed(api, tenant, "product_key=host") == []
    assert listed(api, tenant, "frequency_id=2,10") == ["R2", "R3"]
    assert listed(api, tenant, "frequency_id=x") == []
    start, end = day(4).isoformat(), day(6).isoformat()
    assert listed(api, tenant, f"next_send_between={start}|{end}") == ["R2"]
    # Filters upstream's recurring list does not have are ignored.
    assert listed(api, tenant, "status_id=4&date=2999-01-01") == ["R10", "R2", "R3", "R4"]


def test_sorts(api, tenant, rows, session_factory):
    assert listed(api, tenant, "sort=number|asc") == ["R2", "R3", "R4", "R10"]
    assert listed(api, tenant, "sort=client_id|desc") == ["R3", "R10", "R2", "R4"]
    assert listed(api, tenant, "sort=status_id|desc") == ["R4", "R3", "R2", "R10"]
    assert listed(api, tenant, "sort=next_send_datetime|desc")[0] == "R2"
    assert listed(api, tenant, "sort=nonsense|asc") == ["R10", "R2", "R3", "R4"]


def test_includes(api, tenant, rows, client_row):
    r = api.get(f"{BASE}?include=client,activities&number=R2", headers=tenant.headers)
    data = r.json()["data"][0]
    assert data["client"]["id"] == client_row["id"]
    assert [a["activity_type_id"] for a in data["activities"]] == ["100"]
    r = api.get(f"{BASE}?include=nonsense", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Relation `nonsense` is not a valid include."})
    assert api.get(f"{BASE}?include=invoices,user", headers=tenant.headers).status_code == 200


def test_show_dates_lists_the_coming_sends(api, tenant, make_recurring, session_factory):
    set_company(session_factory, tenant, payment_terms="10")
    data = make_recurring("?start=true", remaining_cycles=3, next_send_date=day(1).isoformat())
    assert data["recurring_dates"] == []
    shown = api.get(f"{BASE}/{data['id']}?show_dates=true", headers=tenant.headers).json()["data"]["recurring_dates"]
    first = day(1)
    sends = [first, add_months(first, 1), add_months(add_months(first, 1), 1)]
    assert shown == [{"send_date": d.isoformat(), "due_date": (d + timedelta(days=10)).isoformat()} for d in sends]
    listed_dates = api.get(f"{BASE}?show_dates=true", headers=tenant.headers).json()["data"][0]["recurring_dates"]
    assert listed_dates == shown
    # Endless: ten of them; a day of the month as due date; completed: none.
    api.put(f"{BASE}/{data['id']}", headers=tenant.headers,
            json={"remaining_cycles": -1, "due_date_days": "31", "next_send_date": day(1).isoformat()})
    shown = api.get(f"{BASE}/{data['id']}?show_dates=true", headers=tenant.headers).json()["data"]["recurring_dates"]
    assert len(shown) == 10 and all(d["due_date"] > d["send_date"] for d in shown)
    api.put(f"{BASE}/{data['id']}", headers=tenant.headers, json={"remaining_cycles": 0})
    assert api.get(f"{BASE}/{data['id']}?show_dates=true", headers=tenant.headers).json()["data"]["recurring_dates"] == []


def test_list_query_count_does_not_grow_with_rows(api, tenant, make_recurring, query_counter):
    make_recurring()
    with query_counter as few:
        api.get(f"{BASE}?include=client,activities&show_dates=true", headers=tenant.headers)
    for _ in range(4):
        make_recurring()
    with query_counter as many:
        api.get(f"{BASE}?include=client,activities&show_dates=true", headers=tenant.headers)
    assert many.count == few.count


def test_list_and_bulk_envelopes(api, tenant, make_recurring):
    row = make_recurring()
    pagination = {"total": 1, "count": 1, "per_page": 20, "current_page": 1, "total_pages": 1, "links": {}}
    r = api.get(BASE, headers=tenant.headers)
    assert (r.status_code, r.json()) == (200, {"data": [row], "meta": {"pagination": pagination}})
    r = api.post(f"{BASE}/bulk", headers=tenant.headers, json={"ids": [row["id"]]})
    assert (r.status_code, r.json()) == (200, {"data": [row], "meta": {"pagination": pagination}})
