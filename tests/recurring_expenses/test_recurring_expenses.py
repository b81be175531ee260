"""Recurring expenses through the API: JSON, rules, start/stop, lifecycle, listed dates, filters."""

from sqlalchemy import select

from ninja_api import ids
from ninja_api.models import Activity
from ninja_api.models.base import utcnow

KEYS = [
    "id", "user_id", "assigned_user_id", "status_id", "vendor_id", "invoice_id", "client_id", "bank_id",
    "invoice_currency_id", "recurring_expense_currency_id", "currency_id", "category_id", "payment_type_id",
    "is_deleted", "should_be_invoiced", "invoice_documents", "amount", "foreign_amount", "exchange_rate",
    "tax_name1", "tax_rate1", "tax_name2", "tax_rate2", "tax_name3", "tax_rate3", "private_notes", "public_notes",
    "transaction_reference", "transaction_id", "date", "number", "payment_date", "custom_value1", "custom_value2",
    "custom_value3", "custom_value4", "updated_at", "archived_at", "created_at", "project_id", "tax_amount1",
    "tax_amount2", "tax_amount3", "uses_inclusive_taxes", "calculate_tax_by_amount", "entity_type", "frequency_id",
    "remaining_cycles", "last_sent_date", "next_send_date", "recurring_dates", "documents",
]
CLOCK = ("created_at", "updated_at")


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def _make(api, tenant, query="", status=200, **body):
    body.setdefault("frequency_id", "5")
    r = api.post(f"/api/v1/recurring_expenses{query}", headers=tenant.headers, json=body)
    assert r.status_code == status, r.text
    return r.json() if status != 200 else r.json()["data"]


