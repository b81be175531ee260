import pytest
from sqlalchemy import delete

from ninja_api import ids
from ninja_api.models import PaymentTerm
from ninja_api.payment_terms.service import seed_company_terms
from tests.products.helpers import UNAUTHORIZED, invalid, make_staff

KEYS = ["id", "num_days", "name", "is_deleted", "created_at", "updated_at", "archived_at"]
URL = "/api/v1/payment_terms"


@pytest.fixture(autouse=True)
def no_seeded_terms(tenant, other_tenant, session_factory):
    """Start from companies without terms, whether or not company creation seeds the defaults."""
    with session_factory() as s:
        s.execute(delete(PaymentTerm).where(PaymentTerm.company_id.in_([tenant.company.id, other_tenant.company.id])))
        s.commit()


def create_term(api, tenant, **body) -> dict:
    r = api.post(URL, headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def days(api, headers, query=""):
    r = api.get(f"{URL}?{query}", headers=headers)
    assert r.status_code == 200, r.text
    return [t["num_days"] for t in r.json()["data"]]


def bulk(api, tenant, **body):
    return api.post(f"{URL}/bulk", headers=tenant.headers, json=body)


def test_create_show_edit_and_blank(api, tenant):
    data = create_term(api, tenant, num_days=30, name="ignored")
    assert list(data) == KEYS
    assert {k: v for k, v in data.items() if k not in ("created_at", "updated_at")} == {
        "id": data["id"], "num_days": 30, "name": "Net 30", "is_deleted": False, "archived_at": 0}
    assert data["created_at"] > 1_700_000_000
    for path in (f"{URL}/{data['id']}", f"{URL}/{data['id']}/edit"):
        r = api.get(path, headers=tenant.headers)
        assert (r.status_code, r.json()) == (200, {"data": data})
    r = api.get(f"{URL}/create", headers=tenant.headers)
    assert r.json() == {"data": {
        "id": "", "num_days": 0, "name": "Net ", "is_deleted": False, "created_at": 0, "updated_at": 0,
        "archived_at": 0}}


def test_minus_one_reads_as_net_zero(api, tenant):
    data = create_term(api, tenant, num_days=-1)
    assert (data["num_days"], data["name"]) == (-1, "Net 0")


def test_sdk_types(api, tenant):
    assert create_term(api, tenant, num_days="45")["name"] == "Net 45"
    r = api.post(URL, headers=tenant.headers, data={"num_days": "21"})
    assert (r.status_code, r.json()["data"]["num_days"], r.json()["data"]["name"]) == (200, 21, "Net 21")


@pytest.mark.parametrize("body,errors", [
    ({}, {"num_days": ["The num days field is required."]}),
    ({"num_days": ""}, {"num_days": ["The num days field is required."]}),
    ({"num_days": "soon"}, {"num_days": ["The num days must be an integer."]}),
    ({"num_days": 1.5}, {"num_days": ["The num days must be an integer."]}),
    ({"num_days": -2}, {"num_days": ["The num days must be at least -1."]}),
    ({"num_days": 2 ** 31}, {"num_days": ["The num days must not be greater than 2147483647."]}),
])
def test_store_validation(api, tenant, body, errors):
    r = api.post(URL, headers=tenant.headers, json=body)
    assert (r.status_code, r.json()) == (422, invalid(errors))
    assert days(api, tenant.headers) == []


def test_update(api, tenant):
    term = create_term(api, tenant, num_days=30)
    url = f"{URL}/{term['id']}"
    r = api.put(url, headers=tenant.headers, json={"num_days": 45})
    assert (r.status_code, r.json()["data"]["num_days"], r.json()["data"]["name"]) == (200, 45, "Net 45")
    r = api.put(url, headers=tenant.headers, json={})
    assert (r.status_code, r.json()) == (422, invalid({"num_days": ["The num days field is required."]}))
    r = api.put(url, headers=tenant.headers, json={"num_days": "x"})
    assert (r.status_code, r.json()) == (422, invalid({"num_days": ["The num days must be an integer."]}))
    assert days(api, tenant.headers) == [45]


def test_delete_only_archives(api, tenant):
    term = create_term(api, tenant, num_days=30)
    r = api.delete(f"{URL}/{term['id']}", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert (data["is_deleted"], data["archived_at"] > 0) == (False, True)
    assert days(api, tenant.headers, "status=archived") == [30]
    # And an archived or deleted term may still be edited.
    bulk(api, tenant, action="delete", ids=[term["id"]])
    r = api.put(f"{URL}/{term['id']}", headers=tenant.headers, json={"num_days": 31})
    assert (r.status_code, r.json()["data"]["num_days"], r.json()["data"]["is_deleted"]) == (200, 31, True)


def test_bulk(api, tenant):
    a, b = create_term(api, tenant, num_days=7), create_term(api, tenant, num_days=14)
    rows = bulk(api, tenant, action="archive", ids=[a["id"], b["id"]]).json()["data"]
    assert [(t["num_days"], t["archived_at"] > 0, t["is_deleted"]) for t in rows] == [(7, True, False), (14, True, False)]
    rows = bulk(api, tenant, action="delete", ids=[a["id"]]).json()["data"]
    assert [(t["num_days"], t["is_deleted"]) for t in rows] == [(7, True)]
    rows = bulk(api, tenant, action="restore", ids=[a["id"], b["id"]]).json()["data"]
    assert [(t["archived_at"], t["is_deleted"]) for t in rows] == [(0, False), (0, False)]
    r = bulk(api, tenant, action="explode", ids=[a["id"]])
    assert (r.status_code, r.json()) == (422, invalid({"action": ["The selected action is invalid."]}))
    r = bulk(api, tenant, action="archive")
    assert (r.status_code, r.json()) == (422, invalid({"ids": ["The ids field is required."]}))


def test_list_filters_and_sorts(api, tenant):
    for n in (30, 7, 60):
        create_term(api, tenant, num_days=n)
    assert days(api, tenant.headers) == [30, 7, 60]
    assert days(api, tenant.headers, "sort=num_days|asc") == [7, 30, 60]
    assert days(api, tenant.headers, "sort=num_days|desc&per_page=1") == [60]
    assert days(api, tenant.headers, "sort=nonsense|asc") == [30, 7, 60]
    r = api.get(f"{URL}?include=documents", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Relation `documents` is not a valid include."})


def test_the_company_default_terms(api, tenant, session_factory):
    # What upstream inserts for a new company; the stored names are not what the JSON says.
    with session_factory() as s:
        seed_company_terms(s, tenant.company.id, tenant.user.id)
        s.commit()
    rows = api.get(URL, headers=tenant.headers).json()["data"]
    assert [(t["num_days"], t["name"]) for t in rows] == [
        (0, "Net 0"), (7, "Net 7"), (10, "Net 10"), (14, "Net 14"), (15, "Net 15"), (30, "Net 30"),
        (60, "Net 60"), (90, "Net 90")]
    # `filter` searches the stored name, which only the first default has.
    assert days(api, tenant.headers, "filter=net") == [0]


def test_global_rows_are_not_listed(api, tenant, session_factory):
    with session_factory() as s:
        s.add(PaymentTerm(num_days=5, name="", company_id=None, user_id=None))
        s.commit()
    assert days(api, tenant.headers) == []


def test_another_companys_term_is_refused_everywhere(api, tenant, other_tenant):
    create_term(api, tenant, num_days=1)
    theirs = create_term(api, other_tenant, num_days=2)
    for method, path in [("GET", f"{URL}/{theirs['id']}"), ("GET", f"{URL}/{theirs['id']}/edit"),
                         ("PUT", f"{URL}/{theirs['id']}"), ("DELETE", f"{URL}/{theirs['id']}")]:
        r = api.request(method, path, headers=tenant.headers, json={"num_days": 9})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED), (method, path)
    assert days(api, tenant.headers) == [1]
    rows = bulk(api, tenant, action="delete", ids=[theirs["id"]]).json()["data"]
    assert rows == []
    assert api.get(f"{URL}/{theirs['id']}", headers=other_tenant.headers).json()["data"]["num_days"] == 2


def test_missing_and_malformed_ids(api, tenant):
    r = api.get(f"{URL}/5", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Record with value 5 not found"})
    r = api.get(f"{URL}/Wpmbk5ezJn/edit", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\PaymentTerm]."})


def test_admins_manage_terms_everyone_lists_them(api, tenant, session_factory):
    term = create_term(api, tenant, num_days=30)
    staff = make_staff(session_factory, tenant, "create_all,edit_all")
    for method, path in [("GET", f"{URL}/create"), ("POST", URL), ("GET", f"{URL}/{term['id']}"),
                         ("PUT", f"{URL}/{term['id']}"), ("DELETE", f"{URL}/{term['id']}")]:
        r = api.request(method, path, headers=staff, json={"num_days": 3})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED), (method, path)
    # Payment term lists are never narrowed to a user's own rows.
    nobody = make_staff(session_factory, tenant, "", email="nobody@example.com")
    assert days(api, nobody) == [30]
    with session_factory() as s:
        assert s.get(PaymentTerm, ids.decode(term["id"])).user_id == tenant.user.id
