"""The official web app's calls (invoiceninja/ui 4c5e8693f), replayed in the order it makes them.

Recorded by `../shared/tools/webapp/flow.mjs` (log in → dashboard → clients → new client → new
invoice → its PDF → the invoice list) against `ninja-api serve`; each call must answer 2xx with
the fields the app reads, so CI keeps the app working without a browser. Bodies are the app's
(the invoice is the blank `/invoices/create` object it edits, as the app posts it).
"""

from datetime import date

from ninja_api.models import User

LISTS = [
    "company_gateways?sort=id|desc&status=active",
    "bank_integrations?per_page=20&status=active",
    "tax_rates?per_page=1000&page=undefined&sort=id|asc&status=all",
]
DASHBOARD_LISTS = [
    "payments?include=client%2Cinvoices&sort=date%7Cdesc&per_page=50&without_deleted_clients=true&page=1&filter=",
    "invoices?include=client.group_settings&upcoming=true&without_deleted_clients=true&per_page=50&page=1&filter=",
    "invoices?include=client.group_settings&overdue=true&without_deleted_clients=true&per_page=50&page=1&sort=id%7Cdesc",
    "quotes?include=client&client_status=expired&without_deleted_clients=true&per_page=50&page=1&sort=id%7Cdesc",
    "quotes?include=client&client_status=upcoming&without_deleted_clients=true&per_page=50&page=1&filter=",
    "recurring_invoices?include=client&client_status=active&without_deleted_clients=true&per_page=50&page=1",
]


def _ok(r, kind="json"):
    assert 200 <= r.status_code < 300, (r.request.method, r.request.url, r.status_code, r.text[:300])
    if kind == "pdf":
        assert r.headers["content-type"] == "application/pdf" and r.content.startswith(b"%PDF")
        return r.content
    return r.json() if kind == "json" else r.text


def _listed(r):
    body = _ok(r)
    assert isinstance(body["data"], list) and "pagination" in body["meta"], body
    return body["data"]


def test_the_web_app_flow(api, tenant, session_factory):
    with session_factory() as s:
        email = s.get(User, tenant.user.id).email
    # --- log in and start up ---
    login = _ok(api.post("/api/v1/login", json={"email": email, "password": "Password0", "one_time_password": "",
                                                 "secret": ""}, headers={"X-React": "true"}))
    first = login["data"][0]
    token = first["token"]["token"]
    assert first["company"]["id"] and first["user"]["id"] and "settings" in first["company"]
    headers = {"X-API-TOKEN": token, "X-Requested-With": "XMLHttpRequest", "X-React": "true"}

    def get(path, **kw):
        return api.get(f"/api/v1/{path}", headers=headers, **kw)

    def post(path, body=None, **kw):
        return api.post(f"/api/v1/{path}", headers=headers, json=body, **kw)

    statics = _ok(get("statics"))
    assert statics["currencies"] and statics["countries"]
    assert _ok(post("self-update/check_version"), "text")
    _ok(get("health_check"))
    for path in LISTS:
        _listed(get(path))
    found = _ok(post("search"))
    assert {"clients", "client_contacts", "invoices", "settings"} <= set(found)

    # --- dashboard ---
    month = date.today().replace(day=1)
    period = {"start_date": month.isoformat(), "end_date": date.today().isoformat(), "date_range": "this_month"}
    totals = _ok(post("charts/totals_v2", period))
    assert "currencies" in totals and {"invoices", "revenue", "outstanding", "expenses"} <= set(totals["1"])
    summary = _ok(post("charts/chart_summary_v2", period))
    assert {"invoices", "outstanding", "payments", "expenses"} <= set(summary["1"])
    assert isinstance(_ok(get("activities?reactv2"))["data"], list)
    for path in DASHBOARD_LISTS:
        _listed(get(path))
    _ok(api.put(f"/api/v1/company_users/{first['user']['id']}", headers=headers,
                json={"company_user": {"react_settings": {"show_pdf_preview": True}}}))

    # --- clients: list, new client and its page ---
    _listed(get("clients?include=group_settings&sort=id%7Cdesc&per_page=10&page=1&filter=&status=active"))
    _listed(get("users"))
    _listed(get("group_settings?status=active&per_page=20"))
    _listed(get("payment_terms?per_page=1000&page=undefined&sort=id|asc"))
    assert _ok(get("clients/create"))["data"]["id"] == ""
    client = _ok(post("clients", {"group_settings_id": "", "name": "Acme Widgets Ltd", "contacts": [
        {"first_name": "Jane", "last_name": "Doe", "email": "jane.doe@example.com", "phone": "",
         "send_email": False}]}))["data"]
    assert client["contacts"][0]["email"] == "jane.doe@example.com"
    shown = _ok(get(f"clients/{client['id']}?include=group_settings,activities.history"))["data"]
    assert isinstance(shown["activities"], list) and shown["activities"]
    assert isinstance(_ok(post(f"clients/{client['id']}/documents"))["data"], list)
    _listed(get("group_settings?status=active&per_page=1000"))
    assert isinstance(_ok(post(f"emails/clientHistory/{client['id']}")), list)
    _listed(get(f"invoices?include=client.group_settings&client_id={client['id']}&sort=id%7Cdesc&per_page=10&page=1"))
    assert _ok(get("payments/create"))["data"]["id"] == ""

    # --- a new invoice: the editor's live preview, the save, the PDF viewer ---
    draft = _ok(get("invoices/create"))["data"]
    _listed(get("clients?status=active&filter="))
    draft.update(client_id=client["id"], line_items=[{**_ok(get("products/create"))["data"], "notes": "Consulting",
                                                      "cost": 150, "quantity": 2}])
    _ok(post("live_preview?entity=invoice", draft), "pdf")
    invoice = _ok(post("invoices", draft))["data"]
    assert (invoice["amount"], invoice["number"], invoice["client_id"]) == (300, "0001", client["id"])
    invoice = _ok(get(f"invoices/{invoice['id']}?include=client.group_settings"))["data"]
    _ok(api.get(f"/client/invoice/{invoice['invitations'][0]['key']}/download_pdf", headers=headers), "pdf")
    listed = _listed(get("invoices?include=client.group_settings&without_deleted_clients=true&sort=id%7Cdesc"
                         "&per_page=10&page=1&filter=&client_status=all"))
    assert [i["id"] for i in listed] == [invoice["id"]]
