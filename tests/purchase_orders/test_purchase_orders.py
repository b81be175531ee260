"""Purchase orders through the API: JSON, the vendor, balances, statuses and the actions that move them."""

from sqlalchemy import select

from ninja_api import ids
from ninja_api.billing.settings import company_today
from ninja_api.models import Activity, Product
from ninja_api.models.base import utcnow

ORDER_KEYS = [
    "id", "user_id", "project_id", "assigned_user_id", "vendor_id", "amount", "balance", "client_id", "status_id",
    "design_id", "created_at", "updated_at", "archived_at", "is_deleted", "number", "discount", "po_number", "date",
    "last_sent_date", "next_send_date", "reminder1_sent", "reminder2_sent", "reminder3_sent", "reminder_last_sent",
    "due_date", "terms", "public_notes", "private_notes", "uses_inclusive_taxes", "tax_name1", "tax_rate1",
    "tax_name2", "tax_rate2", "tax_name3", "tax_rate3", "total_taxes", "is_amount_discount", "footer", "partial",
    "partial_due_date", "custom_value1", "custom_value2", "custom_value3", "custom_value4", "has_tasks",
    "has_expenses", "custom_surcharge1", "custom_surcharge2", "custom_surcharge3", "custom_surcharge4",
    "custom_surcharge_tax1", "custom_surcharge_tax2", "custom_surcharge_tax3", "custom_surcharge_tax4",
    "line_items", "entity_type", "exchange_rate", "paid_to_date", "subscription_id", "expense_id", "currency_id",
    "tax_info", "e_invoice", "location_id", "invitations", "documents",
]
INVITATION_KEYS = ["id", "vendor_contact_id", "key", "link", "sent_date", "viewed_date", "opened_date",
                   "updated_at", "archived_at", "created_at", "email_status", "email_error", "message_id"]
TWO_LINES = [{"product_key": "bolt", "notes": "M6", "quantity": 2, "cost": "10.50", "tax_name1": "VAT",
              "tax_rate1": 10},
             {"product_key": "nut", "notes": "", "quantity": "1.5", "cost": 4}]


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def _settings(api, tenant, **values):
    company = api.get("/api/v1/companies", headers=tenant.headers).json()["data"][0]
    r = api.put(f"/api/v1/companies/{company['id']}", headers=tenant.headers,
                json={"settings": {**company["settings"], **values}})
    assert r.status_code == 200, r.text


def _action(api, tenant, order, action, status=200, query=""):
    r = api.get(f"/api/v1/purchase_orders/{order['id']}/{action}{query}", headers=tenant.headers)
    assert r.status_code == status, r.text
    return r.json()


def _activities(session_factory, order) -> list[int]:
    with session_factory() as s:
        return list(s.scalars(select(Activity.activity_type_id)
                              .where(Activity.purchase_order_id == ids.decode(order["id"])).order_by(Activity.id)))


def test_new_order_shape_and_defaults(api, tenant, make_order, vendor_row):
    # The company's inclusive-taxes setting does not reach purchase orders.
    _settings(api, tenant, inclusive_taxes=True, purchase_order_terms="Net 30", purchase_order_footer="Thanks")
    order = make_order(line_items=TWO_LINES, partial=5, partial_due_date="2030-01-02", exchange_rate="1.25")
    assert list(order) == ORDER_KEYS
    picked = {k: order[k] for k in ("vendor_id", "client_id", "status_id", "number", "amount", "balance",
                                    "total_taxes", "uses_inclusive_taxes", "public_notes", "terms", "footer",
                                    "design_id", "date", "due_date", "last_sent_date", "partial_due_date",
                                    "exchange_rate", "entity_type", "expense_id", "currency_id")}
    assert picked == {
        "vendor_id": vendor_row["id"], "client_id": "", "status_id": "1", "number": "0001",
        # 2 x 10.50 + 10% tax, and 1.5 x 4: a draft owes nothing yet.
        "amount": 29.1, "balance": 0, "total_taxes": 2.1, "uses_inclusive_taxes": False,
        "public_notes": "Deliver to dock 4", "terms": "Net 30", "footer": "Thanks", "design_id": "Wpmbk5ezJn",
        "date": company_today(tenant.company).isoformat(), "due_date": "", "last_sent_date": "",
        "partial_due_date": "2030-01-02 00:00:00", "exchange_rate": 1.25, "entity_type": "purchaseOrder",
        "expense_id": "", "currency_id": "",
    }
    contacts = [c["id"] for c in vendor_row["contacts"]]
    # Every vendor contact is invited, and their links open the vendor portal.
    assert sorted(i["vendor_contact_id"] for i in order["invitations"]) == sorted(contacts)
    invitation = order["invitations"][0]
    assert list(invitation) == INVITATION_KEYS
    assert invitation["link"] == f"https://ninja.test/vendor/purchase_order/{invitation['key']}"


