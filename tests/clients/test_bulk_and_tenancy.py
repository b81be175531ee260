import pytest

from ninja_api import ids
from ninja_api.models import GroupSetting
from tests.clients.helpers import create_client


def bulk(api, tenant, **body):
    return api.post("/api/v1/clients/bulk", headers=tenant.headers, json=body)


def test_archive_restore_delete_return_the_list(api, tenant):
    a, b = create_client(api, tenant, name="A"), create_client(api, tenant, name="B")
    r = bulk(api, tenant, action="archive", ids=[a["id"], b["id"]])
    assert r.status_code == 200
    rows = r.json()["data"]
    assert [(c["name"], c["archived_at"] > 0, c["is_deleted"]) for c in rows] == [("A", True, False), ("B", True, False)]
    assert r.json()["meta"]["pagination"]["total"] == 2
    rows = bulk(api, tenant, action="delete", ids=[a["id"]]).json()["data"]
    assert [(c["name"], c["is_deleted"]) for c in rows] == [("A", True)]
    rows = bulk(api, tenant, action="restore", ids=[a["id"], b["id"]]).json()["data"]
    assert [(c["archived_at"], c["is_deleted"]) for c in rows] == [(0, False), (0, False)]


def test_bulk_from_a_php_form(api, tenant):
    a = create_client(api, tenant, name="A")
    r = api.post("/api/v1/clients/bulk", headers=tenant.headers, data={"action": "archive", "ids[0]": a["id"]})
    assert r.json()["data"][0]["archived_at"] > 0
    # Query string and body merge: the action may come in the query.
    r = api.post("/api/v1/clients/bulk?action=restore", headers=tenant.headers, json={"ids": [a["id"]]})
    assert r.json()["data"][0]["archived_at"] == 0


@pytest.mark.parametrize("body,errors", [
    ({"action": "archive"}, {"ids": ["The ids field is required."]}),
    ({"ids": ["VolejRejNm"]}, {"action": ["The action field is required."]}),
    ({"action": "explode", "ids": ["VolejRejNm"]}, {"action": ["The selected action is invalid."]}),
    ({"action": "archive", "ids": ["notahash"]}, {"ids": ["The selected ids is invalid."]}),
])
def test_bulk_validation(api, tenant, body, errors):
    create_client(api, tenant, name="A")
    r = bulk(api, tenant, **body)
    assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.", "errors": errors})


def test_assign_group_and_bulk_update(api, tenant, session_factory):
    a, b = create_client(api, tenant, name="A"), create_client(api, tenant, name="B")
    with session_factory() as s:
        group = GroupSetting(company_id=tenant.company.id, user_id=tenant.user.id, name="G", settings={})
        s.add(group)
        s.commit()
        group_hash = ids.encode(group.id)
    rows = bulk(api, tenant, action="assign_group", ids=[a["id"], b["id"]], group_settings_id=group_hash).json()["data"]
    assert [c["group_settings_id"] for c in rows] == [group_hash, group_hash]
    r = bulk(api, tenant, action="assign_group", ids=[a["id"]])
    assert r.json()["errors"] == {"group_settings_id": ["The group settings id field is required."]}
    rows = bulk(api, tenant, action="bulk_update", ids=[a["id"]], column="country_id", new_value="276").json()["data"]
    assert rows[0]["country_id"] == "276"
    rows = bulk(api, tenant, action="bulk_update", ids=[b["id"]], column="public_notes", new_value="hello").json()["data"]
    assert rows[0]["public_notes"] == "hello"
    r = bulk(api, tenant, action="bulk_update", ids=[b["id"]], column="balance", new_value="100")
    assert (r.status_code, r.json()["errors"]) == (422, {"column": ["The selected column is invalid."]})


def test_another_companys_client_is_refused_everywhere(api, tenant, other_tenant):
    mine = create_client(api, tenant, name="Mine")
    theirs = create_client(api, other_tenant, name="Theirs")
    unauthorized = {"message": "This action is unauthorized."}
    for method, path in [
        ("GET", f"/api/v1/clients/{theirs['id']}"),
        ("GET", f"/api/v1/clients/{theirs['id']}/edit"),
        ("PUT", f"/api/v1/clients/{theirs['id']}"),
        ("DELETE", f"/api/v1/clients/{theirs['id']}"),
    ]:
        r = api.request(method, path, headers=tenant.headers, json={"name": "hijack"})
        assert (r.status_code, r.json()) == (401, unauthorized), (method, path)
    pw = {**tenant.headers, "X-API-PASSWORD": "Password0"}
    assert api.post(f"/api/v1/clients/{theirs['id']}/purge", headers=pw).status_code == 401
    assert api.post(f"/api/v1/clients/{mine['id']}/{theirs['id']}/merge", headers=pw).json() == {"message": "Client not found"}
    r = bulk(api, tenant, action="delete", ids=[theirs["id"]])
    assert r.status_code == 422
    assert [c["name"] for c in api.get("/api/v1/clients", headers=tenant.headers).json()["data"]] == ["Mine"]
    assert api.get(f"/api/v1/clients?client_id={theirs['id']}", headers=tenant.headers).json()["data"] == []
    # Nothing of theirs changed.
    assert api.get(f"/api/v1/clients/{theirs['id']}", headers=other_tenant.headers).json()["data"]["name"] == "Theirs"
    # Their group cannot be assigned to my client either.
    with_group = {"name": "x", "group_settings_id": "VolejRejNm"}
    r = api.put(f"/api/v1/clients/{mine['id']}", headers=tenant.headers, json=with_group)
    assert r.status_code == 422


def test_restricted_user_sees_only_own_clients(api, tenant, session_factory):
    from ninja_api.accounts.service import attach_user, issue_token
    from ninja_api.models import Company, User
    from ninja_api.security import hash_password

    create_client(api, tenant, name="Owner's")
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        user = User(account_id=company.account_id, email="staff@example.com", password=hash_password("Password0"),
                    first_name="Staff", last_name="")
        s.add(user)
        s.flush()
        link = attach_user(s, company, user, owner=False)
        link.permissions = "create_client"
        token = issue_token(s, company, user, name="staff", system=False).token
        s.commit()
    staff = {"X-API-TOKEN": token}
    mine = api.post("/api/v1/clients", headers=staff, json={"name": "Staff's"}).json()["data"]
    assert [c["name"] for c in api.get("/api/v1/clients", headers=staff).json()["data"]] == ["Staff's"]
    owners = api.get("/api/v1/clients", headers=tenant.headers).json()["data"]
    assert api.get(f"/api/v1/clients/{owners[0]['id']}", headers=staff).status_code == 401
    assert api.get(f"/api/v1/clients/{mine['id']}", headers=staff).status_code == 200
