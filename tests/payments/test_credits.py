"""Credits in payments (§6.6 step 4 and §6.15): spent, documented, handed back by refunds and deletes."""

from tests.payments.test_store import invalid


def test_credit_pays_part_of_an_invoice(pay, make_invoice, make_credit, client_row, get):
    inv = make_invoice(1000)
    credit = make_credit(100)
    assert get(f"clients/{client_row['id']}")["credit_balance"] == 100
    r = pay({"client_id": client_row["id"], "date": "2024-05-06",
             "invoices": [{"invoice_id": inv["id"], "amount": 1000}], "credits": [{"credit_id": credit["id"], "amount": 100}]})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["amount"], data["applied"]) == (900, 900)
    assert [(p.get("invoice_id"), p.get("credit_id"), p["amount"]) for p in data["paymentables"]] == [
        (inv["id"], None, 1000), (None, credit["id"], 100)]
    invoice = get(f"invoices/{inv['id']}")
    assert (invoice["status_id"], invoice["balance"], invoice["paid_to_date"]) == ("4", 0, 1000)
    shown = get(f"credits/{credit['id']}")
    assert (shown["status_id"], shown["balance"], shown["paid_to_date"], shown["amount"]) == ("4", 0, 100, 100)
    line = shown["line_items"][-1]
    assert (line["quantity"], line["cost"], line["notes"]) == (0, -100, f"06/May/2024 - Credit applied to Invoice "
                                                                         f"{invoice['number']} $100.00")
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"], client["credit_balance"]) == (0, 1000, 0)


def test_invoice_paid_wholly_by_credit(pay, make_invoice, make_credit, client_row, get):
    inv = make_invoice(100)
    credit = make_credit(150)
    data = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 100}],
                "credits": [{"credit_id": credit["id"], "amount": 100}]}).json()["data"]
    assert (data["amount"], data["applied"]) == (0, 0)
    shown = get(f"credits/{credit['id']}")
    assert (shown["status_id"], shown["balance"]) == ("3", 50)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"], client["credit_balance"]) == (0, 100, 50)


def test_a_draft_credit_is_marked_sent_while_validating(pay, make_invoice, make_credit, client_row, get):
    inv = make_invoice(40)
    draft = make_credit(40, draft=True)
    assert draft["status_id"] == "1"
    r = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 40}],
             "credits": [{"credit_id": draft["id"], "amount": 40}]})
    assert r.status_code == 200, r.text
    shown = get(f"credits/{draft['id']}")
    assert (shown["status_id"], shown["balance"], shown["paid_to_date"]) == ("4", 0, 40)
    assert get(f"clients/{client_row['id']}")["credit_balance"] == 0


def test_credit_rules(pay, make_invoice, make_credit, client_row, other_client):
    inv = make_invoice(50)
    credit = make_credit(20)
    cid = client_row["id"]
    r = pay({"client_id": cid, "amount": 5, "credits": [{"credit_id": credit["id"], "amount": 5}]})
    assert r.json() == invalid({
        "credits.0.credit_id": ["You must have an invoice set when using a credit in a payment"],
        "credits.0.amount": ["Total credits applied cannot be MORE than total of invoices"]})
    r = pay({"client_id": cid, "invoices": [{"invoice_id": inv["id"], "amount": 50}],
             "credits": [{"credit_id": credit["id"], "amount": 30}]})
    assert r.json() == invalid({"credits.0.credit_id": ["Insufficient balance on credit."]})
    r = pay({"client_id": cid, "invoices": [{"invoice_id": inv["id"], "amount": 10}],
             "credits": [{"credit_id": credit["id"], "amount": 0}]})
    assert r.json() == invalid({"credits.0.credit_id": ["Total of credits must be more than zero."]})
    r = pay({"client_id": cid, "invoices": [{"invoice_id": inv["id"], "amount": 10}],
             "credits": [{"credit_id": credit["id"], "amount": 15}]})
    assert r.json() == invalid({"credits.0.amount": ["Total credits applied cannot be MORE than total of invoices"]})
    theirs = make_credit(10, client=other_client)
    r = pay({"client_id": cid, "invoices": [{"invoice_id": inv["id"], "amount": 10}],
             "credits": [{"credit_id": theirs["id"], "amount": 5}]})
    assert r.json() == invalid({"credits.0.credit_id": ["Selected invoices are not from a single client"]})
    r = pay({"client_id": cid, "invoices": [{"invoice_id": inv["id"], "amount": 10}],
             "credits": [{"credit_id": "zzz", "amount": 5}]})
    assert r.json() == invalid({"credits.0.credit_id": ["Credit not found"]})
    twice = [{"credit_id": credit["id"], "amount": 1}, {"credit_id": credit["id"], "amount": 2}]
    r = pay({"client_id": cid, "invoices": [{"invoice_id": inv["id"], "amount": 10}], "credits": twice})
    assert r.json() == invalid({
        "credits.0.credit_id": ["The credits.0.credit id field has a duplicate value."],
        "credits.1.credit_id": ["The credits.1.credit id field has a duplicate value."]})