def test_request_notes_win_over_the_vendors(make_order):
    assert make_order(public_notes="Ours")["public_notes"] == "Ours"


def test_blank_order(api, tenant):
    r = api.get("/api/v1/purchase_orders/create", headers=tenant.headers)
    assert r.status_code == 200
    blank = r.json()["data"]
    assert list(blank) == ORDER_KEYS
    assert {k: blank[k] for k in ("id", "vendor_id", "status_id", "number", "amount", "uses_inclusive_taxes",
                                  "invitations")} == {
        "id": "", "vendor_id": "", "status_id": "1", "number": "", "amount": 0, "uses_inclusive_taxes": False,
        "invitations": []}


def test_mark_sent_on_create_owes_the_amount_and_edits_move_the_balance(api, tenant, make_order):
    # The PHP SDK's testPurchaseOrderPostWithMultiItemsMarkSent.
    order = make_order("?mark_sent=true", line_items=[{"product_key": "test", "quantity": 1, "cost": 10}] * 2)
    assert (order["status_id"], order["amount"], order["balance"]) == ("2", 20, 20)
    assert all(i["sent_date"] != "" for i in order["invitations"])
    r = api.put(f"/api/v1/purchase_orders/{order['id']}", headers=tenant.headers,
                json={"line_items": [{"product_key": "test", "quantity": 3, "cost": 10}]})
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["amount"], r.json()["data"]["balance"]) == (30, 30)
    # Marking it sent again changes nothing.
    again = _action(api, tenant, r.json()["data"], "mark_sent")["data"]
    assert (again["status_id"], again["balance"]) == ("2", 30)


def test_numbers_come_from_the_purchase_order_counter(api, tenant, make_order):
    _settings(api, tenant, purchase_order_number_pattern="PO-{$counter}", purchase_order_number_counter=7)
    assert make_order()["number"] == "PO-0007"
    assert make_order()["number"] == "PO-0008"
    r = api.post("/api/v1/purchase_orders", headers=tenant.headers,
                 json={"vendor_id": make_order()["vendor_id"], "number": "PO-0007"})
    assert r.status_code == 422
    assert r.json() == invalid({"number": ["The number has already been taken."]})


def test_counter_applied_when_sent(api, tenant, make_order):
    _settings(api, tenant, counter_number_applied="when_sent")
    order = make_order()
    assert order["number"] == ""
    assert _action(api, tenant, order, "mark_sent")["data"]["number"] == "0001"


def test_status_is_writable_within_upstreams_statuses(api, tenant, make_order):
    assert make_order(status_id=3)["status_id"] == "3"
    order = make_order()
    r = api.put(f"/api/v1/purchase_orders/{order['id']}", headers=tenant.headers, json={"status_id": "x"})
    assert r.status_code == 422
    assert r.json() == invalid({"status_id": ["The status id must be an integer.",
                                              "The selected status id is invalid."]})
    r = api.put(f"/api/v1/purchase_orders/{order['id']}", headers=tenant.headers, json={"status_id": 9})
    assert r.json() == invalid({"status_id": ["The selected status id is invalid."]})


def test_the_vendor_is_required_must_be_the_companys_and_is_fixed(api, tenant, other_tenant, make_order):
    r = api.post("/api/v1/purchase_orders", headers=tenant.headers, json={})
    assert (r.status_code, r.json()) == (422, invalid({"vendor_id": ["The vendor id field is required."]}))
    theirs = api.post("/api/v1/vendors", headers=other_tenant.headers, json={"name": "Theirs"}).json()["data"]
    r = api.post("/api/v1/purchase_orders", headers=tenant.headers, json={"vendor_id": theirs["id"]})
    assert (r.status_code, r.json()) == (422, invalid({"vendor_id": ["The selected vendor id is invalid."]}))
    other = api.post("/api/v1/vendors", headers=tenant.headers, json={"name": "Other"}).json()["data"]
    order = make_order()
    r = api.put(f"/api/v1/purchase_orders/{order['id']}", headers=tenant.headers, json={"vendor_id": other["id"]})
    assert (r.status_code, r.json()) == (422, invalid({"vendor_id": ["The selected vendor id is invalid."]}))
    # Sending the same vendor is fine.
    r = api.put(f"/api/v1/purchase_orders/{order['id']}", headers=tenant.headers,
                json={"vendor_id": order["vendor_id"], "discount": "10"})
    assert r.status_code == 200 and r.json()["data"]["discount"] == 10


