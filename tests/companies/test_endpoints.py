"""/api/v1/companies against upstream's CompanyController, requests and CompanyPolicy."""

from sqlalchemy import select

from ninja_api.companies.settings import company_defaults
from ninja_api.models import Account, Client, Company, CompanyToken, CompanyUser, User
from tests.auth.helpers import (
    ALNUM64, COMPANY_KEYS, COMPANY_USER_KEYS, INVALID_PASSWORD, INVALID_TOKEN, REGISTRATION_FIELDS, TOKEN_KEYS,
    UNAUTHORIZED, USER_KEYS, add_member, h, pagination, with_password,
)

# A company created by create_account, field by field (ids, keys and clocks aside).
STORED = {
    "update_products": True, "fill_products": True, "convert_products": False, "custom_surcharge_taxes1": False,
    "custom_surcharge_taxes2": False, "custom_surcharge_taxes3": False, "custom_surcharge_taxes4": False,
    "show_product_cost": False, "enable_product_cost": False, "show_product_details": True,
    "enable_product_quantity": True, "default_quantity": True, "custom_fields": {}, "size_id": "",
    "industry_id": "", "first_month_of_year": "1", "first_day_of_week": "", "subdomain": "",
    "portal_mode": "subdomain", "portal_domain": "", "enabled_tax_rates": 0, "enabled_modules": 32767,
    "archived_at": 0, "slack_webhook_url": "", "google_analytics_url": "", "google_analytics_key": "",
    "matomo_url": "", "matomo_id": "", "enabled_item_tax_rates": 0, "client_can_register": False, "is_large": False,
    "is_disabled": False, "enable_shop_api": False, "mark_expenses_invoiceable": False, "mark_expenses_paid": False,
    "invoice_expense_documents": False, "invoice_task_timelog": True, "auto_start_tasks": False,
    "invoice_task_documents": False, "show_tasks_table": False, "use_credits_payment": "always",
    "default_task_is_date_based": False, "enable_product_discount": False, "calculate_expense_tax_by_amount": False,
    "hide_empty_columns_on_pdf": False, "expense_inclusive_taxes": False, "expense_amount_is_pretax": True,
    "oauth_password_required": False, "session_timeout": 0, "default_password_timeout": 1800000,
    "invoice_task_datelog": True, "show_task_end_date": False, "markdown_enabled": False,
    "use_comma_as_decimal_place": False, "report_include_drafts": False,
    "client_registration_fields": REGISTRATION_FIELDS, "convert_rate_to_client": True,
    "markdown_email_enabled": True, "stop_on_unpaid_recurring": False, "use_quote_terms_on_conversion": False,
    "stock_notification": True, "inventory_notification_threshold": 0, "track_inventory": False,
    "enable_applying_payments": False, "enabled_expense_tax_rates": 0, "invoice_task_project": False,
    "report_include_deleted": False, "invoice_task_lock": False, "convert_payment_currency": False,
    "convert_expense_currency": False, "notify_vendor_when_paid": False, "invoice_task_hours": False,
    "calculate_taxes": False, "tax_data": {}, "has_e_invoice_certificate": False,
    "has_e_invoice_certificate_passphrase": False, "invoice_task_project_header": True,
    "invoice_task_item_description": True, "origin_tax_data": {}, "expense_mailbox": "",
    "expense_mailbox_active": False, "inbound_mailbox_allow_company_users": False,
    "inbound_mailbox_allow_vendors": False, "inbound_mailbox_allow_clients": False,
    "inbound_mailbox_allow_unknown": False, "inbound_mailbox_blacklist": "", "inbound_mailbox_whitelist": "",
    "smtp_host": "", "smtp_port": 0, "smtp_encryption": "", "smtp_username": "", "smtp_password": "",
    "smtp_local_domain": "", "smtp_verify_peer": True, "e_invoice": {}, "has_quickbooks_token": False,
    "is_quickbooks_token_active": False, "legal_entity_id": None, "documents": [],
}


def _stable(data: dict) -> dict:
    assert isinstance(data["created_at"], int) and data["created_at"] > 1_600_000_000
    assert isinstance(data["updated_at"], int) and data["updated_at"] >= data["created_at"]
    assert ALNUM64.fullmatch(data["company_key"] * 2)  # 32 alphanumerics
    return {k: v for k, v in data.items() if k not in ("id", "company_key", "created_at", "updated_at", "settings")}