def _bulk(api, tenant, action, *rows):
    r = api.post("/api/v1/recurring_expenses/bulk", headers=tenant.headers,
                 json={"action": action, "ids": [row["id"] for row in rows]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _activities(session_factory, row) -> list[int]:
    with session_factory() as s:
        return list(s.scalars(select(Activity.activity_type_id)
                              .where(Activity.recurring_expense_id == ids.decode(row["id"])).order_by(Activity.id)))


def test_blank_is_upstreams_factory(api, tenant):
    r = api.get("/api/v1/recurring_expenses/create", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == KEYS
    today = utcnow().date().isoformat()
    assert {k: v for k, v in data.items() if k not in CLOCK} == {
        "id": "", "user_id": ids.encode(tenant.user.id), "assigned_user_id": "", "status_id": "1", "vendor_id": "",
        "invoice_id": "", "client_id": "", "bank_id": "", "invoice_currency_id": "",
        "recurring_expense_currency_id": "", "currency_id": "", "category_id": "", "payment_type_id": "",
        "is_deleted": False, "should_be_invoiced": False, "invoice_documents": False, "amount": 0,
        "foreign_amount": 0, "exchange_rate": 0, "tax_name1": "", "tax_rate1": 0, "tax_name2": "", "tax_rate2": 0,
        "tax_name3": "", "tax_rate3": 0, "private_notes": "", "public_notes": "", "transaction_reference": "",
        "transaction_id": "", "date": today, "number": "", "payment_date": "", "custom_value1": "",
        "custom_value2": "", "custom_value3": "", "custom_value4": "", "archived_at": 0, "project_id": "",
        "tax_amount1": 0, "tax_amount2": 0, "tax_amount3": 0, "uses_inclusive_taxes": True,
        "calculate_tax_by_amount": True, "entity_type": "recurringExpense", "frequency_id": "",
        "remaining_cycles": -1, "last_sent_date": "", "next_send_date": f"{today} 00:00:00",
        "recurring_dates": [], "documents": [],
    }


def test_store_numbers_from_its_own_counter_and_answers_before_the_column_defaults(api, tenant, session_factory):
    r = api.post("/api/v1/expenses", headers=tenant.headers, json={})
    assert r.json()["data"]["number"] == "0001"
    row = _make(api, tenant, amount="12.345", next_send_date="2027-01-31", remaining_cycles=3,
                public_notes="Rent :MONTH")
    assert (row["number"], row["status_id"], row["amount"], row["currency_id"], row["exchange_rate"],
            row["next_send_date"], row["remaining_cycles"]) == ("0001", "1", 12.345, "1", 0, "2027-01-31 00:00:00", 3)
    assert _make(api, tenant)["number"] == "0002"
    shown = api.get(f"/api/v1/recurring_expenses/{row['id']}", headers=tenant.headers).json()["data"]
    assert shown["exchange_rate"] == 1
    updated = api.put(f"/api/v1/recurring_expenses/{row['id']}", headers=tenant.headers,
                      json={"public_notes": "Lease", "frequency_id": 7}).json()["data"]
    assert (updated["public_notes"], updated["frequency_id"], updated["number"]) == ("Lease", "7", "0001")
    assert _activities(session_factory, row) == [120, 121]


def test_store_rules(api, tenant, other_tenant):
    assert _make(api, tenant, status=422, frequency_id=None) == invalid(
        {"frequency_id": ["The frequency id field is required."]})
    assert _make(api, tenant, status=422, frequency_id="monthly") == invalid({"frequency_id": [
        "The frequency id must be an integer.", "The frequency id must be between 1 and 12 digits."]})
    assert _make(api, tenant, status=422, currency_id="999") == invalid(
        {"currency_id": ["The selected currency id is invalid."]})
    taken = _make(api, tenant, number="RE-1")
    # Upstream's request names the attribute "email" in its unique message.
    assert _make(api, tenant, status=422, number="RE-1") == invalid({"number": ["The email has already been taken."]})
    r = api.put(f"/api/v1/recurring_expenses/{_make(api, tenant)['id']}", headers=tenant.headers,
                json={"number": taken["number"]})
    assert (r.status_code, r.json()) == (422, invalid({"number": ["The email has already been taken."]}))
    theirs = api.post("/api/v1/vendors", headers=other_tenant.headers, json={"name": "Theirs"}).json()["data"]
    assert _make(api, tenant, status=422, vendor_id=theirs["id"]) == invalid(
        {"vendor_id": ["The selected vendor id is invalid."]})
    assert _make(api, tenant, status=422, next_send_date="soon", remaining_cycles="many") == invalid({
        "remaining_cycles": ["The remaining cycles must be an integer."],
        "next_send_date": ["The next send date is not a valid date."]})
    listed = api.get("/api/v1/recurring_expenses", headers=tenant.headers).json()["data"]
    assert [r["number"] for r in listed] == ["RE-1", "0001"]  # nothing of the refused requests was written


def test_start_stop_and_lifecycle(api, tenant, session_factory):
    row = _make(api, tenant, "?start=true")
    assert row["status_id"] == "2"
    assert [r["status_id"] for r in _bulk(api, tenant, "stop", row)] == ["3"]
    assert [r["status_id"] for r in _bulk(api, tenant, "start", row)] == ["2"]
    archived = _bulk(api, tenant, "archive", row)[0]
    assert archived["archived_at"] > 0
    # Starting an archived one restores it.
    started = _bulk(api, tenant, "start", row)[0]
    assert (started["status_id"], started["archived_at"]) == ("2", 0)
    assert _bulk(api, tenant, "unknown", row)[0]["status_id"] == "2"
    r = api.delete(f"/api/v1/recurring_expenses/{row['id']}", headers=tenant.headers)
    assert r.json()["data"]["is_deleted"] is True
    # A deleted one no longer starts; a finished one neither.
    assert _bulk(api, tenant, "stop", row)[0]["status_id"] == "3"
    assert _bulk(api, tenant, "start", row)[0]["status_id"] == "3"
    done = _make(api, tenant, "?start=true", remaining_cycles=0)
    assert done["status_id"] == "1"
    assert _activities(session_factory, row) == [120, 122, 124, 123]


def test_show_dates_lists_from_one_period_after_the_next_send(api, tenant):
    row = _make(api, tenant, "?start=true", next_send_date="2027-01-31", remaining_cycles=3)
    assert row["recurring_dates"] == []
    r = api.get(f"/api/v1/recurring_expenses/{row['id']}?show_dates=true", headers=tenant.headers)
    # Months move without overflow, each from the day before: 31 January, 28 February, 28 March...
    assert r.json()["data"]["recurring_dates"] == [
        {"send_date": "2027-02-28"}, {"send_date": "2027-03-28"}, {"send_date": "2027-04-28"}]
    weekly = _make(api, tenant, frequency_id=2, next_send_date="2027-01-01")
    listed = api.get("/api/v1/recurring_expenses?show_dates=true", headers=tenant.headers).json()["data"]
    dates = {r["id"]: r["recurring_dates"] for r in listed}
    assert len(dates[weekly["id"]]) == 10  # endless: ten shown
    assert dates[weekly["id"]][:2] == [{"send_date": "2027-01-08"}, {"send_date": "2027-01-15"}]


def test_filters_and_sorts(api, tenant):
    vendor = api.post("/api/v1/vendors", headers=tenant.headers, json={"name": "Landlord Co"}).json()["data"]
    rent = _make(api, tenant, vendor_id=vendor["id"], amount=900, number="7")
    free = _make(api, tenant, amount=0, number="10", should_be_invoiced=True)

    def numbers(query):
        r = api.get(f"/api/v1/recurring_expenses?{query}", headers=tenant.headers)
        assert r.status_code == 200, r.text
        return [row["number"] for row in r.json()["data"]]

    assert numbers("filter=landlord") == [rent["number"]]
    # Upstream's recurring `logged` wants a positive amount.
    assert numbers("client_status=logged") == ["7"]
    assert numbers("client_status=pending") == [free["number"]]
    assert numbers("client_status=logged,pending") == ["7", "10"]
    assert numbers("number=10") == ["10"]
    assert numbers("sort=number|desc") == ["10", "7"]
    assert numbers("sort=vendor_id|asc") == ["7", "10"]
    r = api.get("/api/v1/recurring_expenses?include=vendor,client", headers=tenant.headers).json()["data"]
    # A missing relation leaves its key out, as upstream's null include does.
    assert [(row.get("vendor") or {}).get("name") for row in r] == ["Landlord Co", None]
    assert ["client" in row for row in r] == [False, False]


def test_numbers_beyond_the_integer_columns_are_refused(api, tenant):
    assert _make(api, tenant, status=422, frequency_id="999999999999", remaining_cycles=10**12) == invalid({
        "frequency_id": ["The frequency id must not be greater than 2147483647."],
        "remaining_cycles": ["The remaining cycles must not be greater than 2147483647."]})