def test_refund_gives_credits_back_before_money(pay, api, tenant, make_invoice, make_credit, client_row, get):
    inv = make_invoice(100)
    credit = make_credit(30)
    payment = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 100}],
                   "credits": [{"credit_id": credit["id"], "amount": 30}]}).json()["data"]
    r = api.post("/api/v1/payments/refund", headers=tenant.headers, json={
        "id": payment["id"], "date": "2024-01-01", "invoices": [{"invoice_id": inv["id"], "amount": 40}]})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    # 30 of the 40 came back as credit, 10 as money.
    assert (data["amount"], data["refunded"], data["applied"], data["status_id"]) == (70, 10, 70, "5")
    assert [p["refunded"] for p in data["paymentables"]] == [40, 30]
    shown = get(f"credits/{credit['id']}")
    assert (shown["status_id"], shown["balance"], shown["paid_to_date"]) == ("2", 30, 0)
    invoice = get(f"invoices/{inv['id']}")
    assert (invoice["status_id"], invoice["balance"], invoice["paid_to_date"]) == ("3", 40, 60)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"], client["credit_balance"]) == (40, 60, 30)


def test_delete_gives_the_credit_back(pay, api, tenant, make_invoice, make_credit, client_row, get):
    inv = make_invoice(100)
    credit = make_credit(30)
    payment = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 100}],
                   "credits": [{"credit_id": credit["id"], "amount": 30}]}).json()["data"]
    assert api.delete(f"/api/v1/payments/{payment['id']}", headers=tenant.headers).status_code == 200
    shown = get(f"credits/{credit['id']}")
    assert (shown["status_id"], shown["balance"], shown["paid_to_date"]) == ("2", 30, 0)
    invoice = get(f"invoices/{inv['id']}")
    assert (invoice["status_id"], invoice["balance"], invoice["paid_to_date"]) == ("2", 100, 0)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"], client["credit_balance"]) == (100, 0, 30)


def test_update_can_spend_a_credit_on_the_unapplied_rest(pay, api, tenant, make_invoice, make_credit, client_row, get):
    payment = pay({"client_id": client_row["id"], "amount": 50}).json()["data"]
    inv = make_invoice(70)
    credit = make_credit(20)
    r = api.put(f"/api/v1/payments/{payment['id']}", headers=tenant.headers, json={
        "invoices": [{"invoice_id": inv["id"], "amount": 70}], "credits": [{"credit_id": credit["id"], "amount": 20}]})
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["amount"], r.json()["data"]["applied"]) == (50, 50)
    assert get(f"invoices/{inv['id']}")["status_id"] == "4"
    client = get(f"clients/{client_row['id']}")
    # The update adds no paid to date: only the payment's creation did.
    assert (client["balance"], client["paid_to_date"], client["credit_balance"], client["payment_balance"]) == (
        0, 50, 0, 0)
