"""Quote reminders from the scheduler: the first reminder on its day, once, mailed when enabled."""

import json
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from ninja_api import ids
from ninja_api.models import Activity
from tests.webhooks.test_delivery import Receiver

QUOTE_DATE, VALID_UNTIL = date(2031, 3, 1), date(2031, 3, 20)


def at(day: date, hour: int = 6) -> datetime:
    return datetime.combine(day, time(hour))


@pytest.fixture
def reminders_on(company_settings):
    def apply(schedule="after_quote_date", days=3, **more):
        company_settings(enable_quote_reminder1=True, quote_schedule_reminder1=schedule,
                         quote_num_days_reminder1=days, **more)

    apply()
    return apply


@pytest.fixture
def make_quote(api, tenant, client_row):
    def make(query="?mark_sent=true"):
        r = api.post(f"/api/v1/quotes{query}", headers=tenant.headers, json={
            "client_id": client_row["id"], "date": QUOTE_DATE.isoformat(), "due_date": VALID_UNTIL.isoformat(),
            "line_items": [{"quantity": 2, "cost": 60.25}]})
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return make


def _quote(api, tenant, quote):
    return api.get(f"/api/v1/quotes/{quote['id']}", headers=tenant.headers).json()["data"]


def _activities(session_factory, quote, type_id):
    with session_factory() as s:
        rows = s.scalars(select(Activity).where(Activity.quote_id == ids.decode(quote["id"]),
                                                Activity.activity_type_id == type_id)).all()
        return [(a.client_id, a.client_contact_id, a.user_id) for a in rows]


@pytest.mark.parametrize("schedule, days, day", [
    ("after_quote_date", 3, QUOTE_DATE + timedelta(days=3)),
    ("before_valid_until_date", 2, VALID_UNTIL - timedelta(days=2)),
    ("after_valid_until_date", 1, VALID_UNTIL + timedelta(days=1)),
])
def test_the_reminder_goes_out_on_its_day_once(api, tenant, reminders_on, make_quote, run_at, transport, schedule,
                                               days, day):
    reminders_on(schedule, days)
    quote = make_quote()
    assert run_at(at(day - timedelta(days=1))).reminded == {}
    assert transport.sent == []

    assert run_at(at(day)).reminded == {"quote_reminder1": [ids.decode(quote["id"])]}
    assert [(m.to, m.subject) for m in transport.sent] == [("a@acme.co", "Reminder: Quote 0001 from Demo Company")]
    shown = _quote(api, tenant, quote)
    assert (shown["status_id"], shown["reminder1_sent"], shown["reminder_last_sent"], shown["last_sent_date"]) == (
        "2", day.isoformat(), day.isoformat(), day.isoformat())

    # Later the same day, and the days after: it went out already.
    for moment in (at(day, 9), at(day + timedelta(days=1)), at(day + timedelta(days=days + 30))):
        assert run_at(moment).reminded == {}
    assert len(transport.sent) == 1


def test_the_client_calendar_decides_the_day(api, tenant, reminders_on, make_quote, run_at, transport,
                                             company_settings):
    company_settings(timezone_id="5")  # Los Angeles: UTC-8 in early March
    quote = make_quote()
    day = QUOTE_DATE + timedelta(days=3)
    assert run_at(at(day, 6)).reminded == {}  # still the 3rd in the client's calendar
    assert run_at(at(day, 9)).reminded == {"quote_reminder1": [ids.decode(quote["id"])]}


def test_the_default_wording_and_the_activity(api, tenant, reminders_on, make_quote, run_at, transport,
                                              session_factory):
    quote = make_quote()
    run_at(at(QUOTE_DATE + timedelta(days=3)))
    [mail] = transport.sent
    link = mail.html.split('href="')[1].split('"')[0]
    assert mail.html == (
        "<p>,</p><p>A reminder: quote 0001 for $120.50 from Demo Company is waiting for your answer. "
        f'Use the link below to view it.</p><p><a href="{link}">View Quote</a></p>')
    assert "/client/quote/" in link
    assert mail.text == (f"A reminder: quote 0001 for $120.50 from Demo Company is waiting for your answer."
                         f"\n\n{link}")
    with session_factory() as s:
        contact_id = s.scalars(select(Activity.client_contact_id).where(
            Activity.quote_id == ids.decode(quote["id"]), Activity.activity_type_id == 142)).one()
    assert _activities(session_factory, quote, 142) == [(ids.decode(quote["client_id"]), contact_id, tenant.user.id)]
    assert contact_id is not None
    # The reminder is not the quote's own e-mail (activity 20).
    assert _activities(session_factory, quote, 20) == []


