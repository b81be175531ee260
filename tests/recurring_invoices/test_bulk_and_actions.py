"""Bulk actions (upstream's enum), price updates, the item action route and the invitation download."""

from ninja_api import ids
from ninja_api.models import Activity, Invoice, RecurringInvoiceInvitation

BASE = "/api/v1/recurring_invoices"


def bulk(api, tenant, action, *rows, **extra):
    body = {"ids": [r["id"] for r in rows], **extra}
    if action is not None:
        body["action"] = action
    return api.post(f"{BASE}/bulk", headers=tenant.headers, json=body)


def states(response) -> list[tuple]:
    assert response.status_code == 200, response.text
    return [(r["status_id"], r["archived_at"] > 0, r["is_deleted"]) for r in response.json()["data"]]


def test_archive_restore_delete(api, tenant, make_recurring, session_factory):
    one, two = make_recurring(), make_recurring()
    assert states(bulk(api, tenant, "archive", one, two)) == [("1", True, False), ("1", True, False)]
    assert states(bulk(api, tenant, "restore", one)) == [("1", False, False)]
    assert states(bulk(api, tenant, "delete", two)) == [("1", True, True)]
    assert states(bulk(api, tenant, "restore", two)) == [("1", False, False)]
    with session_factory() as s:
        kinds = [a.activity_type_id for a in s.query(Activity).filter_by(recurring_invoice_id=ids.decode(two["id"]))
                 .order_by(Activity.id)]
    assert kinds == [100, 102, 103, 104]


def test_start_stop_send_now(api, tenant, make_recurring, client_row):
    draft, other = make_recurring(line_items=[{"quantity": 1, "cost": 9}]), make_recurring()
    assert states(bulk(api, tenant, "start", other)) == [("2", False, False)]
    # Archived ones start again, restored; completed ones cannot start.
    bulk(api, tenant, "archive", other)
    assert states(bulk(api, tenant, "start", other)) == [("2", False, False)]
    assert states(bulk(api, tenant, "stop", other)) == [("3", False, False)]
    done = make_recurring(remaining_cycles=0)
    assert states(bulk(api, tenant, "start", done)) == [("4", False, False)]
    # send_now only sends drafts: the paused one is left alone.
    assert states(bulk(api, tenant, "send_now", draft, other)) == [("2", False, False), ("3", False, False)]
    invoices = api.get("/api/v1/invoices", headers=tenant.headers).json()["data"]
    assert [(i["recurring_id"], i["amount"], i["status_id"]) for i in invoices] == [(draft["id"], 9, "2")]


def test_no_action_returns_the_list_and_unknown_actions_are_refused(api, tenant, make_recurring, other_tenant):
    row = make_recurring()
    assert states(bulk(api, tenant, None, row)) == [("1", False, False)]
    r = bulk(api, tenant, "mark_sent", row)
    assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.",
                                               "errors": {"action": ["The selected action is invalid."]}})
    r = api.post(f"{BASE}/bulk", headers=tenant.headers, json={"action": "archive"})
    assert r.json() == {"message": "The given data was invalid.", "errors": {"ids": ["The ids field is required."]}}
    theirs = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "T"}).json()["data"]
    foreign = api.post(BASE, headers=other_tenant.headers, json={"client_id": theirs["id"], "frequency_id": 5}).json()["data"]
    r = bulk(api, tenant, "archive", row, foreign)
    assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.",
                                               "errors": {"ids": ["The selected ids is invalid."]}})
    # set_payment_link names a subscription of the company; any other id changes nothing.
    assert states(bulk(api, tenant, "set_payment_link", row, subscription_id="VolejRejNm")) == [("1", False, False)]
    theirs_sub = api.post("/api/v1/subscriptions", headers=other_tenant.headers, json={"name": "Theirs"}).json()["data"]
    linked = bulk(api, tenant, "set_payment_link", row, subscription_id=theirs_sub["id"]).json()["data"]
    assert [r["subscription_id"] for r in linked] == [""]
    ours = api.post("/api/v1/subscriptions", headers=tenant.headers, json={"name": "Gold"}).json()["data"]
    linked = bulk(api, tenant, "set_payment_link", row, subscription_id=ours["id"]).json()["data"]
    assert [r["subscription_id"] for r in linked] == [ours["id"]]


