import re

from ninja_api import ids

from tests.clients.helpers import CLIENT_KEYS, CONTACT_KEYS, create_client, stable

BASE = { "assigned_user_id": "", "website": "", "private_notes": "", "balance": 0,
    "group_settings_id": "", "paid_to_date": 0, "payment_balance": 0, "credit_balance": 0, "last_login": 0,
    "size_id": "", "public_notes": "", "address1": "", "address2": "", "phone": "", "city": "", "state": "",
    "postal_code": "", "country_id": "840", "industry_id": "", "custom_value1": "", "custom_value2": "",
    "custom_value3": "", "custom_value4": "", "shipping_address1": "", "shipping_address2": "",
    "shipping_city": "", "shipping_state": "", "shipping_postal_code": "", "shipping_country_id": "",
    "settings": {"entity": "App\\Models\\Client", "industry_id": "", "size_id": "", "currency_id": "1"},
    "is_deleted": False, "vat_number": "", "id_number": "", "archived_at": 0, "has_valid_vat_number": False,
    "is_tax_exempt": False, "routing_id": "", "tax_info": {}, "classification": "", "e_invoice": {},
    "documents": [], "gateway_tokens": [], "locations": [],
}


def test_create_with_contacts_renders_every_upstream_field(api, tenant):
    data = create_client(api, tenant, name="Acme", contacts=[{"first_name": "Helly", "email": "email@example.com"}])
    assert list(data) == CLIENT_KEYS
    assert list(data["contacts"][0]) == CONTACT_KEYS
    client_id = ids.decode(data["id"])
    contact_id = ids.decode(data["contacts"][0]["id"])
    # Ids are hashes of the integer keys (sequences differ per database, so they are looked up).
    assert stable(data) == {
        **BASE, "id": ids.encode(client_id), "user_id": ids.encode(tenant.user.id), "name": "Acme",
        "display_name": "Acme", "number": "0001",
        "contacts": [{
            "id": ids.encode(contact_id), "first_name": "Helly", "last_name": "", "email": "email@example.com",
            "archived_at": 0, "is_primary": True, "is_locked": False, "phone": "", "custom_value1": "",
            "custom_value2": "", "custom_value3": "", "custom_value4": "", "send_email": True,
            "last_login": 0, "password": "",
        }],
    }
    assert re.fullmatch(r"[A-Za-z0-9]{40}", data["client_hash"])
    contact = data["contacts"][0]
    assert re.fullmatch(r"[A-Za-z0-9]{32}", contact["contact_key"])
    assert contact["link"] == f"https://ninja.test/client/key_login/{contact['contact_key']}"
    assert isinstance(data["created_at"], int) and data["created_at"] > 1_700_000_000


def test_empty_post_creates_a_client_with_a_placeholder_contact(api, tenant):
    data = create_client(api, tenant)
    assert data["name"] == ""
    assert len(data["contacts"]) == 1
    placeholder = data["contacts"][0]
    assert placeholder["email"] == " " and placeholder["is_primary"] and placeholder["send_email"]
    assert len(placeholder["contact_key"]) == 40
    # No usable name: the display name falls back to the placeholder's email, a single space.
    assert data["display_name"] == " "


def test_numbers_come_from_the_company_counter(api, tenant):
    numbers = [create_client(api, tenant, name=f"C{i}")["number"] for i in range(3)]
    assert numbers == ["0001", "0002", "0003"]
    # A number chosen by the client is kept, and generated numbers skip it.
    assert create_client(api, tenant, name="X", number="0004")["number"] == "0004"
    assert create_client(api, tenant, name="Y")["number"] == "0005"


def test_number_pattern_and_padding_from_company_settings(api, tenant, session_factory):
    from ninja_api.models import Company

    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, "client_number_pattern": "CL-{$year}-{$counter}",
                            "counter_padding": 3, "client_number_counter": 7}
        s.commit()
    number = create_client(api, tenant, name="P")["number"]
    import datetime

    assert number == f"CL-{datetime.date.today().year}-007"
    with session_factory() as s:
        assert s.get(Company, tenant.company.id).settings["client_number_counter"] == 8


def test_duplicate_number_is_a_422(api, tenant):
    create_client(api, tenant, name="A", number="X1")
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "B", "number": "X1"})
    assert r.status_code == 422
    assert r.json() == {"message": "The given data was invalid.", "errors": {"number": ["The number has already been taken."]}}