def test_the_company_wording(api, tenant, reminders_on, make_quote, run_at, transport, company_settings):
    company_settings(email_quote_subject_reminder1="Still open: $number for $client",
                     email_quote_template_reminder1="<p>Quote $quote.number: $amount, valid until $due_date</p>",
                     email_subject_reminder1="the invoice reminder's subject")
    make_quote()
    run_at(at(QUOTE_DATE + timedelta(days=3)))
    [mail] = transport.sent
    assert mail.subject == "Still open: 0001 for Acme"
    assert mail.html == "<p>Quote 0001: $120.50, valid until 20/Mar/2031</p>"


@pytest.mark.parametrize("off", [{"enable_quote_reminder1": False}, {"send_reminders": False}],
                         ids=["reminder disabled", "send_reminders off"])
def test_nothing_is_sent_when_switched_off(api, tenant, reminders_on, make_quote, run_at, transport, company_settings,
                                           session_factory, off):
    company_settings(**off)
    quote = make_quote()
    receiver = Receiver()
    try:
        r = api.post("/api/v1/webhooks", headers=tenant.headers,
                     json={"target_url": receiver.url + "/remind", "event_id": "64"})
        assert r.status_code == 200, r.text
        day = QUOTE_DATE + timedelta(days=3)
        # As upstream, the reminder's day is used up all the same.
        assert run_at(at(day)).reminded == {"quote_reminder1": [ids.decode(quote["id"])]}
        assert _quote(api, tenant, quote)["reminder1_sent"] == day.isoformat()
        assert transport.sent == []
        assert receiver.requests == []
        assert _activities(session_factory, quote, 142) == []
    finally:
        receiver.close()


def _approve(api, tenant, quote):
    r = api.post("/api/v1/quotes/bulk", headers=tenant.headers, json={"action": "approve", "ids": [quote["id"]]})
    assert r.status_code == 200, r.text


def _convert(api, tenant, quote):
    r = api.post("/api/v1/quotes/bulk", headers=tenant.headers, json={"action": "convert_to_invoice",
                                                                      "ids": [quote["id"]]})
    assert r.status_code == 200, r.text


def _archive(api, tenant, quote):
    r = api.post("/api/v1/quotes/bulk", headers=tenant.headers, json={"action": "archive", "ids": [quote["id"]]})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("query, change, status", [
    ("", None, "1"), ("?mark_sent=true", _approve, "3"), ("?mark_sent=true", _convert, "4"),
    ("?mark_sent=true", _archive, "2"),
], ids=["draft", "approved", "converted", "archived"])
def test_quotes_not_waiting_for_an_answer_get_no_reminder(api, tenant, reminders_on, make_quote, run_at, transport,
                                                         query, change, status):
    quote = make_quote(query)
    if change is not None:
        change(api, tenant, quote)
    assert _quote(api, tenant, quote)["status_id"] == status
    assert run_at(at(QUOTE_DATE + timedelta(days=3))).reminded == {}
    assert transport.sent == []
    assert _quote(api, tenant, quote)["reminder1_sent"] == ""


def test_a_sent_reminder_fires_webhook_64_with_the_client(api, tenant, reminders_on, make_quote, run_at, client_row):
    receiver = Receiver()
    try:
        r = api.post("/api/v1/webhooks", headers=tenant.headers,
                     json={"target_url": receiver.url + "/remind", "event_id": "64"})
        assert r.status_code == 200, r.text
        hook = r.json()["data"]
        quote = make_quote()
        run_at(at(QUOTE_DATE + timedelta(days=3)))
        [(method, path, headers, body)] = receiver.requests
        sent = json.loads(body)
        assert (method, path, headers["X-Ninja-Event"]) == ("POST", "/remind", "64")
        assert (sent["id"], sent["reminder1_sent"], sent["client"]["id"], sent["client"]["name"]) == (
            quote["id"], "2031-03-04", client_row["id"], "Acme")
        [logged] = api.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=tenant.headers).json()["data"]
        assert (logged["event_id"], logged["entity"], logged["entity_id"], logged["status"]) == (
            "64", "quote", quote["id"], "delivered")
        run_at(at(QUOTE_DATE + timedelta(days=3), 9))
        assert len(receiver.requests) == 1
    finally:
        receiver.close()