def test_a_deleted_vendor_takes_no_orders(api, tenant, vendor_row):
    api.post("/api/v1/vendors/bulk", headers=tenant.headers, json={"ids": [vendor_row["id"]], "action": "delete"})
    r = api.post("/api/v1/purchase_orders", headers=tenant.headers, json={"vendor_id": vendor_row["id"]})
    assert (r.status_code, r.json()) == (422, invalid({"vendor_id": ["The selected vendor id is invalid."]}))


def test_invitations_sync_by_vendor_contact(api, tenant, make_order, vendor_row):
    first = vendor_row["contacts"][0]["id"]
    order = make_order(invitations=[{"vendor_contact_id": first}])
    assert [i["vendor_contact_id"] for i in order["invitations"]] == [first]
    r = api.post("/api/v1/purchase_orders", headers=tenant.headers,
                 json={"vendor_id": vendor_row["id"], "invitations": [{"vendor_contact_id": first}] * 2})
    assert r.json() == invalid({"invitations.1.vendor_contact_id": [
        "The invitations.1.vendor contact id field has a duplicate value."]})


def test_expense_converts_once(api, tenant, make_order, session_factory):
    order = make_order("?mark_sent=true", line_items=TWO_LINES)
    converted = _action(api, tenant, order, "expense", query="?include=expense")["data"]
    expense = converted["expense"]
    assert converted["expense_id"] == expense["id"]
    assert {k: expense[k] for k in ("vendor_id", "amount", "tax_name1", "tax_amount1", "private_notes",
                                    "public_notes", "calculate_tax_by_amount", "uses_inclusive_taxes",
                                    "number", "date")} == {
        # Exclusive taxes: the expense is the order's net, its taxes carried as an amount.
        "vendor_id": order["vendor_id"], "amount": 27, "tax_name1": "Tax", "tax_amount1": 2.1,
        "private_notes": "Purchase Order # 0001", "public_notes": "2 x bolt [ M6 ]\n1.5 x nut [  ]\n",
        "calculate_tax_by_amount": True, "uses_inclusive_taxes": False, "number": "0001",
        "date": utcnow().date().isoformat()}
    again = _action(api, tenant, order, "expense", status=400)
    assert again == {"message": "Already converted to an expense."}
    # In bulk an order already converted is passed over.
    r = api.post("/api/v1/purchase_orders/bulk", headers=tenant.headers, json={"ids": [order["id"]], "action": "expense"})
    assert r.status_code == 200 and r.json()["data"][0]["expense_id"] == expense["id"]
    assert len(api.get("/api/v1/expenses", headers=tenant.headers).json()["data"]) == 1


def test_add_to_inventory_stocks_known_and_new_products(api, tenant, make_order, session_factory):
    r = api.post("/api/v1/products", headers=tenant.headers, json={"product_key": "bolt", "in_stock_quantity": 5})
    assert r.status_code == 200, r.text
    order = make_order(line_items=TWO_LINES + [{"product_key": "washer", "notes": "Steel", "quantity": 4, "cost": "0.25",
                                                 "custom_value1": "zinc"}])
    received = _action(api, tenant, order, "add_to_inventory")["data"]
    assert received["status_id"] == "4"
    products = {p["product_key"]: p for p in api.get("/api/v1/products", headers=tenant.headers).json()["data"]}
    assert {k: p["in_stock_quantity"] for k, p in products.items()} == {"bolt": 7, "nut": 1, "washer": 4}
    washer = products["washer"]
    assert (washer["notes"], washer["price"], washer["quantity"], washer["custom_value1"]) == ("Steel", 0.25, 4, "zinc")
    with session_factory() as session:  # products do not show their vendor in JSON; the column keeps it
        stocked = session.get(Product, ids.decode(washer["id"]))
        assert stocked.vendor_id == ids.decode(order["vendor_id"])


