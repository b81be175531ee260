"""Blank, store, show, edit, update and destroy, with upstream's exact JSON and error bodies."""

from datetime import timedelta

from ninja_api import ids
from ninja_api.billing.keywords import add_months
from ninja_api.models import Activity, RecurringInvoice
from ninja_api.models.base import utcnow
from tests.recurring_invoices.helpers import expected, line, set_company

BASE = "/api/v1/recurring_invoices"


def today() -> str:
    return utcnow().date().isoformat()


def in_days(n: int) -> str:
    return (utcnow().date() + timedelta(days=n)).isoformat()


def test_blank(api, tenant):
    r = api.get(f"{BASE}/create", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    blank = {"id": "", "user_id": data["user_id"], "client_id": "", "created_at": 0, "updated_at": 0}
    assert list(data) == list(expected(blank, number=""))
    assert data == expected(blank, number="", design_id="", exchange_rate=0, next_send_datetime="")


def test_blank_takes_the_company_auto_bill(api, tenant, session_factory):
    set_company(session_factory, tenant, auto_bill="optout")
    data = api.get(f"{BASE}/create", headers=tenant.headers).json()["data"]
    assert (data["auto_bill"], data["auto_bill_enabled"]) == ("optout", False)


def test_store_renders_the_whole_recurring_invoice(api, tenant, client_row, session_factory):
    body = {"client_id": client_row["id"], "frequency_id": 2, "remaining_cycles": "4", "next_send_date": in_days(3),
            "due_date_days": "on_receipt", "po_number": "PO-7", "public_notes": "Hosting for :MONTH",
            "line_items": [{"quantity": 2, "cost": "12.5", "product_key": "hosting", "notes": "Hosting :MONTH"}]}
    r = api.post(BASE, headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    invitation = data["invitations"][0]
    assert invitation["link"] == f"https://ninja.test/client/recurring_invoice/{invitation['key']}"
    assert list(invitation) == ["id", "client_contact_id", "key", "link", "sent_date", "viewed_date", "opened_date",
                                "updated_at", "archived_at", "created_at", "email_status", "email_error",
                                "message_id"]
    assert data == expected(
        data, amount=25, balance=25, frequency_id="2", remaining_cycles=4, due_date_days="on_receipt",
        po_number="PO-7", public_notes="Hosting for :MONTH",
        # Midnight of the client's day; it goes out at 06:00 in the company's timezone (UTC-11).
        next_send_date=f"{in_days(3)} 00:00:00", next_send_datetime=f"{in_days(3)} 17:00:00",
        line_items=[line(quantity=2, net_cost=12.5, cost=12.5, product_key="hosting", notes="Hosting :MONTH",
                         is_amount_discount=True, line_total=25, gross_line_total=25)],
    )
    # Only the contact that receives e-mail is invited; the keywords wait for the generated invoice.
    assert [i["client_contact_id"] for i in data["invitations"]] == [client_row["contacts"][0]["id"]]
    again = api.get(f"{BASE}/{data['id']}", headers=tenant.headers).json()["data"]
    assert again == data
    with session_factory() as s:
        row = s.get(RecurringInvoice, ids.decode(data["id"]))
        assert (row.balance, row.amount, row.status_id) == (row.amount, 25, 1)
        activity = s.query(Activity).filter_by(recurring_invoice_id=row.id).one()
        assert (activity.activity_type_id, activity.client_id) == (100, row.client_id)


def test_store_defaults(make_recurring, client_row):
    data = make_recurring()
    # No date of its own, monthly, endless, from today; terms and footer have no recurring defaults.
    assert (data["date"], data["frequency_id"], data["remaining_cycles"], data["next_send_date"]) == \
        ("", "5", -1, f"{today()} 00:00:00")
    assert (data["status_id"], data["number"], data["auto_bill"], data["due_date_days"]) == ("1", "0001", "off", "terms")
    assert make_recurring()["number"] == "0002"


def test_numbers_follow_the_recurring_invoice_pattern_and_counter(api, tenant, make_recurring, session_factory):
    set_company(session_factory, tenant, recurring_invoice_number_pattern="R-", recurring_invoice_number_counter=7)
    assert make_recurring()["number"] == "R-0007"
    assert make_recurring(number="CUSTOM")["number"] == "CUSTOM"
    r = api.post(BASE, headers=tenant.headers,
                 json={"client_id": make_recurring()["client_id"], "frequency_id": 5, "number": "CUSTOM"})
    assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.",
                                               "errors": {"number": ["The number has already been taken."]}})


