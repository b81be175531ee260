"""POST /search: the company's clients, contacts and invoices (never deleted ones) and the settings pages."""

from datetime import datetime

from sqlalchemy import update

from ninja_api import ids
from ninja_api.models import Client
from ninja_api.search.service import settings_pages
from tests.auth.helpers import add_member


def _post(api, tenant, path, body):
    r = api.post(path, headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _touch(session_factory, client, moment):
    with session_factory() as s:
        s.execute(update(Client).where(Client.id == ids.decode(client["id"])).values(updated_at=moment))
        s.commit()


def test_lists_clients_contacts_invoices_and_settings(api, tenant, other_tenant, session_factory):
    acme = _post(api, tenant, "/api/v1/clients", {"name": "Acme", "contacts": [
        {"first_name": "Ann", "last_name": "Lee", "email": "a@acme.co"}, {"email": "b@acme.co"}]})
    nameless = _post(api, tenant, "/api/v1/clients", {"contacts": [{"email": "c@example.com"}]})
    archived = _post(api, tenant, "/api/v1/clients", {"name": "Old Co"})
    gone = _post(api, tenant, "/api/v1/clients", {"name": "Gone"})
    first = _post(api, tenant, "/api/v1/invoices", {"client_id": acme["id"], "line_items": [{"cost": 1}]})
    second = _post(api, tenant, "/api/v1/invoices", {"client_id": nameless["id"], "line_items": [{"cost": 2}]})
    deleted = _post(api, tenant, "/api/v1/invoices", {"client_id": acme["id"], "line_items": [{"cost": 3}]})
    _post(api, tenant, "/api/v1/invoices", {"client_id": gone["id"], "line_items": [{"cost": 4}]})
    assert api.delete(f"/api/v1/invoices/{deleted['id']}", headers=tenant.headers).status_code == 200
    _post(api, tenant, "/api/v1/clients/bulk", {"action": "archive", "ids": [archived["id"]]})
    _post(api, tenant, "/api/v1/clients/bulk", {"action": "delete", "ids": [gone["id"]]})
    _post(api, other_tenant, "/api/v1/clients", {"name": "Theirs"})
    for client, second_of_minute in ((acme, 1), (nameless, 3), (archived, 2)):
        _touch(session_factory, client, datetime(2024, 9, 19, 10, 0, second_of_minute))

    r = api.post("/api/v1/search", headers=tenant.headers, json={"search": "acme"})
    assert r.status_code == 200, r.text

    def client_item(client, name):
        return {"name": name, "type": "/client", "id": client["id"], "path": f"/clients/{client['id']}"}

    assert r.json() == {
        # Most recently updated first; archived clients are listed, deleted ones are not.
        "clients": [client_item(nameless, "c@example.com"), client_item(archived, "Old Co"),
                    client_item(acme, "Acme")],
        # A contact with no name shows the client's; the blank contact of a client made without any too.
        "client_contacts": [client_item(nameless, "c@example.com <c@example.com>"),
                            client_item(archived, f"Old Co <{archived['contacts'][0]['email']}>"),
                            client_item(acme, "Ann Lee <a@acme.co>"), client_item(acme, "Acme <b@acme.co>")],
        # Newest first: neither the deleted invoice nor the deleted client's.
        "invoices": [{"name": f"c@example.com - {second['number']}", "type": "/invoice", "id": second["id"],
                      "path": f"/invoices/{second['id']}/edit"},
                     {"name": f"Acme - {first['number']}", "type": "/invoice", "id": first["id"],
                      "path": f"/invoices/{first['id']}/edit"}],
        "settings": settings_pages(),
    }
    # The database path lists the same whatever is searched for; the web app filters as the user types.
    assert api.post("/api/v1/search", headers=tenant.headers).json() == r.json()
    assert api.post("/api/v1/search?search=zzz", headers=tenant.headers).json() == r.json()


def test_settings_pages():
    pages = settings_pages()
    assert len(pages) == 67
    assert pages[0] == {"id": "User Details", "path": "/settings/user_details", "type": "user_details",
                        "name": "User Details"}
    assert pages[6] == {"id": "Custom Fields", "path": "/settings/custom_fields", "type": "custom_fields",
                        "name": "Custom Fields"}
    assert pages[9] == {"id": "Company Details Details", "path": "/settings/company_details/details",
                        "type": "details", "name": "Company Details Details"}
    # A word upstream has no translation for shows its translation key.
    assert pages[-1] == {"id": "Credit Cards & Banks texts.transaction_rules/create",
                         "path": "/settings/bank_accounts/transaction_rules/create",
                         "type": "transaction_rules/create", "name": "Credit Cards & Banks texts.transaction_rules/create"}


def test_users_without_view_all_see_their_own(api, tenant, session_factory):
    _post(api, tenant, "/api/v1/clients", {"name": "Acme"})
    member = add_member(session_factory, tenant, "m@example.com", "m" * 64, permissions="view_client,view_invoice")
    r = api.post("/api/v1/search", headers=member["headers"])
    assert r.status_code == 200
    assert (r.json()["clients"], r.json()["client_contacts"], r.json()["invoices"]) == ([], [], [])
    viewer = add_member(session_factory, tenant, "v@example.com", "v" * 64, permissions="view_all,view_client")
    r = api.post("/api/v1/search", headers=viewer["headers"])
    assert [c["name"] for c in r.json()["clients"]] == ["Acme"]


def test_bad_input_and_no_token(api, tenant):
    r = api.post("/api/v1/search", headers=tenant.headers, json={"search": ["acme"]})
    assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.",
                                               "errors": {"search": ["The search must be a string."]}})
    r = api.post("/api/v1/search", json={"search": "acme"})
    assert (r.status_code, r.json()) == (403, {"message": "Invalid token", "errors": {}})
