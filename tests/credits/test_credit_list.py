"""The credit list: upstream's filters over the shared list path, includes in a constant number of queries."""

from datetime import date, timedelta

import pytest


@pytest.fixture
def credits(api, tenant, make_credit, make_invoice):
    past = (date.today() - timedelta(days=3)).isoformat()
    future = (date.today() + timedelta(days=30)).isoformat()
    made = {
        "draft": make_credit(line_items=[{"quantity": 1, "cost": 10, "notes": "apples"}]),
        "sent": make_credit("?mark_sent=true", due_date=future, line_items=[{"quantity": 1, "cost": 20}]),
        "expired": make_credit("?mark_sent=true", due_date=past, line_items=[{"quantity": 1, "cost": 30}]),
        "settled": make_credit("?mark_sent=true", line_items=[{"quantity": 1, "cost": -5}]),
    }
    api.get(f"/api/v1/credits/{made['settled']['id']}/mark_paid", headers=tenant.headers)
    return made


def numbers(api, tenant, query):
    r = api.get(f"/api/v1/credits?{query}", headers=tenant.headers)
    assert r.status_code == 200, r.text
    return [c["number"] for c in r.json()["data"]]


def test_status_filters(api, tenant, credits):
    n = {k: v["number"] for k, v in credits.items()}
    assert numbers(api, tenant, "client_status=draft") == [n["draft"]]
    assert numbers(api, tenant, "client_status=sent") == [n["sent"], n["expired"]]
    assert numbers(api, tenant, "client_status=applied") == [n["settled"]]
    assert numbers(api, tenant, "client_status=draft,applied") == [n["draft"], n["settled"]]
    assert len(numbers(api, tenant, "client_status=all")) == 4
    assert numbers(api, tenant, "status_id=2") == [n["sent"], n["expired"]]


def test_applicable_needs_balance_and_a_future_or_no_due_date(api, tenant, credits):
    assert numbers(api, tenant, "applicable=true") == [credits["sent"]["number"]]


def test_text_number_client_filters_and_sort(api, tenant, credits, client_row, other_tenant):
    n = {k: v["number"] for k, v in credits.items()}
    assert numbers(api, tenant, "filter=apples") == [n["draft"]]
    assert numbers(api, tenant, f"number={n['expired']}") == [n["expired"]]
    assert numbers(api, tenant, f"client_id={client_row['id']}") == [n[k] for k in ("draft", "sent", "expired", "settled")]
    assert numbers(api, tenant, "client_id=nonsense") == []
    assert numbers(api, tenant, "sort=number|desc") == [n[k] for k in ("settled", "expired", "sent", "draft")]
    assert api.get("/api/v1/credits", headers=other_tenant.headers).json()["data"] == []


def test_includes_cost_a_constant_number_of_queries(api, tenant, make_credit, query_counter):
    def count() -> int:
        with query_counter:
            r = api.get("/api/v1/credits?include=client,activities", headers=tenant.headers)
        assert r.status_code == 200
        return query_counter.count

    make_credit()
    one = count()
    for _ in range(4):
        make_credit()
    assert count() == one


def test_unknown_include_is_a_400(api, tenant, credits):
    r = api.get("/api/v1/credits?include=nothing", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Relation `nothing` is not a valid include."})
