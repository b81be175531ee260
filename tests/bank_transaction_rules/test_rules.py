"""Bank transaction rules: the entity, and what they do to new statement lines."""

from ninja_api import ids

KEYS = ["id", "name", "rules", "auto_convert", "matches_on_all", "applies_to", "client_id", "vendor_id",
        "category_id", "is_deleted", "created_at", "updated_at", "archived_at"]


def invalid(errors):
    return {"message": "The given data was invalid.", "errors": errors}


def _rule(api, tenant, status=200, **body):
    r = api.post("/api/v1/bank_transaction_rules", headers=tenant.headers, json=body)
    assert r.status_code == status, r.text
    return r.json()["data"] if status == 200 else r.json()


def _named(api, tenant, name):
    r = api.post(f"/api/v1/{name}s", headers=tenant.headers, json={"name": name.title() + " one"})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_crud_json_and_validation(api, tenant, other_tenant):
    blank = api.get("/api/v1/bank_transaction_rules/create", headers=tenant.headers).json()["data"]
    assert list(blank) == KEYS
    assert (blank["name"], blank["rules"], blank["applies_to"], blank["client_id"]) == ("", [], "CREDIT", "")
    vendor, category = _named(api, tenant, "vendor"), _named(api, tenant, "expense_categorie")
    rule = _rule(api, tenant, name="Coffee", applies_to="DEBIT", auto_convert=True, vendor_id=vendor["id"],
                 category_id=category["id"],
                 rules=[{"search_key": "description", "operator": "contains", "value": "coffee"}])
    assert list(rule) == KEYS
    assert {k: v for k, v in rule.items() if k not in ("id", "created_at", "updated_at")} == {
        "name": "Coffee", "rules": [{"operator": "contains", "search_key": "description", "value": "coffee"}],
        "auto_convert": True, "matches_on_all": False, "applies_to": "DEBIT", "client_id": "",
        "vendor_id": vendor["id"], "category_id": category["id"], "is_deleted": False, "archived_at": 0}
    shown = api.get(f"/api/v1/bank_transaction_rules/{rule['id']}?include=vendor,expense_category",
                    headers=tenant.headers).json()["data"]
    assert (shown["vendor"]["id"], shown["expense_category"]["id"]) == (vendor["id"], category["id"])
    r = api.put(f"/api/v1/bank_transaction_rules/{rule['id']}", headers=tenant.headers,
                json={"name": "Beans", "vendor_id": ""})
    assert (r.json()["data"]["name"], r.json()["data"]["vendor_id"], r.json()["data"]["rules"]) == (
        "Beans", "", rule["rules"])

    their_vendor = _named(api, other_tenant, "vendor")
    assert _rule(api, tenant, 422, rules=[{"search_key": "amount", "operator": ">"}, "x"],
                 vendor_id=their_vendor["id"], auto_convert="maybe") == invalid({
        "name": ["The name field is required."],
        "rules.0.value": ["The rules.0.value field is required."],
        "rules.1.operator": ["The rules.1.operator field is required."],
        "rules.1.search_key": ["The rules.1.search key field is required."],
        "rules.1.value": ["The rules.1.value field is required."],
        "auto_convert": ["The auto convert field must be true or false."],
        "vendor_id": ["The selected vendor id is invalid."]})
    assert _rule(api, tenant, 422, name="x", rules={"a": 1}) == invalid({"rules": ["The rules must be an array."]})

    r = api.post("/api/v1/bank_transaction_rules/bulk", headers=tenant.headers,
                 json={"action": "archive", "ids": [rule["id"]]})
    assert r.json()["data"][0]["archived_at"] > 0
    listed = api.get("/api/v1/bank_transaction_rules?filter=bea", headers=tenant.headers).json()["data"]
    assert [x["name"] for x in listed] == ["Beans"]
    assert api.get(f"/api/v1/bank_transaction_rules/{rule['id']}", headers=other_tenant.headers).status_code == 401


def test_debit_rules_match_and_auto_convert(api, tenant, line, get):
    vendor, category = _named(api, tenant, "vendor"), _named(api, tenant, "expense_categorie")
    _rule(api, tenant, name="Big spends", applies_to="DEBIT", matches_on_all=True, vendor_id=vendor["id"],
          rules=[{"search_key": "amount", "operator": ">=", "value": "100"},
                 {"search_key": "description", "operator": "starts_with", "value": "Office Rent"}])
    _rule(api, tenant, name="Coffee", applies_to="DEBIT", auto_convert=True, vendor_id=vendor["id"],
          category_id=category["id"], rules=[{"search_key": "description", "operator": "contains", "value": "COF FEE"}])

    rent = line("officerent december", "1200", "DEBIT")
    assert (rent["status_id"], rent["vendor_id"], rent["ninja_category_id"], rent["expense_id"]) == (
        "2", vendor["id"], "", "")
    small_rent = line("office rent parking", "99.99", "DEBIT")
    assert small_rent["status_id"] == "1"  # matches_on_all: one criterion of two is not enough

    coffee = line("Morning coffee x2", "7.80", "DEBIT")
    assert (coffee["status_id"], coffee["ninja_category_id"]) == ("3", category["id"])
    expense = get(f"expenses/{coffee['expense_id']}")
    assert (expense["amount"], expense["vendor_id"], expense["category_id"], expense["transaction_id"]) == (
        7.8, vendor["id"], category["id"], coffee["id"])
    assert ids.decode(coffee["bank_transaction_rule_id"]) is not None

    # A proposal is carried out by convert_matched: the rent becomes an expense of the vendor.
    r = api.post("/api/v1/bank_transactions/bulk", headers=tenant.headers,
                 json={"action": "convert_matched", "ids": [rent["id"]]})
    [converted] = r.json()["data"]
    assert converted["status_id"] == "2"  # upstream converts only proposals that name a category
    # Archived rules do not run.
    api.post("/api/v1/bank_transaction_rules/bulk", headers=tenant.headers,
             json={"action": "archive", "ids": [r["id"] for r in api.get(
                 "/api/v1/bank_transaction_rules", headers=tenant.headers).json()["data"]]})
    assert line("more coffee", "3", "DEBIT")["status_id"] == "1"


def test_credit_rules_propose_invoices_and_payments(api, tenant, line, make_invoice, payer):
    invoice = make_invoice(75, po_number="PO-991")
    _rule(api, tenant, name="By PO", applies_to="CREDIT",
          rules=[{"search_key": "$invoice.po_number", "operator": "is", "value": "x"}])
    by_po = line("PO-991", "75")
    assert (by_po["status_id"], by_po["invoice_ids"]) == ("2", invoice["id"])

    other = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Zed"}).json()["data"]
    payment = api.post("/api/v1/payments", headers=tenant.headers, json={
        "client_id": other["id"], "amount": 42, "transaction_reference": "STRIPE-PAYOUT-9"}).json()["data"]
    _rule(api, tenant, name="Payout", applies_to="CREDIT",
          rules=[{"search_key": "$payment.transaction_reference", "operator": "is", "value": "x"}])
    payout = line("STRIPE-PAYOUT-9", "42")
    assert (payout["status_id"], payout["payment_id"], payout["invoice_ids"]) == ("2", payment["id"], "")
    assert line("unknown", "1")["status_id"] == "1"
