"""The scheduler books a recurring expense's cycles: one expense per cycle, exactly once."""

from datetime import datetime

import pytest
from sqlalchemy import func, select

from ninja_api import ids
from ninja_api.models import Activity, Company, Expense
from ninja_api.scheduler import jobs
from tests.job_env import env_for

MONROVIA = "34"  # UTC+0 all year


@pytest.fixture
def company_settings(session_factory, tenant):
    def apply(**values):
        with session_factory() as s:
            company = s.get(Company, tenant.company.id)
            company.settings = {**company.settings, **values}
            for name in ("mark_expenses_paid",):
                if name in values:
                    setattr(company, name, values.pop(name))
            s.commit()

    apply(timezone_id=MONROVIA)
    return apply


@pytest.fixture
def run_at(session_factory):
    def run(moment: datetime) -> jobs.Report:
        with session_factory() as s:
            return jobs.run(s, moment, env_for(session_factory))

    return run


def _make(api, tenant, query="?start=true", **body):
    body.setdefault("frequency_id", "5")
    r = api.post(f"/api/v1/recurring_expenses{query}", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _show(api, tenant, row):
    return api.get(f"/api/v1/recurring_expenses/{row['id']}", headers=tenant.headers).json()["data"]


def _expenses(api, tenant):
    return api.get("/api/v1/expenses?sort=number|asc", headers=tenant.headers).json()["data"]


def test_each_cycle_books_one_expense_and_moves_the_schedule(api, tenant, company_settings, run_at):
    vendor = api.post("/api/v1/vendors", headers=tenant.headers, json={"name": "Landlord"}).json()["data"]
    category = api.post("/api/v1/expense_categories", headers=tenant.headers, json={"name": "Rent"}).json()["data"]
    row = _make(api, tenant, vendor_id=vendor["id"], category_id=category["id"], amount="900.10",
                tax_name1="VAT", tax_rate1=0, tax_amount1="1.5", should_be_invoiced=True,
                public_notes="Rent :MONTH :YEAR", private_notes="Lease 4", custom_value1="flat",
                next_send_date="2026-10-31", remaining_cycles=2)

    report = run_at(datetime(2026, 10, 31, 12))
    assert report.count("expense") == 1 and report.failed == []
    [expense] = _expenses(api, tenant)
    assert {k: expense[k] for k in (
        "vendor_id", "category_id", "amount", "tax_name1", "tax_amount1", "should_be_invoiced", "public_notes",
        "private_notes", "custom_value1", "date", "number", "recurring_expense_id", "exchange_rate",
        "payment_date", "uses_inclusive_taxes", "calculate_tax_by_amount")} == {
        "vendor_id": vendor["id"], "category_id": category["id"], "amount": 900.1, "tax_name1": "VAT",
        "tax_amount1": 1.5, "should_be_invoiced": True, "public_notes": "Rent October 2026",
        "private_notes": "Lease 4", "custom_value1": "flat", "date": "2026-10-31", "number": "0001",
        "recurring_expense_id": row["id"], "exchange_rate": 1, "payment_date": "",
        "uses_inclusive_taxes": True, "calculate_tax_by_amount": True}
    moved = _show(api, tenant, row)
    # 31 October plus a month is the end of November, without overflow.
    assert (moved["next_send_date"], moved["remaining_cycles"], moved["last_sent_date"], moved["status_id"]) == (
        "2026-11-30 00:00:00", 1, "2026-10-31 12:00:00", "2")

    # The same moment again books nothing.
    assert run_at(datetime(2026, 10, 31, 12)).count("expense") == 0
    # Months later: the one cycle left is booked, dated its own day, and the schedule ends.
    assert run_at(datetime(2027, 3, 1)).count("expense") == 1
    assert [(e["date"], e["public_notes"], e["number"]) for e in _expenses(api, tenant)] == [
        ("2026-10-31", "Rent October 2026", "0001"), ("2026-11-30", "Rent November 2026", "0002")]
    done = _show(api, tenant, row)
    assert (done["remaining_cycles"], done["next_send_date"]) == (0, "2026-12-30 00:00:00")
    assert run_at(datetime(2028, 1, 1)).count("expense") == 0


def test_catch_up_and_what_is_not_due(api, tenant, company_settings, run_at, session_factory):
    company_settings(mark_expenses_paid=True)
    weekly = _make(api, tenant, frequency_id=2, next_send_date="2026-11-01", amount=10)
    _make(api, tenant, "", next_send_date="2026-11-01", amount=20)  # a draft
    paused = _make(api, tenant, next_send_date="2026-11-01", amount=30)
    api.post("/api/v1/recurring_expenses/bulk", headers=tenant.headers, json={"action": "stop", "ids": [paused["id"]]})
    archived = _make(api, tenant, next_send_date="2026-11-01", amount=40)
    api.post("/api/v1/recurring_expenses/bulk", headers=tenant.headers,
             json={"action": "archive", "ids": [archived["id"]]})

    report = run_at(datetime(2026, 11, 22, 1))
    assert report.count("expense") == 4
    booked = _expenses(api, tenant)
    assert [(e["date"], e["amount"], e["payment_date"]) for e in booked] == [
        ("2026-11-01", 10, "2026-11-01"), ("2026-11-08", 10, "2026-11-08"), ("2026-11-15", 10, "2026-11-15"),
        ("2026-11-22", 10, "2026-11-22")]
    assert _show(api, tenant, weekly)["next_send_date"] == "2026-11-29 00:00:00"
    with session_factory() as s:
        created = s.scalar(select(func.count()).select_from(Activity).where(
            Activity.activity_type_id == 34, Activity.expense_id.in_([ids.decode(e["id"]) for e in booked])))
        assert created == 4
        assert s.scalar(select(func.count()).select_from(Expense)) == 4
