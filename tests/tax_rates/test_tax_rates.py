from decimal import Decimal

import pytest

from ninja_api import ids
from ninja_api.models import Company, TaxRate
from tests.products.helpers import UNAUTHORIZED, invalid, make_staff

KEYS = ["id", "name", "rate", "is_deleted", "updated_at", "archived_at", "created_at"]
URL = "/api/v1/tax_rates"


def create_rate(api, tenant, **body) -> dict:
    r = api.post(URL, headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def names(api, headers, query=""):
    r = api.get(f"{URL}?{query}", headers=headers)
    assert r.status_code == 200, r.text
    return [t["name"] for t in r.json()["data"]]


def bulk(api, tenant, **body):
    return api.post(f"{URL}/bulk", headers=tenant.headers, json=body)


def test_create_show_edit_and_blank(api, tenant):
    data = create_rate(api, tenant, name="GST", rate="7.125")
    assert list(data) == KEYS
    assert {k: v for k, v in data.items() if k not in ("updated_at", "created_at")} == {
        "id": data["id"], "name": "GST", "rate": 7.125, "is_deleted": False, "archived_at": 0}
    assert data["created_at"] > 1_700_000_000
    for path in (f"{URL}/{data['id']}", f"{URL}/{data['id']}/edit"):
        r = api.get(path, headers=tenant.headers)
        assert (r.status_code, r.json()) == (200, {"data": data})
    r = api.get(f"{URL}/create", headers=tenant.headers)
    assert r.json() == {"data": {
        "id": "", "name": "", "rate": 0, "is_deleted": False, "updated_at": 0, "archived_at": 0, "created_at": 0}}
    assert create_rate(api, tenant, name="Zero", rate=0)["rate"] == 0
    assert create_rate(api, tenant, name="Whole", rate="20.000")["rate"] == 20


def test_rate_is_exact(api, tenant, session_factory):
    data = create_rate(api, tenant, name="Odd", rate="0.000001")
    with session_factory() as s:
        assert s.get(TaxRate, ids.decode(data["id"])).rate == Decimal("0.000001")
    assert api.get(f"{URL}/{data['id']}", headers=tenant.headers).json()["data"]["rate"] == 0.000001


def test_form_encoded_post(api, tenant):
    r = api.post(URL, headers=tenant.headers, data={"name": "VAT", "rate": "19.5"})
    assert r.status_code == 200
    assert (r.json()["data"]["name"], r.json()["data"]["rate"]) == ("VAT", 19.5)


@pytest.mark.parametrize("body,errors", [
    ({}, {"name": ["The name field is required."], "rate": ["The rate field is required."]}),
    ({"name": "", "rate": ""}, {"name": ["The name field is required."], "rate": ["The rate field is required."]}),
    ({"name": "X", "rate": "ten"}, {"rate": ["The rate must be a number."]}),
    ({"name": "X", "rate": True}, {"rate": ["The rate must be a number."]}),
    ({"name": ["X"], "rate": 1}, {"name": ["The name must be a string."]}),
    ({"name": "x" * 101, "rate": 1}, {"name": ["The name must not be greater than 100 characters."]}),
    ({"name": "GST", "rate": 1}, {"name": ["The name has already been taken."]}),
    ({"name": "gst", "rate": "x"}, {"name": ["The name has already been taken."], "rate": ["The rate must be a number."]}),
])
def test_store_validation(api, tenant, body, errors):
    create_rate(api, tenant, name="GST", rate=5)
    r = api.post(URL, headers=tenant.headers, json=body)
    assert (r.status_code, r.json()) == (422, invalid(errors))
    assert names(api, tenant.headers) == ["GST"]


def test_name_is_unique_among_live_rates_only_on_create(api, tenant):
    gst = create_rate(api, tenant, name="GST", rate=5)
    bulk(api, tenant, action="archive", ids=[gst["id"]])
    again = create_rate(api, tenant, name="GST", rate=6)
    assert names(api, tenant.headers) == ["GST", "GST"]
    # On update every other row counts, the archived one too; the row itself does not.
    r = api.put(f"{URL}/{again['id']}", headers=tenant.headers, json={"name": "GST", "rate": 7})
    assert (r.status_code, r.json()) == (422, invalid({"name": ["The name has already been taken."]}))
    pst = create_rate(api, tenant, name="PST", rate=1)
    r = api.put(f"{URL}/{pst['id']}", headers=tenant.headers, json={"name": "PST", "rate": "2.5"})
    assert (r.status_code, r.json()["data"]["rate"]) == (200, 2.5)


def test_another_company_may_use_the_same_name(api, tenant, other_tenant):
    create_rate(api, other_tenant, name="GST", rate=5)
    assert create_rate(api, tenant, name="GST", rate=5)["name"] == "GST"


def test_update(api, tenant):
    gst = create_rate(api, tenant, name="GST", rate=5)
    url = f"{URL}/{gst['id']}"
    r = api.put(url, headers=tenant.headers, json={"rate": "6.5"})
    assert (r.status_code, r.json()["data"]["name"], r.json()["data"]["rate"]) == (200, "GST", 6.5)
    r = api.put(url, headers=tenant.headers, json={"rate": "lots", "name": None})
    assert (r.status_code, r.json()) == (422, invalid({
        "rate": ["The rate must be a number."], "name": ["The name field is required."]}))
    r = api.patch(url, headers=tenant.headers, json={"name": "GST 2"})
    assert (r.status_code, r.json()["data"]["name"], r.json()["data"]["rate"]) == (200, "GST 2", 6.5)


def test_delete_and_a_deleted_rate_can_still_be_edited(api, tenant):
    gst = create_rate(api, tenant, name="GST", rate=5)
    r = api.delete(f"{URL}/{gst['id']}", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert (data["is_deleted"], data["archived_at"] > 0) == (True, True)
    # Upstream has no "Record is deleted" guard on tax rates.
    r = api.put(f"{URL}/{gst['id']}", headers=tenant.headers, json={"rate": 8})
    assert (r.status_code, r.json()["data"]["rate"], r.json()["data"]["is_deleted"]) == (200, 8, True)


def test_list_filters_and_sorts(api, tenant):
    for name, rate in (("GST", 5), ("PST", "7.5"), ("VAT high", 20), ("vat low", "2.5")):
        create_rate(api, tenant, name=name, rate=rate)
    assert names(api, tenant.headers) == ["GST", "PST", "VAT high", "vat low"]
    assert names(api, tenant.headers, "filter=vat") == ["VAT high", "vat low"]
    assert names(api, tenant.headers, "sort=rate|desc") == ["VAT high", "PST", "GST", "vat low"]
    assert names(api, tenant.headers, "sort=rate|asc&per_page=2") == ["vat low", "GST"]
    assert names(api, tenant.headers, "sort=bogus|asc") == ["GST", "PST", "VAT high", "vat low"]
    rows = api.get(URL, headers=tenant.headers).json()["data"]
    bulk(api, tenant, action="archive", ids=[rows[0]["id"]])
    bulk(api, tenant, action="delete", ids=[rows[1]["id"]])
    assert names(api, tenant.headers, "status=active") == ["VAT high", "vat low"]
    assert names(api, tenant.headers, "status=archived") == ["GST"]
    assert names(api, tenant.headers, "is_deleted=true") == ["PST"]
    r = api.get(f"{URL}?include=company", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Relation `company` is not a valid include."})


def test_bulk_archive_and_delete_clear_the_company_default(api, tenant, session_factory):
    gst, pst, vat = (create_rate(api, tenant, name=n, rate=r) for n, r in (("GST", 5), ("PST", 7), ("VAT", 20)))
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, "tax_name1": "GST", "tax_rate1": 5, "tax_name2": "VAT",
                            "tax_rate2": 20, "tax_name3": "PST", "tax_rate3": 7}
        s.commit()
    rows = bulk(api, tenant, action="archive", ids=[gst["id"]]).json()["data"]
    assert [(t["name"], t["archived_at"] > 0, t["is_deleted"]) for t in rows] == [("GST", True, False)]
    bulk(api, tenant, action="delete", ids=[vat["id"]])
    bulk(api, tenant, action="restore", ids=[gst["id"], vat["id"]])
    with session_factory() as s:
        settings = s.get(Company, tenant.company.id).settings
    assert [settings[k] for k in ("tax_name1", "tax_rate1", "tax_name2", "tax_rate2", "tax_name3", "tax_rate3")] == [
        "", 0, "", 0, "PST", 7]
    assert names(api, tenant.headers, "status=active") == ["GST", "PST", "VAT"]


def test_bulk_validation_and_foreign_ids(api, tenant, other_tenant):
    mine = create_rate(api, tenant, name="Mine", rate=1)
    theirs = create_rate(api, other_tenant, name="Theirs", rate=1)
    r = bulk(api, tenant, action="explode", ids=[mine["id"]])
    assert (r.status_code, r.json()) == (422, invalid({"action": ["The selected action is invalid."]}))
    r = bulk(api, tenant, action="archive")
    assert (r.status_code, r.json()) == (422, invalid({"ids": ["The ids field is required."]}))
    # Another company's ids are skipped, not reported.
    r = bulk(api, tenant, action="delete", ids=[theirs["id"], mine["id"]])
    assert [(t["name"], t["is_deleted"]) for t in r.json()["data"]] == [("Mine", True)]
    assert api.get(f"{URL}/{theirs['id']}", headers=other_tenant.headers).json()["data"]["is_deleted"] is False


def test_another_companys_rate_is_refused_everywhere(api, tenant, other_tenant):
    create_rate(api, tenant, name="Mine", rate=1)
    theirs = create_rate(api, other_tenant, name="Theirs", rate=1)
    for method, path in [("GET", f"{URL}/{theirs['id']}"), ("GET", f"{URL}/{theirs['id']}/edit"),
                         ("PUT", f"{URL}/{theirs['id']}"), ("DELETE", f"{URL}/{theirs['id']}")]:
        r = api.request(method, path, headers=tenant.headers, json={"name": "hijack"})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED), (method, path)
    assert names(api, tenant.headers) == ["Mine"]
    assert names(api, other_tenant.headers) == ["Theirs"]


def test_missing_and_malformed_ids(api, tenant):
    r = api.get(f"{URL}/5", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Record with value 5 not found"})
    r = api.get(f"{URL}/Wpmbk5ezJn", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\TaxRate]."})
    r = api.put(f"{URL}/!!nope", headers=tenant.headers, json={"rate": 1})
    assert r.status_code == 400


def test_only_admins_manage_tax_rates(api, tenant, session_factory):
    gst = create_rate(api, tenant, name="GST", rate=5)
    staff = make_staff(session_factory, tenant, "create_all,view_all,edit_all")
    for method, path in [("GET", f"{URL}/create"), ("POST", URL), ("GET", f"{URL}/{gst['id']}"),
                         ("GET", f"{URL}/{gst['id']}/edit"), ("PUT", f"{URL}/{gst['id']}"),
                         ("DELETE", f"{URL}/{gst['id']}")]:
        r = api.request(method, path, headers=staff, json={"name": "Staff", "rate": 1})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED), (method, path)
    # Listing is not an admin matter.
    assert names(api, staff) == ["GST"]


def test_restricted_list_shows_own_rates_unless_the_user_writes_documents(api, tenant, session_factory):
    create_rate(api, tenant, name="GST", rate=5)
    plain = make_staff(session_factory, tenant, "view_client", email="plain@example.com")
    assert names(api, plain) == []
    writer = make_staff(session_factory, tenant, "create_invoice", email="writer@example.com")
    assert names(api, writer) == ["GST"]
    viewer = make_staff(session_factory, tenant, "view_tax_rate", email="viewer@example.com")
    assert names(api, viewer) == ["GST"]
