"""Webhook 22 ("late invoice"): fired once for each invoice whose due date was yesterday."""

from datetime import date, datetime, time, timedelta


def _hook(api, tenant, event_id="22"):
    r = api.post("/api/v1/webhooks", headers=tenant.headers,
                 json={"target_url": "http://127.0.0.1:9/late", "event_id": event_id})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _deliveries(api, tenant, hook):
    return api.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=tenant.headers).json()["data"]


def _invoice(api, tenant, client_row, due: date, query="?mark_sent=true", cost=50):
    r = api.post(f"/api/v1/invoices{query}", headers=tenant.headers, json={
        "client_id": client_row["id"], "due_date": due.isoformat(), "line_items": [{"quantity": 1, "cost": cost}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_late_invoices_fire_once(api, tenant, other_tenant, client_row, run_at):
    today = date(2026, 12, 3)
    hook = _hook(api, tenant)
    late = _invoice(api, tenant, client_row, today - timedelta(days=1))
    _invoice(api, tenant, client_row, today - timedelta(days=2))  # late since the day before: fired then
    _invoice(api, tenant, client_row, today)  # due today: not late yet
    _invoice(api, tenant, client_row, today - timedelta(days=1), query="")  # a draft owes nothing
    _invoice(api, tenant, client_row, today - timedelta(days=1), cost=0)  # nothing to pay
    moment = datetime.combine(today, time(7))
    assert [d["entity_id"] for d in _deliveries(api, tenant, hook)] == []
    report = run_at(moment)
    assert len(report.late) == 1
    [delivery] = _deliveries(api, tenant, hook)
    assert (delivery["event_id"], delivery["entity"], delivery["entity_id"]) == ("22", "invoice", late["id"])
    run_at(moment + timedelta(hours=5))
    assert len(_deliveries(api, tenant, hook)) == 1


def test_companies_without_the_webhook_fire_nothing(api, tenant, client_row, run_at):
    other = _hook(api, tenant, "2")
    _invoice(api, tenant, client_row, date(2026, 12, 2))
    created = len(_deliveries(api, tenant, other))
    assert run_at(datetime(2026, 12, 3, 7)).late == []
    assert len(_deliveries(api, tenant, other)) == created