def _second_company(api, tenant, **body) -> str:
    r = api.post("/api/v1/companies", headers=tenant.headers, json={"name": "Second Co", **body})
    assert r.status_code == 200, r.text
    ids = [c["id"] for c in api.get("/api/v1/companies", headers=tenant.headers).json()["data"]]
    return ids[-1]


def test_list_shows_the_users_companies_with_every_field(api, tenant, other_tenant):
    r = api.get("/api/v1/companies", headers=tenant.headers)
    assert r.status_code == 200
    body = r.json()
    assert list(body) == ["data", "meta"] and body["meta"] == pagination(1)
    company = body["data"][0]
    assert list(company) == COMPANY_KEYS
    assert company["id"] == h(tenant.company.id)
    assert _stable(company) == STORED
    settings = dict(company_defaults(), name="Demo Company", currency_id="1")
    assert company["settings"] == settings
    assert list(company["settings"]) == list(settings)
    theirs = api.get("/api/v1/companies", headers=other_tenant.headers).json()["data"]
    assert [c["id"] for c in theirs] == [h(other_tenant.company.id)]


def test_list_includes(api, tenant):
    r = api.get("/api/v1/companies?include=users,tokens,company_user,account", headers=tenant.headers)
    assert r.status_code == 200
    company = r.json()["data"][0]
    assert list(company)[-5:] == ["documents", "users", "account", "company_user", "tokens"]
    assert [list(u) for u in company["users"]] == [USER_KEYS]
    assert company["account"]["id"] == h(tenant.account.id)
    assert list(company["company_user"]) == COMPANY_USER_KEYS and company["company_user"]["is_owner"] is True
    # `tokens` shows whole tokens (upstream's CompanyTokenTransformer).
    assert [t["token"] for t in company["tokens"]][1] == "a" * 64
    bad = api.get("/api/v1/companies?include=nonsense", headers=tenant.headers)
    assert bad.status_code == 400 and bad.json() == {"message": "Relation `nonsense` is not a valid include."}


def test_show_and_edit(api, tenant):
    for path in (f"/api/v1/companies/{h(tenant.company.id)}", f"/api/v1/companies/{h(tenant.company.id)}/edit"):
        r = api.get(path, headers=tenant.headers)
        assert r.status_code == 200
        assert list(r.json()) == ["data"]
        assert list(r.json()["data"]) == COMPANY_KEYS
        assert _stable(r.json()["data"]) == STORED


def test_show_and_edit_only_the_tokens_company(api, tenant, other_tenant):
    second = _second_company(api, tenant)
    for company_id in (second, h(other_tenant.company.id)):
        for path in (f"/api/v1/companies/{company_id}", f"/api/v1/companies/{company_id}/edit"):
            r = api.get(path, headers=tenant.headers)
            assert r.status_code == 401 and r.json() == UNAUTHORIZED, path
    r = api.get("/api/v1/companies/7", headers=tenant.headers)
    assert r.status_code == 400 and r.json() == {"message": "Record with value 7 not found"}
    r = api.get(f"/api/v1/companies/{h(99999)}", headers=tenant.headers)
    assert r.status_code == 400 and r.json() == {"message": "No query results for model [App\\Models\\Company]."}


def test_current(api, tenant):
    r = api.post("/api/v1/companies/current", headers=tenant.headers)
    assert r.status_code == 200 and r.json()["data"]["id"] == h(tenant.company.id)
    assert list(r.json()["data"]) == COMPANY_KEYS


