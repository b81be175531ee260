"""A CSV statement through `/preimport` and `/import`: stored, matched by rules, converted into money."""

STATEMENT = (
    "Date,Description,Amount,Currency\n"
    "2026-11-02,Payment for invoice {number},\"1,200.00\",USD\n"
    "2026-11-03,Coffee Roasters,-18.40,USD\n"
    "2026-11-04,Unknown deposit,5,USD\n"
    "broken\n"
)


def invalid(errors):
    return {"message": "The given data was invalid.", "errors": errors}


def _preimport(api, tenant, text, entity="bank_transaction"):
    return api.post("/api/v1/preimport", headers=tenant.headers, data={"import_type": "csv"},
                    files={f"files[{entity}]": ("statement.csv", text.encode(), "text/csv")})


def test_statement_imports_rules_match_and_a_match_becomes_a_payment(api, tenant, account, make_invoice, payer, get):
    invoice = make_invoice(1200)
    vendor = api.post("/api/v1/vendors", headers=tenant.headers, json={"name": "Roasters"}).json()["data"]
    category = api.post("/api/v1/expense_categories", headers=tenant.headers, json={"name": "Coffee"}).json()["data"]
    api.post("/api/v1/bank_transaction_rules", headers=tenant.headers, json={
        "name": "Coffee", "applies_to": "DEBIT", "vendor_id": vendor["id"], "category_id": category["id"],
        "rules": [{"search_key": "description", "operator": "contains", "value": "coffee"}]})

    r = _preimport(api, tenant, STATEMENT.format(number=invoice["number"]))
    assert r.status_code == 200, r.text
    body = r.json()
    assert list(body) == ["hash", "mappings"] and len(body["hash"]) == 32
    assert body["mappings"]["bank_transaction"]["headers"] == [
        ["Date", "Description", "Amount", "Currency"],
        ["2026-11-02", f"Payment for invoice {invoice['number']}", "1,200.00", "USD"]]
    assert body["mappings"]["bank_transaction"]["hints"] == [6, 8, 1, 2]
    assert body["mappings"]["bank_transaction"]["available"][1] == "transaction.amount"

    r = api.post("/api/v1/import", headers=tenant.headers, json={
        "hash": body["hash"], "import_type": "csv", "skip_header": True, "bank_integration_id": account["id"],
        "column_map": {"bank_transaction": {"mapping": {"0": "transaction.date", "1": "transaction.description",
                                                        "2": "transaction.amount", "3": "transaction.currency"}}}})
    assert (r.status_code, r.json()) == (200, {"message": "Import started"})
    lines = api.get("/api/v1/bank_transactions?sort=id|asc", headers=tenant.headers).json()["data"]
    assert [(t["date"], t["amount"], t["base_type"], t["status_id"], t["bank_integration_id"]) for t in lines] == [
        ("2026-11-02", 1200, "CREDIT", "2", account["id"]), ("2026-11-03", 18.4, "DEBIT", "2", account["id"]),
        ("2026-11-04", 5, "CREDIT", "1", account["id"])]
    assert (lines[0]["invoice_ids"], lines[1]["vendor_id"], lines[1]["ninja_category_id"]) == (
        invoice["id"], vendor["id"], category["id"])

    converted = api.post("/api/v1/bank_transactions/bulk", headers=tenant.headers,
                         json={"action": "convert_matched", "ids": [lines[0]["id"], lines[1]["id"]]}).json()["data"]
    assert [t["status_id"] for t in converted] == ["3", "3"]
    assert get(f"invoices/{invoice['id']}")["balance"] == 0
    client = get(f"clients/{payer['id']}")
    assert (client["balance"], client["paid_to_date"]) == (0, 1200)
    expense = get(f"expenses/{converted[1]['expense_id']}")
    assert (expense["amount"], expense["vendor_id"], expense["category_id"], expense["date"]) == (
        18.4, vendor["id"], category["id"], "2026-11-03")
    # The upload is read once.
    again = api.post("/api/v1/import", headers=tenant.headers, json={
        "hash": body["hash"], "import_type": "csv", "skip_header": True, "bank_integration_id": account["id"],
        "column_map": {"bank_transaction": {"mapping": {"0": "transaction.date"}}}})
    assert again.status_code == 200
    assert len(api.get("/api/v1/bank_transactions", headers=tenant.headers).json()["data"]) == 3


def test_import_failures(api, tenant, other_tenant, account):
    r = api.post("/api/v1/preimport", headers=tenant.headers, data={})
    assert (r.status_code, r.json()) == (422, invalid({"files": ["The files field is required."],
                                                       "import_type": ["The import type field is required."]}))
    r = _preimport(api, tenant, "name\nAcme\n", entity="client")
    assert (r.status_code, r.json()) == (422, invalid({"import_type": ["Importing client is not supported."]}))
    theirs = api.post("/api/v1/bank_integrations", headers=other_tenant.headers,
                      json={"bank_account_name": "Theirs"}).json()["data"]
    r = api.post("/api/v1/import", headers=tenant.headers, json={
        "hash": "x" * 32, "import_type": "csv", "skip_header": True, "bank_integration_id": theirs["id"],
        "column_map": {"bank_transaction": {"mapping": {}}}})
    assert (r.status_code, r.json()) == (422, invalid({"bank_integration_id": ["The selected bank integration id is invalid."]}))
    r = api.post("/api/v1/import", headers=tenant.headers, json={"hash": "abc", "import_type": "csv"})
    assert (r.status_code, r.json()) == (422, invalid({
        "column_map": ["The column map field is required when hash is present."],
        "skip_header": ["The skip header field is required when hash is present."]}))
    r = api.post("/api/v1/import", headers=tenant.headers, json={"hash": {"a": 1}, "import_type": "csv"})
    assert r.status_code == 422
    r = api.post("/api/v1/import", headers=other_tenant.headers, json={
        "hash": "x", "import_type": "csv", "skip_header": True, "column_map": {}})
    assert r.status_code == 200  # an unknown hash imports nothing
