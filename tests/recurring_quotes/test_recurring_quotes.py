"""Recurring quotes: the recurring machine over quotes, in upstream's recurring quote JSON."""

from datetime import datetime, timedelta

from ninja_api import ids
from ninja_api.billing.keywords import add_months
from ninja_api.mail.transport import MemoryTransport
from ninja_api.models import Activity, Company, Quote, RecurringQuote
from ninja_api.models.base import utcnow
from ninja_api.scheduler import jobs
from tests.job_env import env_for
from tests.recurring_invoices.helpers import expected, line, set_company

BASE = "/api/v1/recurring_quotes"


def test_blank(api, tenant):
    data = api.get(f"{BASE}/create", headers=tenant.headers).json()["data"]
    blank = {"id": "", "user_id": data["user_id"], "client_id": "", "created_at": 0, "updated_at": 0}
    assert list(data) == list(expected(blank, quote=True))
    assert data == expected(blank, quote=True, number="", design_id="", exchange_rate=0)


def test_store_renders_the_recurring_quote(api, tenant, make_recurring_quote, session_factory):
    set_company(session_factory, tenant, payment_terms="7")
    first = utcnow().date() + timedelta(days=2)
    data = make_recurring_quote("?start=true", remaining_cycles=2, next_send_date=first.isoformat(),
                                line_items=[{"quantity": 4, "cost": 5, "notes": "Retainer :MONTH"}])
    invitation = data["invitations"][0]
    assert invitation["link"] == f"https://ninja.test/client/recurring_quote/{invitation['key']}"
    second = add_months(first, 1)
    # Upstream's recurring quote lists its coming dates always, and has no separate UTC moment.
    assert data == expected(
        data, quote=True, status_id="2", amount=20, balance=20, remaining_cycles=2,
        next_send_date=f"{first} 00:00:00",
        recurring_dates=[{"send_date": d.isoformat(), "due_date": (d + timedelta(days=7)).isoformat()}
                         for d in (first, second)],
        line_items=[line(quantity=4, net_cost=5, cost=5, notes="Retainer :MONTH", is_amount_discount=True,
                         line_total=20, gross_line_total=20)],
    )
    with session_factory() as s:
        row = s.get(RecurringQuote, ids.decode(data["id"]))
        assert s.query(Activity).filter_by(recurring_quote_id=row.id).one().activity_type_id == 110


def test_numbers_use_the_recurring_quote_counter(api, tenant, make_recurring_quote, session_factory):
    set_company(session_factory, tenant, recurring_quote_number_counter=41)
    assert make_recurring_quote()["number"] == "0041"
    assert make_recurring_quote()["number"] == "0042"
    # The recurring invoice counter is untouched.
    with session_factory() as s:
        assert s.get(Company, tenant.company.id).settings["recurring_invoice_number_counter"] == 1


def test_validation_and_bulk(api, tenant, make_recurring_quote, client_row):
    r = api.post(BASE, headers=tenant.headers, json={"client_id": client_row["id"]})
    assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.",
                                               "errors": {"frequency_id": ["The frequency id field is required."]}})
    row = make_recurring_quote()
    r = api.post(f"{BASE}/bulk", headers=tenant.headers, json={"action": "start", "ids": [row["id"]]})
    assert [q["status_id"] for q in r.json()["data"]] == ["2"]
    r = api.post(f"{BASE}/bulk", headers=tenant.headers, json={"action": "archive", "ids": [row["id"]]})
    assert r.json()["data"][0]["archived_at"] > 0
    r = api.post(f"{BASE}/bulk", headers=tenant.headers, json={"action": "convert", "ids": [row["id"]]})
    assert r.json() == {"message": "The given data was invalid.", "errors": {"action": ["The selected action is invalid."]}}
    assert [q["number"] for q in api.get(f"{BASE}?client_status=active", headers=tenant.headers).json()["data"]] \
        == [row["number"]]


def test_the_scheduler_generates_sent_quotes(api, tenant, make_recurring_quote, session_factory):
    set_company(session_factory, tenant, timezone_id="34", payment_terms="10", quote_number_counter=5)
    row = make_recurring_quote("?start=true", remaining_cycles=2, terms="Valid in :MONTHYEAR",
                               line_items=[{"quantity": 1, "cost": 80, "notes": ":MONTH retainer"}])
    with session_factory() as s:
        doc = s.get(RecurringQuote, ids.decode(row["id"]))
        doc.next_send_date_client = datetime(2025, 6, 1)
        doc.next_send_date = datetime(2025, 6, 1, 6)
        s.commit()
    transport = MemoryTransport()
    with session_factory() as s:
        report = jobs.run(s, datetime(2025, 7, 15), env_for(session_factory, transport))
    assert (report.count("quote"), report.count("invoice"), report.failed) == (2, 0, [])
    quotes = [api.get(f"/api/v1/quotes/{ids.encode(i)}", headers=tenant.headers).json()["data"]
              for i in report.generated["quote"]]
    # Sent; their validity already lies behind today's clock, so they read as expired (-1, computed).
    assert [(q["number"], q["date"], q["due_date"], q["status_id"], q["amount"], q["balance"]) for q in quotes] == [
        ("0005", "2025-06-01", "2025-06-11", "-1", 80, 80), ("0006", "2025-07-01", "2025-07-11", "-1", 80, 80)]
    with session_factory() as s:
        assert [q.status_id for q in s.query(Quote).filter_by(company_id=tenant.company.id).order_by(Quote.id)] == [2, 2]
    assert [(q["line_items"][0]["notes"], q["terms"]) for q in quotes] == [
        ("June retainer", "Valid in June 2025"), ("July retainer", "Valid in July 2025")]
    assert [m.subject for m in transport.sent] == ["New quote 0005 from Demo Company", "New quote 0006 from Demo Company"]
    state = api.get(f"{BASE}/{row['id']}", headers=tenant.headers).json()["data"]
    assert (state["status_id"], state["remaining_cycles"], state["recurring_dates"]) == ("4", 0, [])


def test_list_envelope(api, tenant, make_recurring_quote):
    row = make_recurring_quote()
    r = api.get(BASE, headers=tenant.headers)
    assert (r.status_code, r.json()) == (200, {"data": [row], "meta": {"pagination": {
        "total": 1, "count": 1, "per_page": 20, "current_page": 1, "total_pages": 1, "links": {}}}})
    assert api.get(f"{BASE}/{row['id']}/edit", headers=tenant.headers).json()["data"] == row
    deleted = api.delete(f"{BASE}/{row['id']}", headers=tenant.headers).json()["data"]
    assert deleted == {**row, "is_deleted": True, "archived_at": deleted["archived_at"], "updated_at": deleted["updated_at"]}
