import pytest

from ninja_api import ids

from tests.products.helpers import make_staff

KEYS = [
    "id", "provider_name", "provider_id", "bank_account_id", "bank_account_name", "bank_account_number",
    "bank_account_status", "bank_account_type", "nordigen_institution_id", "balance", "currency", "nickname",
    "from_date", "is_deleted", "disabled_upstream", "auto_sync", "created_at", "updated_at", "archived_at",
    "integration_type",
]
VOLATILE = {"created_at", "updated_at", "archived_at"}
UNAUTHORIZED = {"message": "This action is unauthorized."}


def stable(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in VOLATILE}


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def account(row_id: str, **changes) -> dict:
    data = {
        "id": row_id, "provider_name": "", "provider_id": 0, "bank_account_id": 0, "bank_account_name": "",
        "bank_account_number": "", "bank_account_status": "", "bank_account_type": "",
        "nordigen_institution_id": "", "balance": 0, "currency": "", "nickname": "", "from_date": "",
        "is_deleted": False, "disabled_upstream": False, "auto_sync": True, "integration_type": "",
    }
    data.update(changes)
    return data


def create(api, tenant, **body) -> dict:
    r = api.post("/api/v1/bank_integrations", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_create_show_blank(api, tenant):
    r = api.post("/api/v1/bank_integrations", headers=tenant.headers, data={"bank_account_name": "Chase"})
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == KEYS
    # A manual account is its own provider.
    assert stable(data) == account(data["id"], provider_name="Chase", bank_account_name="Chase")
    assert data["created_at"] > 0 and data["archived_at"] == 0
    assert api.get(f"/api/v1/bank_integrations/{data['id']}", headers=tenant.headers).json()["data"] == data
    assert api.get(f"/api/v1/bank_integrations/{data['id']}/edit", headers=tenant.headers).json()["data"] == data
    blank = api.get("/api/v1/bank_integrations/create", headers=tenant.headers).json()["data"]
    assert blank == {**account(""), "created_at": 0, "updated_at": 0, "archived_at": 0}


def test_fillable_fields(api, tenant):
    data = create(api, tenant, bank_account_name="Savings", provider_name="Bank of Test", bank_account_number="12-34",
                  bank_account_status="ACTIVE", bank_account_type="SAVINGS", balance="1234.56", currency="USD",
                  from_date="2024-02-03 10:00:00", auto_sync=False,
                  # Not fillable: set only by an aggregator.
                  nickname="mine", integration_type="YODLEE", provider_id=5, bank_account_id=6, is_deleted=True)
    assert stable(data) == account(
        data["id"], provider_name="Bank of Test", bank_account_name="Savings", bank_account_number="12-34",
        bank_account_status="ACTIVE", bank_account_type="SAVINGS", balance=1234.56, currency="USD",
        from_date="2024-02-03", auto_sync=False)
    r = api.put(f"/api/v1/bank_integrations/{data['id']}", headers=tenant.headers,
                json={"bank_account_name": "Savings 2", "balance": 0, "from_date": None, "auto_sync": "1",
                      "currency": "0"})
    assert r.status_code == 200
    # Upstream renders "0" as empty.
    assert stable(r.json()["data"]) == {**stable(data), "bank_account_name": "Savings 2", "balance": 0,
                                        "from_date": "", "auto_sync": True, "currency": ""}


@pytest.mark.parametrize("body, errors", [
    ({}, {"bank_account_name": ["The bank account name field is required."]}),
    ({"bank_account_name": "ab"}, {"bank_account_name": ["The bank account name must be at least 3 characters."]}),
    ({"bank_account_name": 12}, {"bank_account_name": ["The bank account name must be at least 3 characters."]}),
    ({"bank_account_name": ["a", "b", "c"]}, {"bank_account_name": ["The bank account name must be a string."]}),
    ({"bank_account_name": "Chase", "auto_sync": "maybe"}, {"auto_sync": ["The auto sync field must be true or false."]}),
    ({"bank_account_name": "Chase", "balance": "lots", "from_date": "soon", "currency": {"a": 1}},
     {"currency": ["The currency must be a string."], "balance": ["The balance must be a number."],
      "from_date": ["The from date is not a valid date."]}),
])
def test_store_failures(api, tenant, body, errors):
    r = api.post("/api/v1/bank_integrations", headers=tenant.headers, json=body)
    assert (r.status_code, r.json()) == (422, invalid(errors))


def test_update_rules_and_deleted_accounts(api, tenant):
    data = create(api, tenant, bank_account_name="Chase")
    h = tenant.headers
    r = api.put(f"/api/v1/bank_integrations/{data['id']}", headers=h, json={"bank_account_name": None})
    assert (r.status_code, r.json()) == (422, invalid({
        "bank_account_name": ["The bank account name must be at least 3 characters."]}))
    # Without a name the provider stays as it was.
    r = api.put(f"/api/v1/bank_integrations/{data['id']}", headers=h, json={"currency": "EUR"})
    assert (r.json()["data"]["provider_name"], r.json()["data"]["currency"]) == ("Chase", "EUR")
    # Upstream lets a deleted account be edited.
    api.delete(f"/api/v1/bank_integrations/{data['id']}", headers=h)
    r = api.put(f"/api/v1/bank_integrations/{data['id']}", headers=h, json={"bank_account_name": "Renamed"})
    assert (r.status_code, r.json()["data"]["bank_account_name"], r.json()["data"]["is_deleted"]) == (
        200, "Renamed", True)


def test_list_filters(api, tenant, other_tenant):
    _, b, c = (create(api, tenant, bank_account_name=n) for n in ("Checking", "Savings", "Credit card"))
    create(api, other_tenant, bank_account_name="Foreign")
    h = tenant.headers
    api.post("/api/v1/bank_integrations/bulk", headers=h, json={"action": "archive", "ids": [b["id"]]})
    api.post("/api/v1/bank_integrations/bulk", headers=h, json={"action": "delete", "ids": [c["id"]]})

    def names(query: str) -> list[str]:
        r = api.get(f"/api/v1/bank_integrations{query}", headers=h)
        assert r.status_code == 200, r.text
        return [row["bank_account_name"] for row in r.json()["data"]]

    assert names("") == ["Checking", "Savings", "Credit card"]
    assert names("?name=SAV") == ["Savings"]
    assert names("?filter=c") == ["Checking", "Credit card"]
    assert names("?status=active") == ["Checking"]
    # Upstream's own status filter: `archived` includes deleted accounts.
    assert names("?status=archived") == ["Savings", "Credit card"]
    assert names("?status=deleted") == ["Credit card"]
    assert names("?sort=bank_account_name|desc") == ["Savings", "Credit card", "Checking"]
    r = api.get("/api/v1/bank_integrations?include=company", headers=h)
    assert r.json()["data"][0]["company"]["id"] == ids.encode(tenant.company.id)


def test_bulk(api, tenant, other_tenant, session_factory):
    mine = create(api, tenant, bank_account_name="Mine")
    theirs = create(api, other_tenant, bank_account_name="Theirs")
    h = tenant.headers
    r = api.post("/api/v1/bank_integrations/bulk", headers=h, json={"action": "archive", "ids": [mine["id"], theirs["id"]]})
    assert r.status_code == 200
    # Another company's ids are left out, not refused.
    assert [(row["id"], row["archived_at"] > 0) for row in r.json()["data"]] == [(mine["id"], True)]
    assert api.get(f"/api/v1/bank_integrations/{theirs['id']}", headers=other_tenant.headers).json()["data"][
        "archived_at"] == 0
    r = api.post("/api/v1/bank_integrations/bulk", headers=h, json={"action": "restore", "ids": [mine["id"]]})
    assert r.json()["data"][0]["archived_at"] == 0
    r = api.post("/api/v1/bank_integrations/bulk", headers=h, json={"action": "delete", "ids": [mine["id"]]})
    assert (r.json()["data"][0]["is_deleted"], r.json()["data"][0]["archived_at"] > 0) == (True, True)
    r = api.post("/api/v1/bank_integrations/bulk", headers=h, json={"action": "purge", "ids": [mine["id"]]})
    assert (r.status_code, r.json()) == (422, invalid({"action": ["The selected action is invalid."]}))
    r = api.post("/api/v1/bank_integrations/bulk", headers=h, json={"action": "archive"})
    assert (r.status_code, r.json()) == (422, invalid({"ids": ["The ids field is required."]}))
    staff = make_staff(session_factory, tenant, "edit_bank_integration,create_all")
    r = api.post("/api/v1/bank_integrations/bulk", headers=staff, json={})
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)


