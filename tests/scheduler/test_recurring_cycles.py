"""A fake clock moved across the cycles: every generated invoice, and the schedule after each send."""

from datetime import date, datetime, time, timedelta

import pytest

from ninja_api import ids
from ninja_api.billing.keywords import MONTHS, add_months
from ninja_api.models import Company, Invoice, RecurringInvoice

MINUTE = timedelta(minutes=1)


def at_six(day: date) -> datetime:
    return datetime.combine(day, time(6))


def invoice(api, tenant, invoice_id: int) -> dict:
    return api.get(f"/api/v1/invoices/{ids.encode(invoice_id)}", headers=tenant.headers).json()["data"]


def recurring(api, tenant, row) -> dict:
    return api.get(f"/api/v1/recurring_invoices/{row['id']}", headers=tenant.headers).json()["data"]


def month_year(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def test_thirteen_monthly_cycles(api, tenant, make_recurring, reschedule, run_at, transport, client_row):
    row = make_recurring(
        remaining_cycles=13, public_notes="Period [MONTHYEAR|MONTHYEAR+1], :YEAR", terms="Due in :MONTHYEAR",
        private_notes="kept as is :MONTH",
        line_items=[{"quantity": 1, "cost": 100, "tax_name1": "GST", "tax_rate1": 10,
                     "notes": "Hosting :MONTH :YEAR (:MONTH+1 next, :QUARTER)"}])
    start = date(2025, 1, 15)
    reschedule(row, start)
    for k in range(13):
        day = add_months(start, k)
        assert run_at(at_six(day) - MINUTE).count("invoice") == 0, f"cycle {k} went out early"
        report = run_at(at_six(day))
        assert (report.count("invoice"), report.failed) == (1, [])
        made = invoice(api, tenant, report.generated["invoice"][0])
        following = add_months(day, 1)
        assert (made["number"], made["date"], made["due_date"], made["status_id"]) == \
            (f"{k + 1:04d}", day.isoformat(), (day + timedelta(days=14)).isoformat(), "2")
        assert (made["amount"], made["balance"], made["total_taxes"], made["recurring_id"]) == (110, 110, 10, row["id"])
        quarter = (day.month - 1) // 3 + 1
        assert made["line_items"][0]["notes"] == \
            f"Hosting {MONTHS[day.month - 1]} {day.year} ({MONTHS[following.month - 1]} next, Q{quarter})"
        assert made["public_notes"] == f"Period {month_year(day)} to {month_year(following)}, {day.year}"
        assert (made["terms"], made["private_notes"]) == (f"Due in {month_year(day)}", "kept as is :MONTH")
        assert [i["client_contact_id"] for i in made["invitations"]] == [client_row["contacts"][0]["id"]]
        state = recurring(api, tenant, row)
        assert (state["remaining_cycles"], state["last_sent_date"]) == (12 - k, f"{day} 06:00:00")
        if k < 12:
            assert (state["status_id"], state["next_send_date"], state["next_send_datetime"]) == \
                ("2", f"{following} 00:00:00", f"{following} 06:00:00")
    assert (state["status_id"], state["remaining_cycles"], state["next_send_datetime"]) == ("4", 0, "")
    assert run_at(datetime(2030, 1, 1)).count("invoice") == 0
    assert [m.to for m in transport.sent] == ["a@acme.co"] * 13
    assert [m.subject for m in transport.sent][:2] == ["New invoice 0001 from Demo Company",
                                                       "New invoice 0002 from Demo Company"]
    client = api.get(f"/api/v1/clients/{client_row['id']}", headers=tenant.headers).json()["data"]
    assert client["balance"] == 13 * 110


CASES = {
    # frequency, first day, cycles, due_date_days, [(date, due date) of every invoice]
    "weekly": ("2", date(2025, 3, 3), 5, "on_receipt",
               [(date(2025, 3, 3) + timedelta(weeks=n),) * 2 for n in range(5)]),
    # Months move without overflow and carry on from the shortened day, as upstream's Carbon does.
    "monthly from the 31st": ("5", date(2024, 1, 31), 5, "31",
                              [(date(2024, 1, 31), date(2024, 2, 29)), (date(2024, 2, 29), date(2024, 3, 31)),
                               (date(2024, 3, 29), date(2024, 3, 31)), (date(2024, 4, 29), date(2024, 4, 30)),
                               (date(2024, 5, 29), date(2024, 5, 31))]),
    # Years overflow: 29 February plus a year is 1 March.
    "annually from 29 February": ("10", date(2024, 2, 29), 3, "10",
                                  [(date(2024, 2, 29), date(2024, 3, 10)), (date(2025, 3, 1), date(2025, 3, 10)),
                                   (date(2026, 3, 1), date(2026, 3, 10))]),
    "every two weeks, terms": ("3", date(2025, 6, 30), 2, "terms",
                               [(date(2025, 6, 30), date(2025, 7, 14)), (date(2025, 7, 14), date(2025, 7, 28))]),
    "every three months": ("7", date(2025, 11, 30), 2, "on_receipt",
                           [(date(2025, 11, 30),) * 2, (date(2026, 2, 28),) * 2]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_frequencies(api, tenant, make_recurring, reschedule, run_at, case):
    frequency, first, cycles, due_days, expected = CASES[case]
    row = make_recurring(frequency_id=frequency, remaining_cycles=cycles, due_date_days=due_days,
                         line_items=[{"quantity": 3, "cost": "9.99"}])
    reschedule(row, first)
    seen = []
    for day, _ in expected:
        report = run_at(at_six(day))
        assert report.count("invoice") == 1, (day, report)
        made = invoice(api, tenant, report.generated["invoice"][0])
        seen.append((date.fromisoformat(made["date"]), date.fromisoformat(made["due_date"])))
        assert made["amount"] == 29.97
    assert seen == expected
    state = recurring(api, tenant, row)
    assert (state["status_id"], state["remaining_cycles"]) == ("4", 0)


def test_a_late_run_catches_up_every_cycle_with_its_own_date(api, tenant, make_recurring, reschedule, run_at):
    row = make_recurring(frequency_id="2", remaining_cycles=-1, line_items=[{"quantity": 1, "cost": 5,
                                                                            "notes": "Week of :WEEK"}])
    reschedule(row, date(2025, 3, 3))
    report = run_at(datetime(2025, 3, 20))
    made = [invoice(api, tenant, i) for i in report.generated["invoice"]]
    assert [(m["number"], m["date"]) for m in made] == [("0001", "2025-03-03"), ("0002", "2025-03-10"),
                                                        ("0003", "2025-03-17")]
    assert made[0]["line_items"][0]["notes"] == "Week of 03/Mar/2025 to 09/Mar/2025"
    state = recurring(api, tenant, row)
    assert (state["status_id"], state["remaining_cycles"], state["next_send_date"]) == \
        ("2", -1, "2025-03-24 00:00:00")


def test_only_active_rows_of_live_clients_are_sent(api, tenant, make_recurring, reschedule, run_at, session_factory):
    draft = make_recurring(query="")
    paused = make_recurring(query="?start=true&stop=true")
    archived = make_recurring()
    deleted = make_recurring()
    other_client = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Gone"}).json()["data"]
    orphan = make_recurring(client_id=other_client["id"])
    for row in (draft, paused, archived, deleted, orphan):
        reschedule(row, date(2025, 1, 1))
    api.post("/api/v1/recurring_invoices/bulk", headers=tenant.headers, json={"action": "archive", "ids": [archived["id"]]})
    api.delete(f"/api/v1/recurring_invoices/{deleted['id']}", headers=tenant.headers)
    api.delete(f"/api/v1/clients/{other_client['id']}", headers=tenant.headers)
    assert run_at(datetime(2025, 6, 1)).generated == {}


def test_without_auto_email_the_invoice_stays_a_draft(api, tenant, make_recurring, reschedule, run_at, transport,
                                                      company_settings):
    company_settings(auto_email_invoice=False, recurring_number_prefix="R")
    row = make_recurring(line_items=[{"quantity": 1, "cost": 20}])
    reschedule(row, date(2025, 1, 1))
    made = invoice(api, tenant, run_at(at_six(date(2025, 1, 1))).generated["invoice"][0])
    # Numbered when saved, with the recurring prefix; not sent, so no balance and no mail.
    assert (made["status_id"], made["number"], made["balance"], made["amount"]) == ("1", "R0001", 0, 20)
    assert transport.sent == []
    # Marked sent later, it keeps its number; a second cycle numbers with the prefix too.
    api.get(f"/api/v1/invoices/{made['id']}/mark_sent", headers=tenant.headers)
    run_at(at_six(date(2025, 2, 1)))
    numbers = [i["number"] for i in api.get("/api/v1/invoices?sort=id|asc", headers=tenant.headers).json()["data"]]
    assert numbers == ["R0001", "R0002"]


def test_numbers_wait_for_sending_when_counter_number_applied_is_when_sent(api, tenant, make_recurring, reschedule,
                                                                         run_at, company_settings):
    company_settings(auto_email_invoice=False, counter_number_applied="when_sent", recurring_number_prefix="R-")
    row = make_recurring()
    reschedule(row, date(2025, 1, 1))
    made = invoice(api, tenant, run_at(at_six(date(2025, 1, 1))).generated["invoice"][0])
    assert made["number"] == ""
    sent = api.get(f"/api/v1/invoices/{made['id']}/mark_sent", headers=tenant.headers).json()["data"]
    assert sent["number"] == "R-0001"


@pytest.mark.parametrize("auto_bill, flag", [("always", True), ("off", False), ("optin", False), ("optout", True)])
def test_auto_bill_decides_the_invoice_flag(api, tenant, make_recurring, reschedule, run_at, transport, auto_bill, flag):
    row = make_recurring(auto_bill=auto_bill, due_date_days="on_receipt", line_items=[{"quantity": 1, "cost": 20}])
    reschedule(row, date(2025, 1, 1))
    made = invoice(api, tenant, run_at(at_six(date(2025, 1, 1))).generated["invoice"][0])
    assert (made["auto_bill_enabled"], made["status_id"], made["balance"]) == (flag, "2", 20)
    # Nothing could be charged (no gateways), so the invoice is e-mailed either way.
    assert len(transport.sent) == 1


def test_stop_on_unpaid_holds_the_next_invoice(api, tenant, make_recurring, reschedule, run_at, session_factory):
    with session_factory() as s:
        s.get(Company, tenant.company.id).stop_on_unpaid_recurring = True
        s.commit()
    row = make_recurring(line_items=[{"quantity": 1, "cost": 20}])
    reschedule(row, date(2025, 1, 1))
    first = run_at(at_six(date(2025, 1, 1))).generated["invoice"][0]
    assert run_at(at_six(date(2025, 2, 1))).generated == {}
    api.get(f"/api/v1/invoices/{ids.encode(first)}/mark_paid", headers=tenant.headers)
    # Paid now; the schedule was more than three days behind, so it restarts from today.
    report = run_at(at_six(date(2025, 2, 10)))
    made = invoice(api, tenant, report.generated["invoice"][0])
    assert made["date"] == "2025-02-10"
    assert recurring(api, tenant, row)["next_send_date"] == "2025-03-10 00:00:00"


def test_the_client_timezone_and_send_time_decide_the_moment(api, tenant, make_recurring, reschedule, run_at,
                                                            company_settings):
    company_settings(timezone_id="105", entity_send_time=9)  # Australia/Sydney, 09:00
    row = make_recurring(line_items=[{"quantity": 1, "cost": 1, "notes": ":MONTH"}])
    moment = reschedule(row, date(2025, 4, 1))
    # 09:00 in Sydney (UTC+11 until 6 April) is 22:00 UTC the day before.
    assert moment == datetime(2025, 3, 31, 22, 0)
    assert run_at(moment - MINUTE).generated == {}
    made = invoice(api, tenant, run_at(moment).generated["invoice"][0])
    assert (made["date"], made["line_items"][0]["notes"]) == ("2025-04-01", "April")
    # In May Sydney is UTC+10: the next moment keeps 09:00 local.
    assert recurring(api, tenant, row)["next_send_datetime"] == "2025-04-30 23:00:00"


def test_a_failing_row_does_not_stop_the_others(api, tenant, make_recurring, reschedule, run_at, session_factory,
                                                monkeypatch):
    good, bad = make_recurring(), make_recurring()
    reschedule(good, date(2025, 1, 1))
    due = reschedule(bad, date(2025, 1, 1))
    from ninja_api.recurring import generate

    real = generate.send

    def flaky(session, ctx, kind, doc, cycle, now):
        if doc.id == ids.decode(bad["id"]):
            raise RuntimeError("boom")
        return real(session, ctx, kind, doc, cycle, now)

    monkeypatch.setattr(generate, "send", flaky)
    report = run_at(at_six(date(2025, 1, 1)))
    assert (report.count("invoice"), report.failed) == (1, [("recurring_invoice", ids.decode(bad["id"]), "boom")])
    # The failed cycle rolled back whole: its schedule did not move, and it is sent on the next run.
    with session_factory() as s:
        assert s.get(RecurringInvoice, ids.decode(bad["id"])).next_send_date == due
        assert s.query(Invoice).filter_by(company_id=tenant.company.id).count() == 1
    monkeypatch.setattr(generate, "send", real)
    assert run_at(at_six(date(2025, 1, 1))).count("invoice") == 1
