from sqlalchemy import select

from ninja_api import ids
from ninja_api.models import Vendor, VendorContact
from ninja_api.security import check_password
from tests.vendors.helpers import CONTACT_KEYS, VENDOR_KEYS, create_vendor, invalid, stable

CONTACT = {
    "first_name": "", "last_name": "", "send_email": False, "email": "", "archived_at": 0, "is_primary": True,
    "phone": "", "custom_value1": "", "custom_value2": "", "custom_value3": "", "custom_value4": "",
    "last_login": 0, "password": "",
}


def blank_vendor(tenant, **over) -> dict:
    return {
        "user_id": ids.encode(tenant.user.id), "assigned_user_id": "", "name": "", "website": "",
        "private_notes": "", "public_notes": "", "last_login": 0, "address1": "", "address2": "", "phone": "",
        "city": "", "state": "", "postal_code": "", "country_id": "4", "currency_id": "1", "custom_value1": "",
        "custom_value2": "", "custom_value3": "", "custom_value4": "", "is_deleted": False, "vat_number": "",
        "id_number": "", "archived_at": 0, "number": "", "language_id": "", "classification": "",
        "display_name": "", "routing_id": "", "is_tax_exempt": False, "contacts": [], "documents": [], **over,
    }


def test_create_renders_every_upstream_field_in_order(api, tenant):
    data = create_vendor(
        api, tenant, name="<b>Acme</b> Supplies", website="acme.test", phone="555", city="Town", country_id="840",
        currency_id="2", id_number="ID-1", vat_number="VAT", classification="business", language_id="1",
        custom_value1="c1", is_tax_exempt=True, routing_id="R1",
        contacts=[{"first_name": "Ann", "last_name": "Lee", "email": "ann@acme.test", "send_email": True,
                   "phone": "1", "password": "Secret123"}],
    )
    assert list(data) == VENDOR_KEYS
    assert list(data["contacts"][0]) == CONTACT_KEYS
    assert stable(data) == stable(blank_vendor(
        tenant, name="Acme Supplies", website="acme.test", phone="555", city="Town", country_id="840",
        currency_id="2", id_number="ID-1", vat_number="VAT", classification="business", language_id="1",
        custom_value1="c1", is_tax_exempt=True, routing_id="R1", number="0001", display_name="Acme Supplies",
        contacts=[{**CONTACT, "first_name": "Ann", "last_name": "Lee", "email": "ann@acme.test", "send_email": True,
                   "phone": "1", "password": "**********"}],
    ))
    contact = data["contacts"][0]
    assert contact["link"].endswith("/vendor/key_login/" + contact["link"].rsplit("/", 1)[1])


def test_numbers_count_up_and_a_placeholder_contact_is_made(api, tenant):
    first = create_vendor(api, tenant, name="A")
    second = create_vendor(api, tenant, name="B")
    assert (first["number"], second["number"]) == ("0001", "0002")
    assert stable(first["contacts"]) == [CONTACT]
    assert first["contacts"][0]["send_email"] is False


def test_display_name_falls_back_to_the_primary_contact(api, tenant, session):
    vendor = create_vendor(api, tenant, name="X", contacts=[{"first_name": "Jo", "email": "jo@x.test"}])
    updated = api.put(f"/api/v1/vendors/{vendor['id']}", headers=tenant.headers,
                      json={"name": ""}).json()["data"]
    assert updated["display_name"] == "Jo"
    emailed = api.put(f"/api/v1/vendors/{vendor['id']}", headers=tenant.headers,
                      json={"contacts": [{"id": vendor["contacts"][0]["id"], "first_name": "", "email": "jo@x.test"}]})
    assert emailed.json()["data"]["display_name"] == "jo@x.test"


def test_store_validation_errors(api, tenant):
    create_vendor(api, tenant, name="A", number="V-1")
    r = api.post("/api/v1/vendors", headers=tenant.headers, json={
        "number": "V-1", "currency_id": "99999", "language_id": "9999", "classification": "nope",
        "contacts": [{"email": "bad"}, {"email": "a@b.test"}, {"email": "a@b.test"}],
    })
    assert r.status_code == 422
    assert r.json() == invalid({
        "name": ["The name field is required."],
        "contacts.0.email": ["The contacts.0.email must be a valid email address."],
        "contacts.1.email": ["The contacts.1.email field has a duplicate value."],
        "contacts.2.email": ["The contacts.2.email field has a duplicate value."],
        "number": ["The number has already been taken."],
        "currency_id": ["The selected currency id is invalid."],
        "language_id": ["The selected language id is invalid."],
        "classification": ["The selected classification is invalid."],
    })