def test_validation_errors_in_upstream_shape_and_nothing_written(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers, json={
        "name": "Bad", "country_id": "abc", "shipping_country_id": 99999,
        "contacts": [{"email": "not-an-email"}, {"email": "a@b.co"}, {"email": "A@b.co"}],
    })
    assert r.status_code == 422
    assert r.json() == {"message": "The given data was invalid.", "errors": {
        "country_id": ["The country id must be an integer."],
        "shipping_country_id": ["The selected shipping country id is invalid."],
        "contacts.0.email": ["The contacts.0.email must be a valid email address."],
        "contacts.1.email": ["The contacts.1.email field has a duplicate value."],
        "contacts.2.email": ["The contacts.2.email field has a duplicate value."],
    }}
    assert api.get("/api/v1/clients", headers=tenant.headers).json()["meta"]["pagination"]["total"] == 0


def test_bad_settings_are_rejected(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "S", "settings": {"currency_id": "abc"}})
    assert r.status_code == 422
    assert list(r.json()["errors"]) == ["settings"]


def test_weak_contact_password_is_rejected(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers,
                 json={"contacts": [{"email": "a@b.co", "password": "short"}]})
    assert r.status_code == 422
    assert r.json()["errors"] == {"contacts.0.password": [
        "The contacts.0.password must be at least 7 characters.", "The contacts.0.password format is invalid."]}


def test_contact_password_is_masked(api, tenant):
    data = create_client(api, tenant, contacts=[{"email": "pw@b.co", "password": "Secret123"}])
    assert data["contacts"][0]["password"] == "**********"


def test_form_encoded_body_with_php_brackets(api, tenant):
    # What the PHP SDK sends: form_params, booleans as "1"/"0", nested arrays in brackets.
    r = api.post("/api/v1/clients", headers=tenant.headers, data={
        "name": "Form Co", "country_id": "276", "is_tax_exempt": "1",
        "contacts[0][first_name]": "Ann", "contacts[0][email]": "ann@form.co", "contacts[0][send_email]": "1",
        "contacts[1][first_name]": "Bob", "contacts[1][email]": "bob@form.co", "contacts[1][send_email]": "0",
    })
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["name"], data["country_id"], data["is_tax_exempt"]) == ("Form Co", "276", True)
    assert [(c["first_name"], c["is_primary"], c["send_email"]) for c in data["contacts"]] == [
        ("Ann", True, True), ("Bob", False, False)]


def test_go_sdk_style_json_types_are_accepted(api, tenant):
    data = create_client(api, tenant, name="Go", country_id=840, industry_id="3", size_id=2, balance="125.5")
    assert (data["country_id"], data["industry_id"], data["size_id"]) == ("840", "3", "2")
    # balance is server-maintained: ignored, not rejected.
    assert data["balance"] == 0


def test_strings_are_trimmed_and_empty_strings_are_null(api, tenant):
    data = create_client(api, tenant, name="  Trim  ", website="", id_number="  ")
    assert (data["name"], data["website"], data["id_number"]) == ("Trim", "", "")


def test_aliases_currency_and_country_codes(api, tenant):
    data = create_client(api, tenant, name="Alias", currency_code="EUR", country_code="DE")
    assert data["settings"]["currency_id"] == "3"
    assert data["country_id"] == "276"


def test_show_edit_and_blank(api, tenant):
    created = create_client(api, tenant, name="Acme")
    for path in (f"/api/v1/clients/{created['id']}", f"/api/v1/clients/{created['id']}/edit"):
        r = api.get(path, headers=tenant.headers)
        assert r.status_code == 200
        assert r.json()["data"] == created
    blank = api.get("/api/v1/clients/create", headers=tenant.headers).json()["data"]
    assert list(blank) == CLIENT_KEYS
    assert (blank["id"], blank["created_at"], blank["archived_at"], blank["country_id"]) == ("", 0, 0, "")
    assert blank["display_name"] == "No Contact Set"
    assert blank["settings"] == {"entity": "App\\Models\\Client", "industry_id": "", "size_id": ""}
    assert len(blank["client_hash"]) == 40
    assert (blank["contacts"], blank["documents"], blank["gateway_tokens"]) == ([], [], [])


def test_missing_and_malformed_ids(api, tenant):
    assert api.get("/api/v1/clients/5", headers=tenant.headers).json() == {"message": "Record with value 5 not found"}
    r = api.get("/api/v1/clients/Wpmbk5ezJn", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Client]."})
    r = api.get("/api/v1/clients/!!notahash", headers=tenant.headers)
    assert r.status_code == 400


def test_include_on_item_ignores_unknown_names(api, tenant):
    created = create_client(api, tenant, name="Acme")
    r = api.get(f"/api/v1/clients/{created['id']}?include=activities,bogus,ledger", headers=tenant.headers)
    data = r.json()["data"]
    assert list(data)[-2:] == ["activities", "ledger"]
    # Creating the client is its one activity (upstream's CREATE_CLIENT, 1); nothing moved its balance.
    assert [a["activity_type_id"] for a in data["activities"]] == ["1"] and data["ledger"] == []
    assert "group_settings" not in data