def test_cancel_accept_and_unknown_actions(api, tenant, make_order, session_factory):
    draft = make_order()
    assert _action(api, tenant, draft, "accept")["data"]["status_id"] == "1"  # only a sent order is accepted
    sent = _action(api, tenant, draft, "mark_sent")["data"]
    assert _action(api, tenant, sent, "accept")["data"]["status_id"] == "3"
    # An accepted order is past cancelling.
    assert _action(api, tenant, sent, "cancel")["data"]["status_id"] == "3"
    other = make_order("?mark_sent=true")
    assert _action(api, tenant, other, "cancel")["data"]["status_id"] == "5"
    assert _action(api, tenant, other, "reverse", status=400) == {
        "message": "The requested action reverse is not available."}
    assert _activities(session_factory, draft) == [130, 137]


def test_email_marks_sent_and_mails_the_vendor_contacts(api, app, tenant, make_order, session_factory):
    order = make_order(line_items=TWO_LINES)
    assert _action(api, tenant, order, "email") == {"message": "email sent"}
    shown = api.get(f"/api/v1/purchase_orders/{order['id']}", headers=tenant.headers).json()["data"]
    assert (shown["status_id"], shown["balance"]) == ("2", 29.1)
    assert shown["last_sent_date"] != ""
    assert sorted(m.to for m in app.state.mailer.sent) == ["ops@parts.test", "pat@parts.test"]
    assert [m.subject for m in app.state.mailer.sent] == ["New purchase_order 0001 from Demo Company"] * 2
    assert _activities(session_factory, order) == [130, 135]


def test_archive_restore_delete_record_activities(api, tenant, make_order, session_factory):
    order = make_order()
    for action in ("archive", "restore", "delete"):
        r = api.post("/api/v1/purchase_orders/bulk", headers=tenant.headers, json={"ids": [order["id"]], "action": action})
        assert r.status_code == 200, r.text
    assert r.json()["data"][0]["is_deleted"] is True
    assert _activities(session_factory, order) == [130, 132, 134, 133]
    r = api.post("/api/v1/purchase_orders/bulk", headers=tenant.headers, json={"ids": ["xxxx"], "action": "archive"})
    assert r.json() == {"message": "No Purchase Orders Found"}
    r = api.post("/api/v1/purchase_orders/bulk", headers=tenant.headers, json={"ids": [order["id"]], "action": "pay"})
    assert r.status_code == 422


def test_list_filters_sort_and_includes(api, tenant, make_order, vendor_row):
    zed = api.post("/api/v1/vendors", headers=tenant.headers, json={"name": "Zed Supplies"}).json()["data"]
    mine = make_order()
    theirs = make_order(vendor_id=zed["id"], custom_value1="rush")
    sent = make_order("?mark_sent=true")

    def listed(query: str) -> list[str]:
        r = api.get(f"/api/v1/purchase_orders?{query}", headers=tenant.headers)
        assert r.status_code == 200, r.text
        return [o["id"] for o in r.json()["data"]]

    assert listed("filter=zed") == [theirs["id"]]
    assert listed("filter=rush") == [theirs["id"]]
    assert listed(f"number={sent['number']}") == [sent["id"]]
    assert listed("client_status=sent") == [sent["id"]]
    assert sorted(listed("client_status=draft")) == sorted([mine["id"], theirs["id"]])
    assert listed("sort=vendor_id|desc")[0] == theirs["id"]
    assert listed(f"vendor_id={zed['id']}") == [theirs["id"]]
    # Orders without a client stay listed when deleted clients are left out.
    assert len(listed("without_deleted_clients=true")) == 3
    r = api.get(f"/api/v1/purchase_orders/{mine['id']}?include=vendor,activities", headers=tenant.headers)
    data = r.json()["data"]
    assert data["vendor"]["name"] == "Parts Ltd"
    assert [a["activity_type_id"] for a in data["activities"]] == ["130"]


def test_the_vendor_downloads_by_invitation_key(api, tenant, make_order):
    order = make_order(line_items=TWO_LINES)
    key = order["invitations"][0]["key"]
    r = api.get(f"/api/v1/purchase_order/{key}/download?inline=true")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert r.headers["content-disposition"] == "inline"
    r = api.get("/api/v1/purchase_order/nope/download")
    assert (r.status_code, r.json()) == (400, {"message": "no record found"})
    r = api.get(f"/api/v1/purchase_orders/{order['id']}/download", headers=tenant.headers)
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
