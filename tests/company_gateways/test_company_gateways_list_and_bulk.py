from sqlalchemy import select, update

from ninja_api import ids
from ninja_api.models import CompanyGateway, SystemLog, User
from tests.company_gateways.helpers import (
    CUSTOM, SQUARE, STRIPE, create, gateway_token, invalid, show, token_archived,
)
from tests.products.helpers import make_staff

URL = "/api/v1/company_gateways"


def labels(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [g["label"] for g in response.json()["data"]]


def bulk(api, tenant, **body):
    return api.post(f"{URL}/bulk", headers=tenant.headers, json=body)


def test_filters_and_sorts(api, tenant, other_tenant):
    first, second, third = (create(api, tenant.headers, label=n) for n in ("Cards", "Bank", "Crypto"))
    create(api, other_tenant.headers, label="Theirs")
    bulk(api, tenant, action="archive", ids=[second["id"]])
    bulk(api, tenant, action="delete", ids=[third["id"]])
    h = tenant.headers
    assert labels(api.get(URL, headers=h)) == ["Cards", "Bank", "Crypto"]
    # What the web app asks for at start-up.
    assert labels(api.get(f"{URL}?sort=id|desc&status=active", headers=h)) == ["Cards"]
    assert labels(api.get(f"{URL}?sort=id|desc", headers=h)) == ["Crypto", "Bank", "Cards"]
    assert labels(api.get(f"{URL}?sort=label|asc", headers=h)) == ["Bank", "Cards", "Crypto"]
    assert labels(api.get(f"{URL}?status=archived", headers=h)) == ["Bank"]
    assert labels(api.get(f"{URL}?status=deleted", headers=h)) == ["Crypto"]
    assert labels(api.get(f"{URL}?filter=CR", headers=h)) == ["Crypto"]
    assert labels(api.get(f"{URL}?is_deleted=false", headers=h)) == ["Cards", "Bank"]
    r = api.get(f"{URL}?include=tokens", headers=h)
    assert (r.status_code, r.json()) == (400, {"message": "Relation `tokens` is not a valid include."})
    assert api.get(f"{URL}?per_page=1", headers=h).json()["meta"]["pagination"]["total"] == 3
    assert first["id"] == api.get(f"{URL}?per_page=1", headers=h).json()["data"][0]["id"]


def test_bulk_archive_restore_delete(api, tenant, session_factory):
    row = create(api, tenant.headers)
    token = gateway_token(session_factory, tenant, row["id"])
    r = bulk(api, tenant, action="archive", ids=[row["id"]])
    assert r.status_code == 200
    assert [(g["archived_at"] > 0, g["is_deleted"]) for g in r.json()["data"]] == [(True, False)]
    assert token_archived(session_factory, token)
    r = bulk(api, tenant, action="restore", ids=[row["id"]])
    assert [(g["archived_at"], g["is_deleted"]) for g in r.json()["data"]] == [(0, False)]
    assert not token_archived(session_factory, token)
    r = bulk(api, tenant, action="delete", ids=[row["id"]])
    assert [(g["archived_at"] > 0, g["is_deleted"]) for g in r.json()["data"]] == [(True, True)]
    assert token_archived(session_factory, token)
    r = bulk(api, tenant, action="restore", ids=[row["id"]])
    assert [(g["archived_at"], g["is_deleted"]) for g in r.json()["data"]] == [(0, False)]
    assert not token_archived(session_factory, token)


def test_bulk_rules(api, tenant, other_tenant):
    mine = create(api, tenant.headers)
    theirs = create(api, other_tenant.headers)
    r = bulk(api, tenant, action="archive")
    assert (r.status_code, r.json()) == (422, invalid({"ids": ["The ids field is required."]}))
    r = bulk(api, tenant, ids=[mine["id"]])
    assert (r.status_code, r.json()) == (422, invalid({"action": ["The action field is required."]}))
    r = bulk(api, tenant, action="test", ids=[mine["id"]])
    assert (r.status_code, r.json()) == (422, invalid({"action": ["The selected action is invalid."]}))
    r = bulk(api, tenant, action="archive", ids=[mine["id"], theirs["id"]])
    assert (r.status_code, r.json()) == (422, invalid({"ids": ["The selected ids is invalid."]}))
    r = bulk(api, tenant, action="archive", ids=[mine["id"], "nothing"])
    assert (r.status_code, r.json()) == (422, invalid({"ids": ["The selected ids is invalid."]}))
    assert show(api, tenant.headers, mine["id"])["archived_at"] == 0


def test_gateway_and_system_log_includes(api, tenant, other_tenant, session_factory):
    stripe = create(api, tenant.headers, gateway_key=STRIPE)
    square = create(api, tenant.headers, gateway_key=SQUARE)
    with session_factory() as s:
        for company_id, type_id in ((tenant.company.id, 301), (tenant.company.id, 301), (tenant.company.id, 320),
                                    (other_tenant.company.id, 301), (tenant.company.id, 306)):
            s.add(SystemLog(company_id=company_id, category_id=1, event_id=21, type_id=type_id, log={"ok": True}))
        s.commit()
    data = show(api, tenant.headers, stripe["id"], "?include=gateway,system_logs")
    assert data["gateway"] == {
        "id": ids.encode(20), "name": "Stripe", "key": STRIPE, "provider": "Stripe", "visible": True,
        "sort_order": 1, "default_gateway_type_id": "1", "site_url": "https://dashboard.stripe.com/account/apikeys",
        "is_offsite": False, "is_secure": False,
        "fields": '{"publishableKey":"","apiKey":"","appleDomainVerification":""}',
        "updated_at": 0, "created_at": 0, "options": data["gateway"]["options"],
    }
    assert list(data["gateway"]["options"])[:3] == ["1", "2", "18"]
    assert [(log["type_id"], log["log"]) for log in data["system_logs"]] == [(301, {"ok": True})] * 2
    r = api.get(f"{URL}?include=system_logs,gateway", headers=tenant.headers)
    assert [len(g["system_logs"]) for g in r.json()["data"]] == [2, 1]
    assert [g["gateway"]["name"] for g in r.json()["data"]] == ["Stripe", "Square"]
    # Item routes ignore include names they do not know.
    assert "tokens" not in show(api, tenant.headers, square["id"], "?include=tokens")


def test_company_and_login_embed_the_gateways(api, tenant, session_factory):
    live = create(api, tenant.headers, label="Live", gateway_key=STRIPE)
    archived = create(api, tenant.headers, label="Archived")
    bulk(api, tenant, action="archive", ids=[archived["id"]])
    r = api.get("/api/v1/companies?include=company_gateways", headers=tenant.headers)
    assert [g["label"] for g in r.json()["data"][0]["company_gateways"]] == ["Live", "Archived"]
    assert "gateway" not in r.json()["data"][0]["company_gateways"][0]
    login = api.post("/api/v1/login", json={"email": "demo@example.com", "password": "Password0"})
    assert login.status_code == 200
    embedded = login.json()["data"][0]["company"]["company_gateways"]
    assert [(g["id"], g["gateway"]["key"]) for g in embedded] == [(live["id"], STRIPE), (archived["id"], CUSTOM)]
    # A user who is not an admin gets only the gateways they own.
    make_staff(session_factory, tenant, "view_all", email="staff@example.com")
    staff_login = api.post("/api/v1/login", json={"email": "staff@example.com", "password": "Password0"})
    assert staff_login.json()["data"][0]["company"]["company_gateways"] == []
    with session_factory() as s:
        staff_id = s.scalar(select(User.id).where(User.email == "staff@example.com"))
        s.execute(update(CompanyGateway).where(CompanyGateway.id == ids.decode(live["id"])).values(user_id=staff_id))
        s.commit()
    staff_login = api.post("/api/v1/login", json={"email": "staff@example.com", "password": "Password0"})
    assert [g["label"] for g in staff_login.json()["data"][0]["company"]["company_gateways"]] == ["Live"]
