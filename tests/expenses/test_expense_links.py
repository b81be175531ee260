from tests.expenses.test_expenses import client, create


def test_an_invoice_line_naming_the_expense_bills_it(api, tenant):
    cl = client(api, tenant)
    expense = create(api, tenant, client_id=cl, amount=50, should_be_invoiced=True)
    other = create(api, tenant, client_id=cl, amount=10, should_be_invoiced=True)
    h = tenant.headers
    r = api.post("/api/v1/invoices", headers=h, json={"client_id": cl, "line_items": [
        {"product_key": "", "notes": "Expense", "cost": 50, "quantity": 1, "type_id": "2",
         "expense_id": expense["id"]}]})
    assert r.status_code == 200, r.text
    invoice_id = r.json()["data"]["id"]
    billed = api.get(f"/api/v1/expenses/{expense['id']}?include=invoice", headers=h).json()["data"]
    assert billed["invoice_id"] == invoice_id and billed["invoice"]["id"] == invoice_id
    assert api.get(f"/api/v1/expenses/{other['id']}", headers=h).json()["data"]["invoice_id"] == ""
    numbers = [e["id"] for e in api.get("/api/v1/expenses?client_status=invoiced", headers=h).json()["data"]]
    assert numbers == [expense["id"]]
    pending = [e["id"] for e in api.get("/api/v1/expenses?client_status=pending", headers=h).json()["data"]]
    assert pending == [other["id"]]


def test_a_project_sets_the_client(api, tenant):
    cl = client(api, tenant)
    r = api.post("/api/v1/projects", headers=tenant.headers, json={"name": "P", "client_id": cl})
    assert r.status_code == 200, r.text
    project = r.json()["data"]["id"]
    data = create(api, tenant, project_id=project)
    assert (data["project_id"], data["client_id"]) == (project, cl)
    # A project that is not the company's is dropped, not refused.
    dropped = create(api, tenant, project_id="zzzzzz")
    assert (dropped["project_id"], dropped["client_id"]) == ("", "")
