"""Matching statement lines: to invoices (a payment), to a payment, to expenses, or a new expense."""

from ninja_api import ids


def invalid(errors):
    return {"message": "The given data was invalid.", "errors": errors}


def _match(api, tenant, *entries, status=200):
    r = api.post("/api/v1/bank_transactions/match", headers=tenant.headers, json={"transactions": list(entries)})
    assert r.status_code == status, r.text
    return r.json()


def _bulk(api, tenant, action, *rows):
    r = api.post("/api/v1/bank_transactions/bulk", headers=tenant.headers,
                 json={"action": action, "ids": [row["id"] for row in rows]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_a_credit_naming_an_invoice_is_proposed_then_converted_into_a_payment(api, tenant, line, make_invoice, get,
                                                                               payer):
    invoice = make_invoice(250)
    proposed = line(f"Transfer ref {invoice['number']} thanks", "250")
    assert (proposed["status_id"], proposed["invoice_ids"], proposed["payment_id"]) == ("2", invoice["id"], "")

    [converted] = _bulk(api, tenant, "convert_matched", proposed)
    assert (converted["status_id"], converted["invoice_ids"]) == ("3", invoice["id"])
    payment = get(f"payments/{converted['payment_id']}")
    assert {k: payment[k] for k in ("amount", "applied", "refunded", "transaction_reference", "transaction_id",
                                    "date", "is_manual", "status_id", "client_id", "currency_id")} == {
        "amount": 250, "applied": 250, "refunded": 0, "transaction_reference": proposed["description"],
        "transaction_id": proposed["id"], "date": "2026-11-20", "is_manual": False, "status_id": "4",
        "client_id": payer["id"], "currency_id": "1"}
    assert [(p["invoice_id"], p["amount"]) for p in payment["paymentables"]] == [(invoice["id"], 250)]
    paid = get(f"invoices/{invoice['id']}")
    assert (paid["status_id"], paid["balance"], paid["paid_to_date"]) == ("4", 0, 250)
    client = get(f"clients/{payer['id']}")
    assert (client["balance"], client["paid_to_date"]) == (0, 250)
    # Converted: a second convert or match moves no more money.
    _bulk(api, tenant, "convert_matched", proposed)
    _match(api, tenant, {"id": proposed["id"], "invoice_ids": invoice["id"]})
    assert get(f"clients/{payer['id']}")["paid_to_date"] == 250
    assert len(api.get("/api/v1/payments", headers=tenant.headers).json()["data"]) == 1


def test_match_spreads_a_credit_over_invoices_in_order(api, tenant, line, make_invoice, get, payer):
    first, second = make_invoice("100.10"), make_invoice("80")
    deposit = line("Deposit", "150.15")
    [matched] = _match(api, tenant, {"id": deposit["id"], "invoice_ids": f"{second['id']},{first['id']}"})["data"]
    assert (matched["status_id"], matched["invoice_ids"]) == ("3", f"{first['id']},{second['id']}")
    one, two = get(f"invoices/{first['id']}"), get(f"invoices/{second['id']}")
    assert (one["status_id"], one["balance"]) == ("4", 0)
    assert (two["status_id"], two["balance"], two["paid_to_date"]) == ("3", 29.95, 50.05)
    client = get(f"clients/{payer['id']}")
    assert (client["balance"], client["paid_to_date"]) == (29.95, 150.15)
    payment = get(f"payments/{matched['payment_id']}")
    assert (payment["amount"], payment["applied"]) == (150.15, 150.15)


def test_more_money_than_the_invoices_owe_stays_unapplied(api, tenant, line, make_invoice, get, payer):
    invoice = make_invoice(40)
    deposit = line("Deposit", "55.5")
    [matched] = _match(api, tenant, {"id": deposit["id"], "invoice_ids": invoice["id"]})["data"]
    payment = get(f"payments/{matched['payment_id']}")
    assert (payment["amount"], payment["applied"]) == (55.5, 40)
    client = get(f"clients/{payer['id']}")
    assert (client["balance"], client["paid_to_date"], client["payment_balance"]) == (0, 55.5, 15.5)


def test_a_draft_is_sent_and_paid_a_paid_one_is_refused(api, tenant, line, make_invoice, get):
    draft = make_invoice(30, query="")
    [matched] = _match(api, tenant, {"id": line("a", "30")["id"], "invoice_ids": draft["id"]})["data"]
    assert get(f"invoices/{draft['id']}")["status_id"] == "4"
    refused = line("b", "30")
    assert _match(api, tenant, {"id": refused["id"], "invoice_ids": draft["id"]})["data"] == []
    assert get(f"bank_transactions/{refused['id']}")["status_id"] == "1"


def test_a_debit_with_a_vendor_and_category_becomes_an_expense(api, tenant, line, get):
    vendor = api.post("/api/v1/vendors", headers=tenant.headers, json={"name": "Cafe"}).json()["data"]
    category = api.post("/api/v1/expense_categories", headers=tenant.headers, json={"name": "Food"}).json()["data"]
    coffee = line("Coffee beans", "12.34", "DEBIT")
    [matched] = _match(api, tenant, {"id": coffee["id"], "vendor_id": vendor["id"],
                                     "ninja_category_id": category["id"]})["data"]
    assert (matched["status_id"], matched["vendor_id"], matched["ninja_category_id"]) == (
        "3", vendor["id"], category["id"])
    expense = get(f"expenses/{matched['expense_id']}")
    assert {k: expense[k] for k in ("amount", "date", "payment_date", "vendor_id", "category_id",
                                    "transaction_reference", "transaction_id", "number", "currency_id")} == {
        "amount": 12.34, "date": "2026-11-20", "payment_date": "2026-11-20", "vendor_id": vendor["id"],
        "category_id": category["id"], "transaction_reference": "Coffee beans", "transaction_id": coffee["id"],
        "number": "0001", "currency_id": "1"}


def test_linking_a_payment_or_expenses_and_unlinking(api, tenant, line, make_invoice, get):
    invoice = make_invoice(20)
    api.post(f"/api/v1/invoices/bulk", headers=tenant.headers, json={"action": "mark_paid", "ids": [invoice["id"]]})
    payment_id = get(f"invoices/{invoice['id']}?include=payments")["payments"][0]["id"]
    deposit = line("Card batch", "20")
    [linked] = _match(api, tenant, {"id": deposit["id"], "payment_id": payment_id})["data"]
    assert (linked["status_id"], linked["payment_id"], linked["invoice_ids"]) == ("3", payment_id, invoice["id"])
    assert get(f"payments/{payment_id}")["transaction_id"] == deposit["id"]
    # The payment is linked already: a second line cannot take it.
    other = line("Again", "20")
    assert _match(api, tenant, {"id": other["id"], "payment_id": payment_id})["data"] == []

    expenses = [api.post("/api/v1/expenses", headers=tenant.headers, json={"amount": a}).json()["data"]
                for a in (5, 7)]
    debit = line("Two receipts", "12", "DEBIT")
    [linked_expenses] = _match(api, tenant, {"id": debit["id"],
                                             "expense_id": ",".join(e["id"] for e in expenses)})["data"]
    assert (linked_expenses["status_id"], linked_expenses["expense_id"]) == ("3", ",".join(e["id"] for e in expenses))
    assert [get(f"expenses/{e['id']}")["transaction_id"] for e in expenses] == [debit["id"]] * 2

    unlinked = _bulk(api, tenant, "unlink", deposit, debit)
    assert [(u["status_id"], u["payment_id"], u["expense_id"], u["invoice_ids"]) for u in unlinked] == [
        ("1", "", "", "")] * 2
    assert get(f"payments/{payment_id}")["transaction_id"] == ""
    assert [get(f"expenses/{e['id']}")["transaction_id"] for e in expenses] == ["", ""]


def test_match_validation(api, tenant, other_tenant, line, account):
    assert _match(api, tenant, status=422) == invalid({"transactions": ["The transactions field is required."]})
    r = api.post("/api/v1/bank_integrations", headers=other_tenant.headers, json={"bank_account_name": "Theirs"})
    assert r.status_code == 200, r.text
    theirs_account = r.json()["data"]
    theirs = api.post("/api/v1/bank_transactions", headers=other_tenant.headers, json={
        "bank_integration_id": theirs_account["id"], "amount": 5}).json()["data"]
    their_vendor = api.post("/api/v1/vendors", headers=other_tenant.headers, json={"name": "V"}).json()["data"]
    mine = line("x", "1", "DEBIT")
    assert _match(api, tenant, {"id": theirs["id"]}, {"vendor_id": their_vendor["id"], "id": mine["id"]}, {},
                  status=422) == invalid({
        "transactions.0.id": ["The selected transactions.0.id is invalid."],
        "transactions.1.vendor_id": ["The selected transactions.1.vendor id is invalid."],
        "transactions.2.id": ["The transactions.2.id field is required."]})
    r = api.post("/api/v1/bank_transactions/bulk", headers=tenant.headers, json={"action": "explode", "ids": [mine["id"]]})
    assert (r.status_code, r.json()) == (422, invalid({"action": ["The selected action is invalid."]}))
    assert ids.decode(mine["id"]) is not None
