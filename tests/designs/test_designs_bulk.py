import re

from ninja_api.models import Company
from tests.designs.helpers import CLEAN, URL, bulk, create_design, invalid, make_staff, names


def rows(response) -> list[tuple]:
    assert response.status_code == 200, response.text
    return [(d["name"], d["archived_at"] > 0, d["is_deleted"]) for d in response.json()["data"]]


def test_archive_restore_delete(api, tenant):
    a, b = create_design(api, tenant, name="A"), create_design(api, tenant, name="B")
    assert rows(bulk(api, tenant, action="archive", ids=[a["id"], b["id"]])) == [("A", True, False), ("B", True, False)]
    assert rows(bulk(api, tenant, action="restore", ids=[a["id"]])) == [("A", False, False)]
    deleted = bulk(api, tenant, action="delete", ids=[b["id"]]).json()["data"][0]
    assert re.fullmatch(r"B_deleted_[A-Za-z0-9]{5}", deleted["name"]) and deleted["is_deleted"] is True
    # Deleting again does not rename again.
    assert bulk(api, tenant, action="delete", ids=[b["id"]]).json()["data"][0]["name"] == deleted["name"]
    # Restoring a deleted design marks its name as restored.
    restored = bulk(api, tenant, action="restore", ids=[b["id"]]).json()["data"][0]
    assert (restored["name"], restored["is_deleted"], restored["archived_at"]) == (
        deleted["name"].replace("_deleted_", "_restored_"), False, 0)


def test_restore_renames_only_trashed_designs(api, tenant):
    live = create_design(api, tenant, name="keep_DELETED_name")
    assert rows(bulk(api, tenant, action="restore", ids=[live["id"]])) == [("keep_DELETED_name", False, False)]
    bulk(api, tenant, action="archive", ids=[live["id"]])
    assert rows(bulk(api, tenant, action="restore", ids=[live["id"]])) == [("keep_restored_name", False, False)]


def test_delete_puts_settings_that_chose_the_design_back_to_clean(api, tenant, session_factory):
    mine, other = create_design(api, tenant, name="Mine"), create_design(api, tenant, name="Other")
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, "invoice_design_id": mine["id"], "quote_design_id": other["id"],
                            "credit_design_id": mine["id"], "purchase_order_design_id": mine["id"]}
        s.commit()
    bulk(api, tenant, action="archive", ids=[mine["id"]])
    with session_factory() as s:
        assert s.get(Company, tenant.company.id).settings["invoice_design_id"] == mine["id"]
    bulk(api, tenant, action="delete", ids=[mine["id"]])
    with session_factory() as s:
        settings = s.get(Company, tenant.company.id).settings
    assert [settings[k] for k in ("invoice_design_id", "quote_design_id", "credit_design_id",
                                  "purchase_order_design_id")] == [CLEAN, other["id"], CLEAN, CLEAN]


def test_system_and_foreign_designs_are_skipped_and_not_answered(api, tenant, other_tenant):
    mine = create_design(api, tenant, name="Mine")
    theirs = create_design(api, other_tenant, name="Theirs")
    r = bulk(api, tenant, action="delete", ids=[CLEAN, theirs["id"], mine["id"], "nonsense"])
    assert [d["id"] for d in r.json()["data"]] == [mine["id"]]
    assert r.json()["data"][0]["is_deleted"] is True
    r = bulk(api, tenant, action="archive", ids=[CLEAN])
    assert (r.status_code, r.json()["data"]) == (200, [])
    clean = api.get(f"{URL}/{CLEAN}", headers=tenant.headers).json()["data"]
    assert (clean["name"], clean["archived_at"], clean["is_deleted"]) == ("Clean", 0, False)
    assert api.get(f"{URL}/{theirs['id']}", headers=other_tenant.headers).json()["data"]["is_deleted"] is False


def test_bulk_validation(api, tenant):
    mine = create_design(api, tenant, name="Mine")
    r = bulk(api, tenant, action="template", ids=[mine["id"]])
    assert (r.status_code, r.json()) == (422, invalid({"action": ["The selected action is invalid."]}))
    r = bulk(api, tenant, ids=[mine["id"]])
    assert (r.status_code, r.json()) == (422, invalid({"action": ["The action field is required."]}))
    r = bulk(api, tenant, action="archive")
    assert (r.status_code, r.json()) == (422, invalid({"ids": ["The ids field is required."]}))
    assert names(api, tenant.headers, "status=active&custom=true") == ["Mine"]


def test_bulk_needs_edit_rights_on_the_design(api, tenant, session_factory):
    mine = create_design(api, tenant, name="Mine")
    viewer = make_staff(session_factory, tenant, "view_all", email="viewer@example.com")
    r = api.post(f"{URL}/bulk", headers=viewer, json={"action": "archive", "ids": [mine["id"]]})
    assert rows(r) == [("Mine", False, False)]
    editor = make_staff(session_factory, tenant, "edit_design", email="editor@example.com")
    r = api.post(f"{URL}/bulk", headers=editor, json={"action": "archive", "ids": [mine["id"]]})
    assert rows(r) == [("Mine", True, False)]
