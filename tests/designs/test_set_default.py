import pytest

from ninja_api import ids
from tests.designs.helpers import CLEAN, UNAUTHORIZED, URL, bulk, create_design, invalid, make_staff

DEFAULT = "/api/v1/designs/set/default"


@pytest.fixture
def invoices(api, tenant):
    client = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"}).json()["data"]
    made = []
    for _ in range(2):
        r = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client["id"]})
        assert r.status_code == 200, r.text
        made.append(r.json()["data"])
    # Archived and deleted invoices take the design too.
    api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"action": "delete", "ids": [made[1]["id"]]})
    return made


def design_ids(api, tenant, invoices) -> list[str]:
    return [api.get(f"/api/v1/invoices/{i['id']}", headers=tenant.headers).json()["data"]["design_id"]
            for i in invoices]


def test_every_invoice_takes_the_design(api, tenant, invoices):
    assert design_ids(api, tenant, invoices) == [CLEAN, CLEAN]
    mine = create_design(api, tenant, name="Mine")
    r = api.post(DEFAULT, headers=tenant.headers, json={"entity": "invoice", "design_id": mine["id"]})
    assert (r.status_code, r.json()) == (200, {"message": "success"})
    assert design_ids(api, tenant, invoices) == [mine["id"], mine["id"]]
    # A system design, named by a bare number as upstream's key decoding allows.
    r = api.post(DEFAULT, headers=tenant.headers, json={"entity": "invoice", "design_id": 3})
    assert r.status_code == 200
    assert design_ids(api, tenant, invoices) == [ids.encode(3)] * 2


def test_other_entities_leave_invoices_alone(api, tenant, invoices):
    for entity in ("quote", "credit", "purchase_order", "recurring_invoice", "nonsense"):
        r = api.post(DEFAULT, headers=tenant.headers, json={"entity": entity, "design_id": ids.encode(5)})
        assert (r.status_code, r.json()) == (200, {"message": "success"}), entity
    assert design_ids(api, tenant, invoices) == [CLEAN, CLEAN]


def test_refusals(api, tenant, other_tenant, session_factory, invoices):
    r = api.post(DEFAULT, headers=tenant.headers, json={})
    assert (r.status_code, r.json()) == (422, invalid({"entity": ["The entity field is required."],
                                                      "design_id": ["The design id field is required."]}))
    theirs = create_design(api, other_tenant, name="Theirs")
    archived = create_design(api, tenant, name="Archived")
    bulk(api, tenant, action="archive", ids=[archived["id"]])
    for design_id in (theirs["id"], archived["id"], ids.encode(999_999), "nonsense", True):
        r = api.post(DEFAULT, headers=tenant.headers, json={"entity": "invoice", "design_id": design_id})
        assert (r.status_code, r.json()) == (400, {"message": "Design does not exist."}), design_id
    staff = make_staff(session_factory, tenant, "create_all,edit_all")
    r = api.post(DEFAULT, headers=staff, json={"entity": "invoice", "design_id": CLEAN})
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
    assert design_ids(api, tenant, invoices) == [CLEAN, CLEAN]
    # Only POST: the path is not taken for a design id.
    r = api.get(f"{URL}/set/default", headers=tenant.headers)
    assert (r.status_code, r.json()) == (404, {"message": "Method not supported for this route"})
