"""Webhook 23 ("expired quote"): fired once for each sent quote whose valid-until date was yesterday."""

import json
from datetime import date, datetime, time, timedelta

import pytest

from ninja_api.models import Company
from tests.webhooks.test_delivery import Receiver

TODAY = date(2031, 6, 10)


@pytest.fixture
def receiver():
    found = Receiver()
    yield found
    found.close()


def _hook(api, tenant, receiver, event_id="23"):
    r = api.post("/api/v1/webhooks", headers=tenant.headers,
                 json={"target_url": f"{receiver.url}/{event_id}", "event_id": event_id})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _deliveries(api, tenant, hook):
    return api.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=tenant.headers).json()["data"]


def _quote(api, tenant, client_row, valid_until: date, query="?mark_sent=true", action=None):
    r = api.post(f"/api/v1/quotes{query}", headers=tenant.headers, json={
        "client_id": client_row["id"], "date": "2031-06-01", "due_date": valid_until.isoformat(),
        "line_items": [{"quantity": 1, "cost": 40}]})
    assert r.status_code == 200, r.text
    quote = r.json()["data"]
    if action is not None:
        r = api.post("/api/v1/quotes/bulk", headers=tenant.headers, json={"action": action, "ids": [quote["id"]]})
        assert r.status_code == 200, r.text
    return quote


def test_expired_quotes_fire_once(api, tenant, client_row, run_at, receiver):
    hook = _hook(api, tenant, receiver)
    yesterday = TODAY - timedelta(days=1)
    expired = _quote(api, tenant, client_row, yesterday)
    _quote(api, tenant, client_row, TODAY - timedelta(days=2))  # expired the day before: fired then
    due_today = _quote(api, tenant, client_row, TODAY)  # valid all of today
    _quote(api, tenant, client_row, yesterday, query="")  # a draft was never offered
    _quote(api, tenant, client_row, yesterday, action="approve")  # answered in time
    _quote(api, tenant, client_row, yesterday, action="archive")
    _quote(api, tenant, client_row, yesterday, action="delete")
    moment = datetime.combine(TODAY, time(7))

    report = run_at(moment)
    assert len(report.expired) == 1
    [(method, path, headers, body)] = receiver.requests
    sent = json.loads(body)
    assert (method, path, headers["X-Ninja-Event"]) == ("POST", "/23", "23")
    assert (sent["id"], sent["due_date"], sent["client"]["id"]) == (expired["id"], "2031-06-09", client_row["id"])
    [delivery] = _deliveries(api, tenant, hook)
    assert (delivery["event_id"], delivery["entity"], delivery["entity_id"], delivery["status"]) == (
        "23", "quote", expired["id"], "delivered")

    assert run_at(moment + timedelta(hours=5)).expired == []
    assert len(receiver.requests) == 1
    # The next day the quote valid until today has expired, and only that one fires.
    assert len(run_at(moment + timedelta(days=1)).expired) == 1
    assert [json.loads(r[3])["id"] for r in receiver.requests] == [expired["id"], due_today["id"]]


def _paths(receiver):
    return [path for _, path, _, _ in receiver.requests]


def test_companies_without_the_webhook_or_disabled_fire_nothing(api, tenant, client_row, run_at, receiver,
                                                                session_factory):
    other = _hook(api, tenant, receiver, "3")
    _quote(api, tenant, client_row, TODAY - timedelta(days=1))
    assert run_at(datetime.combine(TODAY, time(7))).expired == []
    assert [d["event_id"] for d in _deliveries(api, tenant, other)] == ["3"]  # the quote's creation

    _hook(api, tenant, receiver)
    with session_factory() as s:
        s.get(Company, tenant.company.id).is_disabled = True
        s.commit()
    assert run_at(datetime.combine(TODAY, time(8))).expired == []
    assert _paths(receiver) == ["/3"]


def test_quotes_of_archived_clients_fire_nothing(api, tenant, client_row, run_at, receiver):
    _hook(api, tenant, receiver)
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Gone", "contacts": [{"email": "g@gone.co"}]})
    gone = r.json()["data"]
    _quote(api, tenant, gone, TODAY - timedelta(days=1))
    r = api.post("/api/v1/clients/bulk", headers=tenant.headers, json={"action": "archive", "ids": [gone["id"]]})
    assert r.status_code == 200, r.text
    assert run_at(datetime.combine(TODAY, time(7))).expired == []
    assert receiver.requests == []
