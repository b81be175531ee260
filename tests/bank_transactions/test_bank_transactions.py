"""Bank transactions through the API: JSON, rules, filters, bulk, and the account's include."""

from ninja_api import ids
from ninja_api.models.base import utcnow

KEYS = ["id", "user_id", "bank_integration_id", "transaction_id", "amount", "currency_id", "account_type",
        "category_id", "ninja_category_id", "category_type", "date", "bank_account_id", "status_id", "description",
        "participant", "participant_name", "base_type", "invoice_ids", "expense_id", "payment_id", "vendor_id",
        "bank_transaction_rule_id", "is_deleted", "nordigen_transaction_id", "created_at", "updated_at",
        "archived_at"]


def invalid(errors):
    return {"message": "The given data was invalid.", "errors": errors}


def _account(api, tenant, name="Checking"):
    r = api.post("/api/v1/bank_integrations", headers=tenant.headers, json={"bank_account_name": name})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _store(api, tenant, status=200, **body):
    r = api.post("/api/v1/bank_transactions", headers=tenant.headers, json=body)
    assert r.status_code == status, r.text
    return r.json()["data"] if status == 200 else r.json()


def test_store_show_and_update(api, tenant):
    account = _account(api, tenant)
    created = _store(api, tenant, bank_integration_id=account["id"], description="Coffee", amount="-4.50",
                     base_type="DEBIT")
    assert list(created) == KEYS
    assert {k: v for k, v in created.items() if k not in ("id", "created_at", "updated_at")} == {
        "user_id": ids.encode(tenant.user.id), "bank_integration_id": account["id"], "transaction_id": 0,
        "amount": -4.5, "currency_id": "1", "account_type": "", "category_id": 0, "ninja_category_id": "",
        "category_type": "", "date": utcnow().date().isoformat(), "bank_account_id": 0, "status_id": "1",
        "description": "Coffee", "participant": "", "participant_name": "", "base_type": "DEBIT", "invoice_ids": "",
        "expense_id": "", "payment_id": "", "vendor_id": "", "bank_transaction_rule_id": "", "is_deleted": False,
        "nordigen_transaction_id": "", "archived_at": 0}
    assert api.get(f"/api/v1/bank_transactions/{created['id']}", headers=tenant.headers).json()["data"] == created
    r = api.put(f"/api/v1/bank_transactions/{created['id']}", headers=tenant.headers,
                json={"bank_integration_id": account["id"], "date": "2022-10-10", "amount": 100})
    assert (r.json()["data"]["date"], r.json()["data"]["amount"]) == ("2022-10-10", 100)
    r = api.put(f"/api/v1/bank_transactions/{created['id']}", headers=tenant.headers, json={"amount": "x"})
    assert r.json() == invalid({"date": ["The date field is required."], "amount": ["The amount must be a number."],
                                "bank_integration_id": ["The bank integration id field is required."]})
    shown = api.get(f"/api/v1/bank_integrations/{account['id']}?include=bank_transactions",
                    headers=tenant.headers).json()["data"]
    assert [t["id"] for t in shown["bank_transactions"]] == [created["id"]]


def test_rules_filters_and_bulk(api, tenant, other_tenant):
    assert _store(api, tenant, 422) == invalid({"bank_integration_id": ["The bank integration id field is required."]})
    theirs = _account(api, other_tenant)
    assert _store(api, tenant, 422, bank_integration_id=theirs["id"]) == invalid(
        {"bank_integration_id": ["The selected bank integration id is invalid."]})
    account, savings = _account(api, tenant), _account(api, tenant, "Savings")
    coffee = _store(api, tenant, bank_integration_id=account["id"], description="Coffee", base_type="DEBIT")
    salary = _store(api, tenant, bank_integration_id=savings["id"], description="Salary", base_type="CREDIT")

    def listed(query):
        r = api.get(f"/api/v1/bank_transactions?{query}", headers=tenant.headers)
        assert r.status_code == 200, r.text
        return [t["description"] for t in r.json()["data"]]

    assert listed("filter=coff") == ["Coffee"]
    assert listed("client_status=deposits") == ["Salary"]
    assert listed("client_status=unmatched") == ["Coffee", "Salary"]
    assert listed(f"bank_integration_ids={savings['id']}") == ["Salary"]
    r = api.post("/api/v1/bank_transactions/bulk", headers=tenant.headers,
                 json={"action": "delete", "ids": [coffee["id"]]})
    assert [t["is_deleted"] for t in r.json()["data"]] == [True]
    assert listed("status=active") == ["Salary"]
    assert api.get("/api/v1/bank_transactions", headers=other_tenant.headers).json()["data"] == []
    assert salary["status_id"] == "1"