def test_auto_bill_sets_the_flag_or_comes_from_the_client(api, tenant, make_recurring, session_factory):
    assert (make_recurring(auto_bill="always")["auto_bill_enabled"], make_recurring(auto_bill="optout")["auto_bill_enabled"],
            make_recurring(auto_bill="optin")["auto_bill_enabled"], make_recurring(auto_bill="off")["auto_bill_enabled"]) \
        == (True, True, False, False)
    # Without auto_bill, both come from the client's settings, whatever auto_bill_enabled says.
    set_company(session_factory, tenant, auto_bill="always")
    data = make_recurring(auto_bill_enabled=False)
    assert (data["auto_bill"], data["auto_bill_enabled"]) == ("always", True)


def test_client_public_notes_win_and_the_client_may_be_deleted(api, tenant):
    client = api.post("/api/v1/clients", headers=tenant.headers,
                      json={"name": "Notes", "public_notes": "Client notes"}).json()["data"]
    api.delete(f"/api/v1/clients/{client['id']}", headers=tenant.headers)
    r = api.post(BASE, headers=tenant.headers,
                 json={"client_id": client["id"], "frequency_id": 5, "public_notes": "Mine"})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["public_notes"] == "Client notes"


def test_zero_cycles_is_completed_and_start_is_refused(make_recurring):
    data = make_recurring("?start=true", remaining_cycles=0)
    assert (data["status_id"], data["remaining_cycles"]) == ("4", 0)


def test_toggles_start_and_stop(api, tenant, make_recurring):
    started = make_recurring("?start=true")
    assert started["status_id"] == "2"
    r = api.put(f"{BASE}/{started['id']}?stop=true", headers=tenant.headers,
                json={"next_send_date": started["next_send_date"][:10]})
    assert r.json()["data"]["status_id"] == "3"
    # A paused one stays paused when stopped again, and starts again.
    assert api.put(f"{BASE}/{started['id']}?stop=true", headers=tenant.headers, json={}).json()["data"]["status_id"] == "3"
    assert api.put(f"{BASE}/{started['id']}?start=true", headers=tenant.headers, json={}).json()["data"]["status_id"] == "2"


def test_send_now_generates_the_first_invoice_only_once(api, tenant, make_recurring, client_row, app):
    data = make_recurring("?send_now=true", remaining_cycles=2, line_items=[{"quantity": 1, "cost": 40}])
    next_month = add_months(utcnow().date(), 1).isoformat()
    assert (data["status_id"], data["remaining_cycles"], data["next_send_date"]) == ("2", 1, f"{next_month} 00:00:00")
    invoices = api.get(f"/api/v1/invoices?client_id={client_row['id']}", headers=tenant.headers).json()["data"]
    assert [(i["number"], i["date"], i["amount"], i["balance"], i["status_id"], i["recurring_id"]) for i in invoices] \
        == [("0001", today(), 40, 40, "2", data["id"])]
    assert data["last_sent_date"] != ""
    assert [m.to for m in app.state.mailer.sent] == ["a@acme.co"]
    # Once an invoice exists, send_now on update does nothing more.
    api.put(f"{BASE}/{data['id']}?send_now=true", headers=tenant.headers, json={})
    assert len(api.get("/api/v1/invoices", headers=tenant.headers).json()["data"]) == 1


def test_update_renders_and_keeps_upstream_quirks(api, tenant, make_recurring, session_factory):
    data = make_recurring(next_send_date=in_days(10), line_items=[{"quantity": 1, "cost": 10}], exchange_rate=3)
    r = api.put(f"{BASE}/{data['id']}", headers=tenant.headers,
                json={"frequency_id": "10", "due_date_days": 15, "line_items": [{"quantity": 3, "cost": 10}],
                      "auto_bill": "optout", "remaining_cycles": 12})
    assert r.status_code == 200, r.text
    updated = r.json()["data"]
    # An update without next_send_date starts the schedule today, as upstream's request defaults it.
    assert updated == expected(
        updated, amount=30, balance=30, frequency_id="10", due_date_days="15", auto_bill="optout",
        auto_bill_enabled=True, remaining_cycles=12, next_send_date=f"{today()} 00:00:00",
        next_send_datetime=f"{today()} 17:00:00",
        line_items=[line(quantity=3, net_cost=10, cost=10, is_amount_discount=True, line_total=30, gross_line_total=30)],
    )
    with session_factory() as s:
        assert s.query(Activity).filter_by(recurring_invoice_id=ids.decode(data["id"]), activity_type_id=101).count() == 1