def test_update_keeps_its_own_number_and_refuses_anothers(api, tenant):
    a = create_vendor(api, tenant, name="A")
    b = create_vendor(api, tenant, name="B")
    same = api.put(f"/api/v1/vendors/{a['id']}", headers=tenant.headers, json={"number": a["number"]})
    assert same.status_code == 200
    taken = api.put(f"/api/v1/vendors/{a['id']}", headers=tenant.headers, json={"number": b["number"]})
    assert taken.status_code == 422
    assert taken.json() == invalid({"number": ["The number has already been taken."]})


def test_update_with_null_country_keeps_it(api, tenant):
    v = create_vendor(api, tenant, name="A", country_id="840")
    r = api.put(f"/api/v1/vendors/{v['id']}", headers=tenant.headers, json={"country_id": None, "city": "X"})
    assert r.json()["data"]["country_id"] == "840"
    assert r.json()["data"]["city"] == "X"


def test_contacts_sync_by_id(api, tenant, session):
    v = create_vendor(api, tenant, name="A", contacts=[{"first_name": "One", "email": "one@x.test"},
                                                       {"first_name": "Two", "email": "two@x.test"}])
    one, two = v["contacts"]
    r = api.put(f"/api/v1/vendors/{v['id']}", headers=tenant.headers, json={"contacts": [
        {"id": two["id"], "first_name": "Second", "is_primary": True},
        {"first_name": "New", "email": "new@x.test"},
    ]})
    contacts = r.json()["data"]["contacts"]
    assert [(c["first_name"], c["is_primary"]) for c in contacts] == [("Second", True), ("New", False)]
    assert contacts[0]["id"] == two["id"]
    trashed = session.get(VendorContact, ids.decode(one["id"]))
    assert trashed.deleted_at is not None
    # Leaving contacts out keeps them.
    kept = api.put(f"/api/v1/vendors/{v['id']}", headers=tenant.headers, json={"name": "B"}).json()["data"]
    assert [c["id"] for c in kept["contacts"]] == [c["id"] for c in contacts]


def test_a_password_goes_to_every_vendor_contact_with_that_email(api, tenant, session):
    a = create_vendor(api, tenant, name="A", contacts=[{"email": "same@x.test"}])
    create_vendor(api, tenant, name="B", contacts=[{"email": "same@x.test", "password": "Secret123"}])
    contact = session.get(VendorContact, ids.decode(a["contacts"][0]["id"]))
    session.refresh(contact)
    assert check_password("Secret123", contact.password)
    shown = api.get(f"/api/v1/vendors/{a['id']}", headers=tenant.headers).json()["data"]
    assert shown["contacts"][0]["password"] == "**********"


def test_blank_show_edit_and_tenancy(api, tenant, other_tenant):
    blank = api.get("/api/v1/vendors/create", headers=tenant.headers).json()["data"]
    assert list(blank) == VENDOR_KEYS
    assert stable(blank) == stable(blank_vendor(tenant, id="", display_name="No Contact Set"))
    v = create_vendor(api, tenant, name="A")
    assert api.get(f"/api/v1/vendors/{v['id']}/edit", headers=tenant.headers).json()["data"] == \
        api.get(f"/api/v1/vendors/{v['id']}", headers=tenant.headers).json()["data"]
    for method in ("GET", "PUT", "DELETE"):
        foreign = api.request(method, f"/api/v1/vendors/{v['id']}", headers=other_tenant.headers, json={})
        assert (foreign.status_code, foreign.json()) == (401, {"message": "This action is unauthorized."})


def test_delete_route_only_archives_as_upstream(api, tenant, session):
    v = create_vendor(api, tenant, name="A")
    r = api.delete(f"/api/v1/vendors/{v['id']}", headers=tenant.headers)
    assert r.status_code == 200
    assert r.json()["data"]["is_deleted"] is False and r.json()["data"]["archived_at"] > 0
    # An archived vendor may still be edited; the bulk delete flags it and then it may not.
    assert api.put(f"/api/v1/vendors/{v['id']}", headers=tenant.headers, json={"name": "B"}).status_code == 200
    api.post("/api/v1/vendors/bulk", headers=tenant.headers, json={"action": "delete", "ids": [v["id"]]})
    again = api.put(f"/api/v1/vendors/{v['id']}", headers=tenant.headers, json={"name": "C"})
    assert again.status_code == 400
    row = session.scalar(select(Vendor).where(Vendor.id == ids.decode(v["id"])))
    assert row.is_deleted is True