def test_other_companies_and_permissions(api, tenant, other_tenant, session_factory):
    theirs = create(api, other_tenant, bank_account_name="Theirs")
    for method, path in (("GET", ""), ("GET", "/edit"), ("PUT", ""), ("DELETE", "")):
        r = api.request(method, f"/api/v1/bank_integrations/{theirs['id']}{path}", headers=tenant.headers,
                        json={"bank_account_name": "Mine"})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
    mine = create(api, tenant, bank_account_name="Owner's", balance=50)
    # Creating is for admins only, whatever the permissions say.
    staff = make_staff(session_factory, tenant, "create_bank_integration,create_all")
    r = api.post("/api/v1/bank_integrations", headers=staff, json={"bank_account_name": "Staff's"})
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
    assert api.get("/api/v1/bank_integrations/create", headers=staff).status_code == 401
    # Someone who books bank transactions lists every account, without balances; a show has it.
    bookkeeper = make_staff(session_factory, tenant, "view_bank_transaction", email="books@example.com")
    listed = api.get("/api/v1/bank_integrations", headers=bookkeeper).json()["data"]
    assert [(row["id"], row["balance"]) for row in listed] == [(mine["id"], 0)]
    nobody = make_staff(session_factory, tenant, "view_client", email="nobody@example.com")
    assert api.get("/api/v1/bank_integrations", headers=nobody).json()["data"] == []
    viewer = make_staff(session_factory, tenant, "view_bank_integration", email="viewer@example.com")
    assert api.get("/api/v1/bank_integrations", headers=viewer).json()["data"][0]["balance"] == 50
    assert api.get(f"/api/v1/bank_integrations/{mine['id']}", headers=viewer).json()["data"]["balance"] == 50


