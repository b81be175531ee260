"""Reminder schedule text, the is_locked extra, and the endless-reminder calendar."""

from datetime import date, timedelta

import pytest

from ninja_api.billing.settings import company_today
from ninja_api.invoices.reminders import add_months, next_endless
from ninja_api.models import Company


def set_company(session_factory, tenant, **values):
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, **values}
        s.commit()


def test_reminder_schedule_only_when_asked(api, tenant, make_invoice, session_factory):
    set_company(session_factory, tenant, schedule_reminder1="after_due_date", num_days_reminder1=7,
                enable_reminder1=True, enable_reminder2=False, schedule_reminder2="before_due_date",
                num_days_reminder2=3, schedule_reminder3="disabled", enable_reminder_endless=True,
                endless_reminder_frequency_id="5")
    inv = make_invoice()
    plain = api.get(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers).json()["data"]
    assert "reminder_schedule" not in plain and "is_locked" not in plain
    data = api.get(f"/api/v1/invoices/{inv['id']}?reminder_schedule=true", headers=tenant.headers).json()["data"]
    assert data["reminder_schedule"] == (
        "First Reminder: 7 Days After the due date [Send Email Disabled]<br>"
        "Second Reminder: 3 Days Before the due date [Send Email Disabled]<br>"
        "Third Reminder: Disabled<br>"
        "Endless Reminders: Monthly [Send Email Enabled]<br>"
    )
    # It follows the transformer's fields and precedes the includes.
    keys = list(data)
    assert keys.index("location_id") + 1 == keys.index("reminder_schedule") < keys.index("invitations")


def test_is_locked_follows_lock_invoices(api, tenant, make_invoice, session_factory):
    set_company(session_factory, tenant, lock_invoices="when_sent")
    draft = make_invoice()
    sent = make_invoice("?mark_sent=true")
    r = api.get("/api/v1/invoices?is_locked=true", headers=tenant.headers).json()["data"]
    assert {i["id"]: i["is_locked"] for i in r} == {draft["id"]: False, sent["id"]: True}


def test_is_locked_uses_the_client_group(api, tenant, session_factory, query_counter):
    from ninja_api import ids
    from ninja_api.models import Client, GroupSetting

    clients = [api.post("/api/v1/clients", headers=tenant.headers, json={"name": n}).json()["data"] for n in "AB"]
    with session_factory() as s:
        group = GroupSetting(company_id=tenant.company.id, user_id=tenant.user.id, name="G",
                             settings={"lock_invoices": "when_sent"})
        s.add(group)
        s.flush()
        s.get(Client, ids.decode(clients[0]["id"])).group_settings_id = group.id
        s.commit()
    for client in clients:
        api.post("/api/v1/invoices?mark_sent=true", headers=tenant.headers, json={"client_id": client["id"]})
    r = api.get("/api/v1/invoices?is_locked=true", headers=tenant.headers).json()["data"]
    assert {i["client_id"]: i["is_locked"] for i in r} == {clients[0]["id"]: True, clients[1]["id"]: False}
    # Clients and groups load once for the page, not once per invoice.
    with query_counter as few:
        api.get("/api/v1/invoices?is_locked=true&reminder_schedule=true", headers=tenant.headers)
    for client in clients * 3:
        api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client["id"]})
    with query_counter as many:
        api.get("/api/v1/invoices?is_locked=true&reminder_schedule=true", headers=tenant.headers)
    assert many.count == few.count


@pytest.mark.parametrize("start,months,expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 5, 15), 12, date(2027, 5, 15)),
])
def test_add_months_does_not_overflow(start, months, expected):
    assert add_months(start, months) == expected


def test_next_endless():
    assert next_endless(date(2026, 1, 31), "2") == date(2026, 2, 7)
    assert next_endless(date(2026, 1, 31), "5") == date(2026, 2, 28)
    assert next_endless(None, "5") is None
    assert next_endless(date(2026, 1, 31), "0") is None


def test_endless_reminder_template(api, tenant, make_invoice, session_factory, app):
    from ninja_api import ids
    from ninja_api.models import Invoice

    set_company(session_factory, tenant, endless_reminder_frequency_id="2",
                email_subject_reminder_endless="Still open: $number")
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 5}])
    with session_factory() as s:
        row = s.get(Invoice, ids.decode(inv["id"]))
        row.reminder_last_sent = company_today(tenant.company) - timedelta(days=7)
        s.commit()
    api.get(f"/api/v1/invoices/{inv['id']}/email", headers=tenant.headers)
    assert app.state.mailer.sent[0].subject == "Still open: 0001"
