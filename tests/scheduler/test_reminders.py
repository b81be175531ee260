"""Invoice reminders from the scheduler: once per window, with the late fee, mailed when enabled."""

from datetime import date, datetime, time, timedelta

import pytest

from ninja_api import ids

DUE = date(2031, 3, 10)


def at(day: date, hour: int = 6) -> datetime:
    return datetime.combine(day, time(hour))


@pytest.fixture
def overdue(api, tenant, client_row, company_settings):
    company_settings(schedule_reminder1="after_due_date", num_days_reminder1="3", enable_reminder1=True,
                     late_fee_amount1="5", late_fee_percent1="10", endless_reminder_frequency_id="1",
                     enable_reminder_endless=True, late_fee_endless_amount="1", late_fee_endless_percent="0")
    r = api.post("/api/v1/invoices?mark_sent=true", headers=tenant.headers, json={
        "client_id": client_row["id"], "date": "2031-03-01", "due_date": DUE.isoformat(),
        "line_items": [{"quantity": 1, "cost": 100}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _invoice(api, tenant, invoice):
    return api.get(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers).json()["data"]


def test_first_reminder_on_its_day_with_the_late_fee_then_endless_ones(api, tenant, overdue, run_at, transport,
                                                                        client_row):
    assert run_at(at(DUE + timedelta(days=2))).reminded == {}
    assert transport.sent == []

    report = run_at(at(DUE + timedelta(days=3)))
    assert report.reminded == {"reminder1": [ids.decode(overdue["id"])]}
    invoice = _invoice(api, tenant, overdue)
    # 5 plus 10 % of the balance of 100.
    fee = invoice["line_items"][-1]
    assert (fee["type_id"], fee["product_key"], fee["cost"], fee["quantity"], fee["notes"]) == (
        "5", "Fee", 15, 1, "Late fee added on 13/Mar/2031")  # the company date format
    assert (invoice["amount"], invoice["balance"], invoice["reminder1_sent"], invoice["reminder_last_sent"]) == (
        115, 115, "2031-03-13", "2031-03-13")
    client = api.get(f"/api/v1/clients/{client_row['id']}", headers=tenant.headers).json()["data"]
    assert client["balance"] == 115
    assert [(m.to, m.subject) for m in transport.sent] == [("a@acme.co", "Reminder: Invoice 0001 from Demo Company")]

    # The same day again, from this process or another: nothing more.
    assert run_at(at(DUE + timedelta(days=3), 9)).reminded == {}
    assert len(transport.sent) == 1

    # Daily endless reminders follow, each with its own fee of 1.
    assert run_at(at(DUE + timedelta(days=4))).reminded == {"reminder_endless": [ids.decode(overdue["id"])]}
    invoice = _invoice(api, tenant, overdue)
    assert (invoice["amount"], invoice["balance"], invoice["reminder_last_sent"]) == (116, 116, "2031-03-14")
    assert [m.subject for m in transport.sent][-1] == "Reminder: Invoice 0001 from Demo Company"


def test_a_disabled_reminder_adds_its_fee_but_sends_nothing(api, tenant, overdue, run_at, transport, company_settings):
    company_settings(enable_reminder1=False)
    assert run_at(at(DUE + timedelta(days=3))).reminded == {"reminder1": [ids.decode(overdue["id"])]}
    assert _invoice(api, tenant, overdue)["balance"] == 115
    assert transport.sent == []


def test_paid_invoices_get_no_reminder(api, tenant, overdue, run_at, transport):
    api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"ids": [overdue["id"]], "action": "mark_paid"})
    assert run_at(at(DUE + timedelta(days=3))).reminded == {}
    assert transport.sent == []


def test_a_sent_reminder_fires_the_remind_invoice_webhook(api, tenant, overdue, run_at, session_factory):
    from sqlalchemy import select

    from ninja_api.models import WebhookDelivery

    r = api.post("/api/v1/webhooks", headers=tenant.headers,
                 json={"target_url": "https://hooks.example.com/remind", "event_id": 24})
    assert r.status_code == 200, r.text
    run_at(at(DUE + timedelta(days=3)))
    with session_factory() as s:
        rows = s.scalars(select(WebhookDelivery).where(WebhookDelivery.event_id == 24)).all()
        assert [(d.entity, d.entity_id, d.status) for d in rows] == [("invoice", ids.decode(overdue["id"]), "pending")]