def test_blank_company(api, tenant):
    r = api.get("/api/v1/companies/create", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == COMPANY_KEYS
    assert ALNUM64.fullmatch(data["company_key"] * 2)
    # Upstream's factory: an unsaved model, so every flag it does not set is false.
    flags = {k for k, v in STORED.items() if isinstance(v, bool)} - {
        "expense_amount_is_pretax", "markdown_email_enabled", "smtp_verify_peer"}
    expected = {**STORED, **{k: False for k in flags}, "id": "", "created_at": 0, "updated_at": 0,
                "portal_mode": "", "smtp_encryption": "tls", "settings": company_defaults()}
    assert {k: v for k, v in data.items() if k != "company_key"} == expected
    # Nothing was stored.
    assert len(api.get("/api/v1/companies", headers=tenant.headers).json()["data"]) == 1


def test_update_columns(api, tenant):
    r = api.put(f"/api/v1/companies/{h(tenant.company.id)}", headers=tenant.headers, json={
        "size_id": "3", "industry_id": 7, "fill_products": False, "enabled_tax_rates": "2", "portal_mode": "iframe",
        "portal_domain": "https://Billing.Example.com/", "custom_fields": {"invoice1": "Label|single_line_text"},
        "smtp_username": "mailer", "smtp_password": "secret", "smtp_port": "587", "is_large": True,
        "id": "ignored", "company_key": "ignored", "unknown": "ignored", "google_analytics_key": "UA-1",
    })
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == COMPANY_KEYS
    assert _stable(data) == {
        **STORED, "size_id": "3", "industry_id": "7", "fill_products": False, "enabled_tax_rates": 2,
        "portal_mode": "iframe", "portal_domain": "https://billing.example.com",
        "custom_fields": {"invoice1": "Label|single_line_text"}, "smtp_username": "********",
        "smtp_password": "********", "smtp_port": 587, "google_analytics_key": "UA-1",
        "google_analytics_url": "UA-1",
    }
    assert data["id"] == h(tenant.company.id)
    # Masks sent back leave the secrets as they are; PATCH is the same route.
    again = api.patch(f"/api/v1/companies/{h(tenant.company.id)}", headers=tenant.headers,
                      json={"smtp_username": "********", "smtp_password": "********", "size_id": None})
    assert again.status_code == 200
    assert again.json()["data"]["smtp_username"] == "********" and again.json()["data"]["size_id"] == ""


def test_update_settings_rebuilds_from_the_defaults(api, tenant):
    path = f"/api/v1/companies/{h(tenant.company.id)}"
    first = api.put(path, headers=tenant.headers, json={"settings": {"name": "Renamed", "website": "example.com",
                                                                       "timezone_id": "5"}})
    assert first.status_code == 200
    # pdf_variables, when not sent, becomes {} (upstream quirk).
    assert first.json()["data"]["settings"] == dict(company_defaults(), name="Renamed", website="example.com",
                                                    timezone_id="5", pdf_variables={})
    # Keys not sent go back to their defaults (the currency too).
    second = api.put(path, headers=tenant.headers, json={"settings": {"name": "Again"}})
    assert second.json()["data"]["settings"] == dict(company_defaults(), name="Again", pdf_variables={})
    # Without `settings` (or with null) nothing changes.
    assert api.put(path, headers=tenant.headers, json={"size_id": "1"}).json()["data"]["settings"]["name"] == "Again"
    assert api.put(path, headers=tenant.headers, json={"settings": None}).json()["data"]["settings"]["name"] == "Again"
    assert api.get(path, headers=tenant.headers).json()["data"]["settings"] == \
        dict(company_defaults(), name="Again", pdf_variables={})


def test_update_validation(api, tenant):
    path = f"/api/v1/companies/{h(tenant.company.id)}"
    r = api.put(path, headers=tenant.headers, json={"settings": {"name": 5}})
    assert r.status_code == 422
    assert r.json() == {"message": "The given data was invalid.",
                        "errors": {"settings": ["name is not a valid string ( 5 )"]}}
    r = api.put(path, headers=tenant.headers, json={"industry_id": "abc", "size_id": "x", "work_email": "nope"})
    assert r.status_code == 422
    assert r.json()["errors"] == {
        "industry_id": ["The industry id must be an integer."], "size_id": ["The size id must be an integer."],
        "work_email": ["The work email must be a valid email address."],
    }
    r = api.put(path, headers=tenant.headers, json={"portal_mode": "domain", "portal_domain": "not a url"})
    assert r.json()["errors"] == {"portal_domain": ["The portal domain must be a valid URL."]}
    # Nothing was saved by the failed requests.
    assert api.get(path, headers=tenant.headers).json()["data"]["settings"]["name"] == "Demo Company"


def test_update_needs_edit_rights_on_the_tokens_company(api, tenant, other_tenant, session_factory):
    second = _second_company(api, tenant)
    for company_id in (second, h(other_tenant.company.id)):
        r = api.put(f"/api/v1/companies/{company_id}", headers=tenant.headers, json={"size_id": "1"})
        assert r.status_code == 401 and r.json() == UNAUTHORIZED
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    r = api.put(f"/api/v1/companies/{h(tenant.company.id)}", headers=member["headers"], json={"size_id": "1"})
    assert r.status_code == 401 and r.json() == UNAUTHORIZED
    editor = add_member(session_factory, tenant, "editor@example.com", "e" * 64, permissions="edit_company")
    r = api.put(f"/api/v1/companies/{h(tenant.company.id)}", headers=editor["headers"], json={"size_id": "2"})
    assert r.status_code == 200 and r.json()["data"]["size_id"] == "2"


def test_create_a_company_in_the_same_account(api, tenant, session_factory):
    r = api.post("/api/v1/companies", headers=tenant.headers, json={"name": "Second Co", "size_id": "2"})
    assert r.status_code == 200
    body = r.json()
    assert list(body) == ["data", "meta"] and body["meta"] == pagination(1)
    link = body["data"][0]
    assert list(link) == COMPANY_USER_KEYS
    assert {k: v for k, v in link.items() if k not in ("updated_at", "created_at", "permissions_updated_at")} == {
        "permissions": "", "notifications": {"email": ["invoice_sent_all"]}, "settings": {}, "react_settings": {},
        "is_owner": True, "is_admin": True, "is_locked": False, "archived_at": 0, "ninja_portal_url": "",
    }
    companies = api.get("/api/v1/companies", headers=tenant.headers).json()["data"]
    assert [c["settings"]["name"] for c in companies] == ["Demo Company", "Second Co"]
    new = companies[1]
    assert new["size_id"] == "2" and new["client_registration_fields"] == REGISTRATION_FIELDS
    with session_factory() as s:
        company = s.get(Company, int(__import__("ninja_api").ids.decode(new["id"])))
        assert company.account_id == tenant.account.id
        tokens = s.scalars(select(CompanyToken).where(CompanyToken.company_id == company.id)).all()
        # Its own system token, named after the client's User-Agent as upstream does.
        assert [(t.user_id, t.is_system, t.name) for t in tokens] == [(tenant.user.id, True, "testclient")]
        assert ALNUM64.fullmatch(tokens[0].token)
        new_token = tokens[0].token
    assert api.get("/api/v1/ping", headers={"X-API-TOKEN": new_token}).json()["company_name"] == "Second Co"


def test_create_names_and_defaults(api, tenant, session_factory):
    api.post("/api/v1/companies", headers={**tenant.headers, "User-Agent": "ignored"}, json={"token_name": "My App"})
    companies = api.get("/api/v1/companies", headers=tenant.headers).json()["data"]
    assert companies[1]["settings"]["name"] == "Untitled Company"
    with session_factory() as s:
        names = s.scalars(select(CompanyToken.name).where(CompanyToken.is_system.is_(True))
                          .order_by(CompanyToken.id)).all()
        assert names[-1] == "My App"
    # Sent settings are rebuilt from the defaults: without `name` the name is lost (quirk kept).
    api.post("/api/v1/companies", headers=tenant.headers, json={"name": "Third", "settings": {"website": "x.com"}})
    third = api.get("/api/v1/companies", headers=tenant.headers).json()["data"][2]
    assert third["settings"]["name"] == "" and third["settings"]["website"] == "x.com"
    bad = api.post("/api/v1/companies", headers=tenant.headers, json={"settings": {"name": 5}})
    assert bad.status_code == 422 and bad.json()["errors"] == {"settings": ["name is not a valid string ( 5 )"]}


def test_create_needs_admin_or_permission(api, tenant, session_factory):
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    for method, path in (("post", "/api/v1/companies"), ("get", "/api/v1/companies/create")):
        r = getattr(api, method)(path, headers=member["headers"], **({"json": {}} if method == "post" else {}))
        assert r.status_code == 401 and r.json() == UNAUTHORIZED
    creator = add_member(session_factory, tenant, "creator@example.com", "c" * 64, permissions="create_company")
    assert api.post("/api/v1/companies", headers=creator["headers"], json={"name": "Mine"}).status_code == 200


def test_delete_needs_the_password_and_an_owner(api, tenant, session_factory):
    second = _second_company(api, tenant)
    r = api.delete(f"/api/v1/companies/{second}", headers=tenant.headers)
    assert r.status_code == 412 and r.json() == INVALID_PASSWORD
    admin = add_member(session_factory, tenant, "admin@example.com", "d" * 64, admin=True)
    r = api.delete(f"/api/v1/companies/{second}", headers=with_password(admin["headers"]))
    assert r.status_code == 401 and r.json() == UNAUTHORIZED


def test_delete_one_of_several_companies(api, tenant, session_factory):
    second = _second_company(api, tenant)
    api.post(f"/api/v1/companies/{second}/default", headers=tenant.headers)
    r = api.delete(f"/api/v1/companies/{second}", headers=with_password(tenant.headers))
    assert r.status_code == 200 and r.json() == {"message": "Success"}
    assert [c["id"] for c in api.get("/api/v1/companies", headers=tenant.headers).json()["data"]] == \
        [h(tenant.company.id)]
    with session_factory() as s:
        assert s.get(Account, tenant.account.id).default_company_id == tenant.company.id
        assert s.scalars(select(CompanyUser.company_id).where(CompanyUser.user_id == tenant.user.id)).all() == \
            [tenant.company.id]


def test_deleting_the_last_company_removes_the_account(api, tenant, other_tenant, session_factory):
    api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"})
    r = api.delete(f"/api/v1/companies/{h(tenant.company.id)}", headers=with_password(tenant.headers))
    assert r.status_code == 200 and r.json() == {"message": "Success"}
    with session_factory() as s:
        assert s.get(Account, tenant.account.id) is None
        assert s.get(Company, tenant.company.id) is None
        assert s.get(User, tenant.user.id) is None
        assert s.scalars(select(Client).where(Client.company_id == tenant.company.id)).all() == []
        assert s.get(Account, other_tenant.account.id) is not None
    assert api.get("/api/v1/ping", headers=tenant.headers).json() == INVALID_TOKEN
    assert api.post("/api/v1/login", json={"email": "demo@example.com", "password": "Password0"}).status_code == 401
    assert api.get("/api/v1/ping", headers=other_tenant.headers).status_code == 200


def test_another_accounts_company_cannot_be_deleted_or_made_default(api, tenant, other_tenant):
    theirs = h(other_tenant.company.id)
    r = api.delete(f"/api/v1/companies/{theirs}", headers=with_password(tenant.headers))
    assert r.status_code == 401 and r.json() == UNAUTHORIZED
    r = api.post(f"/api/v1/companies/{theirs}/default", headers=tenant.headers)
    assert r.status_code == 401 and r.json() == UNAUTHORIZED
    assert api.get("/api/v1/companies", headers=other_tenant.headers).json()["data"][0]["id"] == theirs


def test_make_default(api, tenant, session_factory):
    second = _second_company(api, tenant)
    r = api.post(f"/api/v1/companies/{second}/default", headers=tenant.headers)
    assert r.status_code == 200
    assert list(r.json()["data"]) == COMPANY_KEYS and r.json()["data"]["id"] == second
    login = api.post("/api/v1/login", json={"email": "demo@example.com", "password": "Password0"}).json()
    assert [i["account"]["default_company_id"] for i in login["data"]] == [second, second]
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    r = api.post(f"/api/v1/companies/{h(tenant.company.id)}/default", headers=member["headers"])
    assert r.status_code == 401 and r.json() == UNAUTHORIZED


def test_is_large_is_computed_for_users_in_several_companies(api, tenant, session_factory):
    _second_company(api, tenant)
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    assert api.get("/api/v1/companies", headers=member["headers"]).json()["data"][0]["is_large"] is False
    with session_factory() as s:
        second = s.scalar(select(Company.id).where(Company.account_id == tenant.account.id).order_by(Company.id.desc()))
        s.add(CompanyUser(company_id=second, account_id=tenant.account.id, user_id=member["user_id"],
                          permissions="", is_admin=True))
        s.commit()
    # In two companies, admin in only one of them: every company renders as large.
    assert [c["is_large"] for c in api.get("/api/v1/companies", headers=member["headers"]).json()["data"]] == \
        [True, True]
    assert [c["is_large"] for c in api.get("/api/v1/companies", headers=tenant.headers).json()["data"]] == \
        [False, False]


def test_companies_need_a_token(api):
    for method, path in (("get", "/api/v1/companies"), ("post", "/api/v1/companies"),
                         ("get", "/api/v1/companies/create")):
        r = getattr(api, method)(path)
        assert r.status_code == 403 and r.json() == INVALID_TOKEN
    assert TOKEN_KEYS  # the helper module's lists are shared by all these tests