def test_refresh_embeds_accounts(api, tenant, session_factory):
    create(api, tenant, bank_account_name="Owner's", balance=7)
    company = api.post("/api/v1/refresh", headers=tenant.headers).json()["data"][0]["company"]
    assert [(row["bank_account_name"], row["balance"]) for row in company["bank_integrations"]] == [("Owner's", 7)]
    bookkeeper = make_staff(session_factory, tenant, "view_bank_transaction")
    company = api.post("/api/v1/refresh", headers=bookkeeper).json()["data"][0]["company"]
    assert [(row["bank_account_name"], row["balance"]) for row in company["bank_integrations"]] == [("Owner's", 0)]
    nobody = make_staff(session_factory, tenant, "", email="nobody@example.com")
    assert api.post("/api/v1/refresh", headers=nobody).json()["data"][0]["company"]["bank_integrations"] == []


def test_aggregator_routes_without_credentials(api, tenant, session_factory):
    h = tenant.headers
    r = api.post("/api/v1/bank_integrations/refresh_accounts", headers=h)
    assert (r.status_code, r.json()) == (200, {})
    assert (r.headers["x-ratelimit-limit"], r.headers["x-ratelimit-remaining"]) == ("30", "29")
    staff = make_staff(session_factory, tenant, "edit_bank_integration")
    r = api.post("/api/v1/bank_integrations/refresh_accounts", headers=staff)
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
    # The refused call still counted against the user's throttle.
    r = api.post("/api/v1/bank_integrations/get_transactions/123", headers=staff)
    assert (r.status_code, r.json()) == (429, {"message": "Too many requests"})
    other = make_staff(session_factory, tenant, "edit_bank_integration", email="other@example.com")
    r = api.post("/api/v1/bank_integrations/get_transactions/123", headers=other)
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)


def test_get_transactions_is_throttled_to_one_a_minute(api, tenant):
    h = tenant.headers
    r = api.post("/api/v1/bank_integrations/get_transactions/123", headers=h)
    assert (r.status_code, r.json()) == (200, {"message": "Fetching transactions...."})
    assert (r.headers["x-ratelimit-limit"], r.headers["x-ratelimit-remaining"]) == ("1", "0")
    r = api.post("/api/v1/bank_integrations/get_transactions/123", headers=h)
    assert (r.status_code, r.json()) == (429, {"message": "Too many requests"})
    assert "x-ratelimit-limit" not in r.headers
    # Upstream's numeric throttles share one counter per user.
    assert api.post("/api/v1/bank_integrations/refresh_accounts", headers=h).headers["x-ratelimit-remaining"] == "28"


def test_remove_account(api, tenant, other_tenant):
    theirs = create(api, other_tenant, bank_account_name="Theirs")
    mine = create(api, tenant, bank_account_name="Mine")
    h = tenant.headers
    r = api.post("/api/v1/bank_integrations/remove_account/abc", headers=h)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\BankIntegration]."})
    # A manual account's aggregator id is 0 (upstream's non-strict database fills it in).
    r = api.post("/api/v1/bank_integrations/remove_account/0", headers=h)
    assert r.status_code == 200
    assert (r.json()["data"]["id"], r.json()["data"]["is_deleted"]) == (mine["id"], True)
    # Only the caller's company is searched (upstream's query escapes it).
    r = api.post("/api/v1/bank_integrations/remove_account/0", headers=h)
    assert r.json()["data"]["id"] == mine["id"]
    assert api.get(f"/api/v1/bank_integrations/{theirs['id']}", headers=other_tenant.headers).json()["data"][
        "is_deleted"] is False