def test_completed_with_cycles_again_is_active(api, tenant, make_recurring):
    data = make_recurring(remaining_cycles=0)
    assert data["status_id"] == "4"
    r = api.put(f"{BASE}/{data['id']}", headers=tenant.headers, json={"remaining_cycles": 3})
    assert r.json()["data"]["status_id"] == "2"


def test_store_validation(api, tenant, client_row, other_tenant):
    def store(**body):
        return api.post(BASE, headers=tenant.headers, json=body)

    def invalid(errors):
        return {"message": "The given data was invalid.", "errors": errors}

    r = store()
    assert (r.status_code, r.json()) == (422, invalid({"client_id": ["The client id field is required."],
                                                       "frequency_id": ["The frequency id field is required."]}))
    r = store(client_id=client_row["id"], frequency_id="monthly")
    assert (r.status_code, r.json()) == (422, invalid({"frequency_id": [
        "The frequency id must be an integer.", "The frequency id must be between 1 and 12 digits."]}))
    r = store(client_id=client_row["id"], frequency_id=-2)
    assert r.json() == invalid({"frequency_id": ["The frequency id must be between 1 and 12 digits."]})
    r = store(client_id=client_row["id"], frequency_id=5, next_send_date="soon")
    assert r.json() == invalid({"next_send_date": ["The next send date is not a valid date."]})
    r = store(client_id=client_row["id"], frequency_id=5, next_send_date=in_days(-1))
    assert r.json() == invalid({"next_send_date": ["The next send date must be a date after yesterday."]})
    r = store(client_id=client_row["id"], frequency_id=5, due_date_days=15, remaining_cycles="many",
              auto_bill=["always"])
    assert r.json() == invalid({"due_date_days": ["The due date days must be a string."],
                                "remaining_cycles": ["The remaining cycles must be an integer."],
                                "auto_bill": ["The auto bill must be a string."]})
    other_client = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "Theirs"}).json()["data"]
    r = store(client_id=other_client["id"], frequency_id=5, tax_rate1="ten")
    assert r.json() == invalid({"client_id": ["The selected client id is invalid."],
                                "tax_rate1": ["The tax rate1 must be a number."]})
    # Nothing was written.
    assert api.get(BASE, headers=tenant.headers).json()["data"] == []


def test_update_validation_and_errors(api, tenant, make_recurring, other_tenant):
    data = make_recurring()
    other = make_recurring()
    url = f"{BASE}/{data['id']}"
    r = api.put(url, headers=tenant.headers, json={"number": other["number"], "frequency_id": "x", "client_id": "abc"})
    assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.", "errors": {
        "client_id": ["The selected client id is invalid."], "number": ["The number has already been taken."],
        "frequency_id": ["The frequency id must be an integer.", "The frequency id must be between 1 and 12 digits."]}})
    r = api.put(url, headers=tenant.headers, json={"next_send_date": in_days(-3)})
    assert r.json()["errors"] == {"next_send_date": ["The next send date must be a date after yesterday."]}
    r = api.get(f"{BASE}/{data['id']}", headers=other_tenant.headers)
    assert (r.status_code, r.json()) == (401, {"message": "This action is unauthorized."})
    r = api.get(f"{BASE}/5", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Record with value 5 not found"})
    r = api.get(f"{BASE}/nonsense", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\RecurringInvoice]."})


def test_edit_and_destroy(api, tenant, make_recurring, session_factory):
    data = make_recurring()
    assert api.get(f"{BASE}/{data['id']}/edit", headers=tenant.headers).json()["data"] == data
    r = api.delete(f"{BASE}/{data['id']}", headers=tenant.headers)
    deleted = r.json()["data"]
    assert (r.status_code, deleted["is_deleted"], deleted["archived_at"] > 0) == (200, True, True)
    r = api.put(f"{BASE}/{data['id']}", headers=tenant.headers, json={})
    assert (r.status_code, r.json()) == (400, {
        "message": "Record is deleted and cannot be edited. Restore the record to enable editing"})
    with session_factory() as s:
        assert s.query(Activity).filter_by(recurring_invoice_id=ids.decode(data["id"]), activity_type_id=103).count() == 1


def test_exchange_rate_follows_the_currencies_then_the_request(api, tenant, make_recurring):
    # On create the rate comes from the currencies (the same here), whatever the request says.
    data = make_recurring(exchange_rate=9)
    assert data["exchange_rate"] == 1
    url = f"{BASE}/{data['id']}"
    assert api.put(url, headers=tenant.headers, json={"exchange_rate": "1.25"}).json()["data"]["exchange_rate"] == 1.25
    # On update an exchange rate left out is reset to 1 (upstream's request quirk).
    assert api.put(url, headers=tenant.headers, json={}).json()["data"]["exchange_rate"] == 1
