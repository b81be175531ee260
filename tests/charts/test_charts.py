"""Dashboard charts: totals and per-day series, equal to what the API's own lists add up to."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import update

from ninja_api import ids
from ninja_api.charts import service
from ninja_api.models import Company, Invoice, Payment
from tests.auth.helpers import add_member

MARCH = {"start_date": "2024-03-01", "end_date": "2024-03-31"}


def _post(api, tenant, path, body):
    r = api.post(path, headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _client(api, tenant, name, currency="1"):
    return _post(api, tenant, "/api/v1/clients", {"name": name, "settings": {"currency_id": currency}})


def _invoice(api, tenant, client, day, cost, sent=True):
    path = "/api/v1/invoices" + ("?mark_sent=true" if sent else "")
    return _post(api, tenant, path, {"client_id": client["id"], "date": day,
                                     "line_items": [{"quantity": 1, "cost": cost}]})


def _pay(api, tenant, client, invoice, day, amount):
    return _post(api, tenant, "/api/v1/payments", {"client_id": client["id"], "date": day, "amount": amount,
                                                   "invoices": [{"invoice_id": invoice["id"], "amount": amount}]})


def _expense(api, tenant, day, amount, currency="1", rate=None):
    body = {"date": day, "amount": amount, "currency_id": currency}
    if rate is not None:
        body["exchange_rate"] = rate
    return _post(api, tenant, "/api/v1/expenses", body)


@pytest.fixture
def books(api, tenant, session_factory):
    """A USD company with a USD and a EUR client, and documents in and out of March 2024."""
    acme, euro, gone = (_client(api, tenant, "Acme"), _client(api, tenant, "Euro Co", "3"),
                        _client(api, tenant, "Gone"))
    a1 = _invoice(api, tenant, acme, "2024-03-05", 21)
    _pay(api, tenant, acme, a1, "2024-03-06", 5)
    _invoice(api, tenant, acme, "2024-03-05", 100, sent=False)  # a draft counts nowhere
    a3 = _invoice(api, tenant, acme, "2024-03-10", 30)
    _pay(api, tenant, acme, a3, "2024-03-10", 30)
    _invoice(api, tenant, acme, "2024-04-01", 50)  # after the period
    a5 = _invoice(api, tenant, acme, "2024-03-12", 40)
    assert api.delete(f"/api/v1/invoices/{a5['id']}", headers=tenant.headers).status_code == 200
    _invoice(api, tenant, gone, "2024-03-05", 9)
    r = api.post("/api/v1/clients/bulk", headers=tenant.headers, json={"action": "delete", "ids": [gone["id"]]})
    assert r.status_code == 200, r.text
    e1 = _invoice(api, tenant, euro, "2024-03-05", 100)
    p3 = _pay(api, tenant, euro, e1, "2024-03-07", 20)
    r = api.post("/api/v1/payments/refund", headers=tenant.headers,
                 json={"id": p3["id"], "amount": 5, "date": "2024-03-08",
                       "invoices": [{"invoice_id": e1["id"], "amount": 5}]})
    assert r.status_code == 200, r.text
    # The API keeps a EUR client's rate at 1 here; upstream stores the rate of the day: set one.
    with session_factory() as s:
        s.execute(update(Invoice).where(Invoice.id == ids.decode(e1["id"])).values(exchange_rate=Decimal("0.8")))
        s.execute(update(Payment).where(Payment.id == ids.decode(p3["id"])).values(exchange_rate=Decimal("0.8")))
        s.commit()
    _expense(api, tenant, "2024-03-05", 7.25)
    _expense(api, tenant, "2024-03-08", 10, "3", 1.1)
    x3 = _expense(api, tenant, "2024-03-05", 99)
    assert api.delete(f"/api/v1/expenses/{x3['id']}", headers=tenant.headers).status_code == 200
    _expense(api, tenant, "2024-02-28", 3)
    return {"acme": acme, "euro": euro}


def _listed(api, tenant, entity):
    r = api.get(f"/api/v1/{entity}?per_page=500&status=active,archived,deleted", headers=tenant.headers)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _in_march(row) -> bool:
    return "2024-03-01" <= row["date"] <= "2024-03-31"


def test_totals_equal_the_lists(api, tenant, books):
    r = api.post("/api/v1/charts/totals_v2", headers=tenant.headers, json=MARCH)
    assert r.status_code == 200, r.text
    answer = r.json()
    clients = {c["id"]: c for c in _listed(api, tenant, "clients")}
    invoices = [i for i in _listed(api, tenant, "invoices")
                if _in_march(i) and not i["is_deleted"] and not clients[i["client_id"]]["is_deleted"]]
    payments = [p for p in _listed(api, tenant, "payments") if _in_march(p) and not p["is_deleted"]]
    expenses = [e for e in _listed(api, tenant, "expenses") if _in_march(e) and not e["is_deleted"]]

    def total(rows, key, keep):
        return sum((Decimal(str(row[key])) for row in rows if keep(row)), Decimal(0))

    for currency in ("1", "3"):
        def of_currency(i):
            return clients[i["client_id"]]["settings"]["currency_id"] == currency

        invoiced = total(invoices, "amount", lambda i: of_currency(i) and i["status_id"] in ("2", "3", "4"))
        open_ = [i for i in invoices if of_currency(i) and i["status_id"] in ("2", "3") and i["balance"] > 0]
        paid = total(payments, "amount", lambda p: p["currency_id"] == currency and p["status_id"] in "1456") \
            - total(payments, "refunded", lambda p: p["currency_id"] == currency and p["status_id"] in "1456")
        spent = total(expenses, "amount", lambda e: e["currency_id"] == currency)
        entry = answer[currency]
        assert Decimal(entry["invoices"]["invoiced_amount"]) == invoiced
        assert Decimal(entry["outstanding"]["amount"]) == total(open_, "balance", lambda i: True)
        assert entry["outstanding"]["outstanding_count"] == len(open_)
        assert Decimal(entry["revenue"]["paid_to_date"]) == paid
        assert Decimal(entry["expenses"]["amount"]) == spent

    assert answer == {
        "currencies": {"3": "EUR", "1": "USD"},  # by currency name, as upstream
        "start_date": "2024-03-01",
        "end_date": "2024-03-31",
        "3": {
            "invoices": {"invoiced_amount": "100.000000", "currency_id": "3", "code": "EUR"},
            "revenue": {"paid_to_date": "15.000000", "currency_id": "3", "code": "EUR"},
            "outstanding": {"amount": "85.000000", "outstanding_count": 1, "currency_id": "3", "code": "EUR"},
            "expenses": {"amount": "10.000000", "currency_id": "3", "code": "EUR"},
        },
        "1": {
            "invoices": {"invoiced_amount": "51.000000", "currency_id": "1", "code": "USD"},
            "revenue": {"paid_to_date": "35.000000", "currency_id": "1", "code": "USD"},
            "outstanding": {"amount": "16.000000", "outstanding_count": 1, "currency_id": "1", "code": "USD"},
            "expenses": {"amount": "7.250000", "currency_id": "1", "code": "USD"},
        },
        # Everything in the company's currency: 100 EUR at 0.8 is 125, 10 EUR expense at 1.1 is 11.
        "999": {
            "invoices": {"invoiced_amount": "176.0000000000", "currency_id": "1"},
            "expense": {"amount": "18.250000000000"},
            "outstanding": {"amount": "122.2500000000", "outstanding_count": 2, "currency_id": "1"},
            "revenue": {"paid_to_date": "53.7500000000"},
        },
    }
    # The first version answers the same.
    assert api.post("/api/v1/charts/totals", headers=tenant.headers, json=MARCH).json() == answer


def test_chart_summary_per_day(api, tenant, books):
    r = api.post("/api/v1/charts/chart_summary_v2?include_drafts=true", headers=tenant.headers, json=MARCH)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "start_date": "2024-03-01",
        "end_date": "2024-03-31",
        "3": {
            "invoices": [{"total": "100.000000", "date": "2024-03-05", "currency_id": 3}],
            "outstanding": [{"total": "85.000000", "date": "2024-03-05", "currency_id": 3}],
            "payments": [{"total": "15.000000", "date": "2024-03-07", "currency_id": "3"}],
            "expenses": [{"total": "10.000000", "date": "2024-03-08", "currency_id": "3"}],
        },
        "1": {
            "invoices": [{"total": "21.000000", "date": "2024-03-05", "currency_id": 1},
                         {"total": "30.000000", "date": "2024-03-10", "currency_id": 1}],
            "outstanding": [{"total": "16.000000", "date": "2024-03-05", "currency_id": 1},
                            {"total": "0.000000", "date": "2024-03-10", "currency_id": 1}],
            "payments": [{"total": "5.000000", "date": "2024-03-06", "currency_id": "1"},
                         {"total": "30.000000", "date": "2024-03-10", "currency_id": "1"}],
            "expenses": [{"total": "7.250000", "date": "2024-03-05", "currency_id": "1"}],
        },
        "999": {
            "invoices": [{"total": "146.0000000000", "date": "2024-03-05"},
                         {"total": "30.0000000000", "date": "2024-03-10"}],
            "outstanding": [{"total": "122.2500000000", "date": "2024-03-05"},
                            {"total": "0.0000000000", "date": "2024-03-10"}],
            "payments": [{"total": "5.0000000000", "date": "2024-03-06", "currency_id": "1"},
                         {"total": "18.7500000000", "date": "2024-03-07", "currency_id": "1"},
                         {"total": "30.0000000000", "date": "2024-03-10", "currency_id": "1"}],
            "expenses": [{"amount": "7.250000000000", "date": "2024-03-05"},
                         {"amount": "11.000000000000", "date": "2024-03-08"}],
        },
    }
    assert api.post("/api/v1/charts/chart_summary", headers=tenant.headers, json=MARCH).json() == r.json()


def test_series_add_up_to_the_totals(api, tenant, books):
    totals = api.post("/api/v1/charts/totals_v2", headers=tenant.headers, json=MARCH).json()
    series = api.post("/api/v1/charts/chart_summary_v2", headers=tenant.headers, json=MARCH).json()
    for currency in ("1", "3"):
        day_sum = sum((Decimal(p["total"]) for p in series[currency]["invoices"]), Decimal(0))
        assert day_sum == Decimal(totals[currency]["invoices"]["invoiced_amount"])
        day_sum = sum((Decimal(p["total"]) for p in series[currency]["expenses"]), Decimal(0))
        assert day_sum == Decimal(totals[currency]["expenses"]["amount"])


def test_nothing_to_show(api, tenant, other_tenant, books):
    # Another company's books never show; upstream answers empty sums as {} and false.
    r = api.post("/api/v1/charts/totals_v2", headers=other_tenant.headers, json=MARCH)
    assert r.json() == {
        "currencies": {"1": "USD"}, "start_date": "2024-03-01", "end_date": "2024-03-31",
        "1": {"invoices": {}, "revenue": {}, "outstanding": {}, "expenses": {}},
        "999": {"invoices": False, "expense": False,
                "outstanding": {"amount": None, "outstanding_count": 0, "currency_id": None}, "revenue": False},
    }
    r = api.post("/api/v1/charts/chart_summary_v2", headers=other_tenant.headers, json=MARCH)
    empty = {"invoices": [], "outstanding": [], "payments": [], "expenses": []}
    assert r.json() == {"start_date": "2024-03-01", "end_date": "2024-03-31", "1": empty, "999": empty}


@pytest.mark.parametrize(("body", "first_month", "expected"), [
    ({}, "1", ("2024-04-25", "2024-05-15")),
    ({"date_range": "last7_days"}, "1", ("2024-05-08", "2024-05-15")),
    ({"date_range": "last30_days"}, "1", ("2024-04-15", "2024-05-15")),
    ({"date_range": "last365_days"}, "1", ("2023-05-16", "2024-05-15")),
    ({"date_range": "this_month"}, "1", ("2024-05-01", "2024-05-31")),
    ({"date_range": "all_time"}, "1", ("2024-05-01", "2024-05-31")),
    ({"date_range": "last_month"}, "1", ("2024-04-01", "2024-04-30")),
    ({"date_range": "this_quarter"}, "1", ("2024-04-01", "2024-06-30")),
    ({"date_range": "last_quarter"}, "1", ("2024-01-01", "2024-03-31")),
    ({"date_range": "this_year"}, "1", ("2024-01-01", "2024-12-31")),
    ({"date_range": "this_year"}, "7", ("2023-07-01", "2024-06-30")),
    ({"date_range": "last_year"}, "1", ("2023-01-01", "2023-12-31")),
    ({"date_range": "last_year"}, "7", ("2022-07-01", "2023-06-30")),
    ({"date_range": "custom", "start_date": "2024-02-01", "end_date": "2024-02-10"}, "1",
     ("2024-02-01", "2024-02-10")),
    ({"date_range": "custom"}, "1", ("2024-04-25", "2024-05-15")),
    ({"start_date": "2024-01-01"}, "1", ("2024-01-01", "2024-05-15")),
    ({"date_range": "this_month", "start_date": "2020-01-01"}, "1", ("2024-05-01", "2024-05-31")),
])
def test_date_ranges(api, tenant, session_factory, monkeypatch, body, first_month, expected):
    monkeypatch.setattr(service, "today", lambda: date(2024, 5, 15))
    with session_factory() as s:
        s.execute(update(Company).where(Company.id == tenant.company.id).values(first_month_of_year=first_month))
        s.commit()
    for path in ("totals_v2", "chart_summary_v2"):
        r = api.post(f"/api/v1/charts/{path}", headers=tenant.headers, json=body)
        assert r.status_code == 200, r.text
        assert (r.json()["start_date"], r.json()["end_date"]) == expected


def test_dates_in_the_period_count_at_both_ends(api, tenant, books):
    body = {"start_date": "2024-03-05", "end_date": "2024-03-05"}
    r = api.post("/api/v1/charts/chart_summary_v2", headers=tenant.headers, json=body).json()
    assert [p["date"] for p in r["1"]["invoices"]] == ["2024-03-05"]
    assert r["1"]["payments"] == []


@pytest.mark.parametrize(("body", "errors"), [
    ({"start_date": "soon"}, {"start_date": ["The start date is not a valid date."]}),
    ({"start_date": "2024-02-30", "end_date": 20240301},
     {"start_date": ["The start date is not a valid date."], "end_date": ["The end date is not a valid date."]}),
    ({"date_range": "forever"}, {"date_range": ["The selected date range is invalid."]}),
    ({"date_range": ["this_month"]}, {"date_range": ["The date range must be a string."]}),
])
def test_bad_input_is_a_422(api, tenant, body, errors):
    for path in ("totals", "chart_summary", "totals_v2", "chart_summary_v2"):
        r = api.post(f"/api/v1/charts/{path}", headers=tenant.headers, json=body)
        assert r.status_code == 422
        assert r.json() == {"message": "The given data was invalid.", "errors": errors}


def test_auth_and_permissions(api, tenant, session_factory, books):
    r = api.post("/api/v1/charts/totals_v2", json=MARCH)
    assert (r.status_code, r.json()) == (403, {"message": "Invalid token", "errors": {}})
    member = add_member(session_factory, tenant, "m@example.com", "m" * 64, permissions="view_client")
    r = api.post("/api/v1/charts/totals_v2", headers=member["headers"], json=MARCH)
    assert (r.status_code, r.json()) == (401, {"message": "This action is unauthorized."})
    # With view_dashboard a user who is not an admin sees only the rows they created.
    viewer = add_member(session_factory, tenant, "v@example.com", "v" * 64, permissions="view_dashboard")
    r = api.post("/api/v1/charts/totals_v2", headers=viewer["headers"], json=MARCH)
    assert r.status_code == 200
    assert r.json()["currencies"] == {"1": "USD"}
    assert r.json()["1"] == {"invoices": {}, "revenue": {}, "outstanding": {}, "expenses": {}}