def test_increase_prices(api, tenant, make_recurring):
    row = make_recurring(line_items=[{"quantity": 1, "cost": 60}, {"quantity": 2, "cost": "10.5"}])
    r = bulk(api, tenant, "increase_prices", row, percentage_increase=10)
    assert (r.status_code, r.json()) == (200, {"message": "Update in progress."})
    data = api.get(f"{BASE}/{row['id']}", headers=tenant.headers).json()["data"]
    assert ([i["cost"] for i in data["line_items"]], data["amount"], data["balance"]) == ([66, 11.55], 89.1, 89.1)
    # The percentage is rounded as a 2-dp fraction: 1% of 66 → 66.66; 12.5% acts as 13%.
    bulk(api, tenant, "increase_prices", row, percentage_increase="1")
    assert api.get(f"{BASE}/{row['id']}", headers=tenant.headers).json()["data"]["line_items"][0]["cost"] == 66.66


def test_increase_prices_validation(api, tenant, make_recurring):
    row = make_recurring(line_items=[{"quantity": 1, "cost": 60}])

    def refused(**extra):
        r = bulk(api, tenant, "increase_prices", row, **extra)
        assert r.status_code == 422
        return r.json()

    assert refused() == {"message": "The given data was invalid.", "errors": {"percentage_increase": [
        "The percentage increase field is required when action is increase_prices."]}}
    assert refused(percentage_increase="lots")["errors"] == {"percentage_increase": [
        "The percentage increase must be a number."]}
    assert refused(percentage_increase=-1)["errors"] == {"percentage_increase": [
        "The percentage increase must be at least 0."]}
    assert refused(percentage_increase=101)["errors"] == {"percentage_increase": [
        "The percentage increase must not be greater than 100."]}
    assert api.get(f"{BASE}/{row['id']}", headers=tenant.headers).json()["data"]["amount"] == 60


def test_update_prices_from_live_products(api, tenant, make_recurring):
    api.post("/api/v1/products", headers=tenant.headers, json={"product_key": "hosting", "price": 25})
    gone = api.post("/api/v1/products", headers=tenant.headers, json={"product_key": "old", "price": 99}).json()["data"]
    api.delete(f"/api/v1/products/{gone['id']}", headers=tenant.headers)
    row = make_recurring(line_items=[{"product_key": "hosting", "quantity": 2, "cost": 10},
                                     {"product_key": "old", "quantity": 1, "cost": 5}])
    r = bulk(api, tenant, "update_prices", row)
    assert r.json() == {"message": "Update in progress."}
    data = api.get(f"{BASE}/{row['id']}", headers=tenant.headers).json()["data"]
    assert ([i["cost"] for i in data["line_items"]], data["amount"]) == ([25, 5], 55)


def test_item_actions(api, tenant, make_recurring):
    row = make_recurring()
    url = f"{BASE}/{row['id']}"
    assert api.get(f"{url}/start", headers=tenant.headers).json()["data"]["status_id"] == "2"
    assert api.get(f"{url}/stop", headers=tenant.headers).json()["data"]["status_id"] == "3"
    assert api.get(f"{url}/archive", headers=tenant.headers).json()["data"]["archived_at"] > 0
    assert api.get(f"{url}/restore", headers=tenant.headers).json()["data"]["archived_at"] == 0
    r = api.get(f"{url}/download", headers=tenant.headers)
    assert (r.status_code, r.headers["content-type"], r.content[:4]) == (200, "application/pdf", b"%PDF")
    r = api.get(f"{url}/mark_paid", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "The requested action mark_paid is not available."})


def test_download_by_invitation_key(api, tenant, make_recurring, session_factory):
    row = make_recurring()
    with session_factory() as s:
        key = s.query(RecurringInvoiceInvitation).filter_by(recurring_invoice_id=ids.decode(row["id"])).one().key
    r = api.get(f"/api/v1/recurring_invoice/{key}/download")
    assert (r.status_code, r.content[:4]) == (200, b"%PDF")
    r = api.get("/api/v1/recurring_invoice/nope/download")
    assert (r.status_code, r.json()) == (400, {"message": "no record found"})


def test_nothing_is_generated_by_bulk_for_other_actions(api, tenant, make_recurring, session_factory):
    row = make_recurring("?start=true")
    bulk(api, tenant, "stop", row)
    with session_factory() as s:
        assert s.query(Invoice).filter_by(company_id=tenant.company.id).count() == 0
