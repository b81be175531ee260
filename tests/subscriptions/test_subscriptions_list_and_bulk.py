from ninja_api import ids
from tests.subscriptions.helpers import activity_types, create, invalid


def names(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [s["name"] for s in response.json()["data"]]


def bulk(api, tenant, **body):
    return api.post("/api/v1/subscriptions/bulk", headers=tenant.headers, json=body)


def test_filters_and_sorts(api, tenant, other_tenant):
    gold, silver, bronze = (create(api, tenant, name=n) for n in ("Gold", "Silver", "Bronze"))
    create(api, other_tenant, name="Platinum")
    bulk(api, tenant, action="archive", ids=[silver["id"]])
    bulk(api, tenant, action="delete", ids=[bronze["id"]])
    h = tenant.headers
    assert names(api.get("/api/v1/subscriptions", headers=h)) == ["Gold", "Silver", "Bronze"]
    assert names(api.get("/api/v1/subscriptions?filter=LV", headers=h)) == ["Silver"]
    assert names(api.get("/api/v1/subscriptions?status=active", headers=h)) == ["Gold"]
    assert names(api.get("/api/v1/subscriptions?status=archived", headers=h)) == ["Silver"]
    assert names(api.get("/api/v1/subscriptions?status=deleted", headers=h)) == ["Bronze"]
    assert names(api.get("/api/v1/subscriptions?is_deleted=false", headers=h)) == ["Gold", "Silver"]
    assert names(api.get("/api/v1/subscriptions?sort=name|asc", headers=h)) == ["Bronze", "Gold", "Silver"]
    # `name` is no filter of upstream's subscriptions.
    assert names(api.get("/api/v1/subscriptions?name=Gold", headers=h)) == ["Gold", "Silver", "Bronze"]
    r = api.get("/api/v1/subscriptions?include=nothing", headers=h)
    assert (r.status_code, r.json()) == (400, {"message": "Relation `nothing` is not a valid include."})
    assert names(api.get("/api/v1/subscriptions?include=company", headers=h)) == ["Gold", "Silver", "Bronze"]
    assert gold["id"] == api.get("/api/v1/subscriptions?per_page=1", headers=h).json()["data"][0]["id"]


def test_archive_restore_delete_with_activities(api, tenant, session_factory):
    a = create(api, tenant, name="A")
    r = bulk(api, tenant, action="archive", ids=[a["id"]])
    assert r.status_code == 200
    assert [(s["archived_at"] > 0, s["is_deleted"]) for s in r.json()["data"]] == [(True, False)]
    assert r.json()["meta"]["pagination"]["total"] == 1
    bulk(api, tenant, action="archive", ids=[a["id"]])  # already archived: no second activity
    bulk(api, tenant, action="delete", ids=[a["id"]])
    r = bulk(api, tenant, action="restore", ids=[a["id"]])
    assert [(s["archived_at"], s["is_deleted"]) for s in r.json()["data"]] == [(0, False)]
    assert activity_types(session_factory, a["id"]) == [80, 82, 83, 84]


def test_bulk_request_rules(api, tenant, other_tenant):
    mine = create(api, tenant, name="Mine")
    theirs = create(api, other_tenant, name="Theirs")
    r = bulk(api, tenant, action="archive")
    assert (r.status_code, r.json()) == (422, invalid({"ids": ["The ids field is required."]}))
    r = bulk(api, tenant, ids=[mine["id"]])
    assert (r.status_code, r.json()) == (422, invalid({"action": ["The action field is required."]}))
    r = bulk(api, tenant, action="start", ids=[mine["id"]])
    assert (r.status_code, r.json()) == (422, invalid({"action": ["The selected action is invalid."]}))
    # One id of another company fails the whole request, and nothing is archived.
    r = bulk(api, tenant, action="archive", ids=[mine["id"], theirs["id"]])
    assert (r.status_code, r.json()) == (422, invalid({"ids": ["The selected ids is invalid."]}))
    assert api.get(f"/api/v1/subscriptions/{mine['id']}", headers=tenant.headers).json()["data"]["archived_at"] == 0


def test_assign_invoice(api, tenant, other_tenant, client_row):
    sub = create(api, tenant, name="Linked")
    invoice = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client_row["id"]}).json()["data"]
    recurring = api.post("/api/v1/recurring_invoices", headers=tenant.headers,
                         json={"client_id": client_row["id"], "frequency_id": 5}).json()["data"]
    r = bulk(api, tenant, action="assign_invoice", ids=[sub["id"]], entity="invoice", entity_id=invoice["id"])
    assert (r.status_code, [s["id"] for s in r.json()["data"]]) == (200, [sub["id"]])
    shown = api.get(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers).json()["data"]
    assert shown["subscription_id"] == sub["id"]
    r = bulk(api, tenant, action="assign_invoice", ids=[sub["id"]], entity="recurring_invoice",
             entity_id=recurring["id"])
    assert r.status_code == 200
    shown = api.get(f"/api/v1/recurring_invoices/{recurring['id']}", headers=tenant.headers).json()["data"]
    assert shown["subscription_id"] == sub["id"]
    # The invoice must be the company's, and of the named kind.
    second = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client_row["id"]}).json()["data"]
    r = bulk(api, tenant, action="assign_invoice", ids=[sub["id"]], entity="recurring_invoice",
             entity_id=second["id"])
    assert (r.status_code, r.json()) == (422, invalid({"entity_id": ["The selected entity id is invalid."]}))
    r = bulk(api, tenant, action="assign_invoice", ids=[sub["id"]], entity="quote", entity_id=invoice["id"])
    assert (r.status_code, r.json()) == (422, invalid({"entity": ["The selected entity is invalid."]}))
    r = bulk(api, tenant, action="assign_invoice", ids=[sub["id"]], entity_id=invoice["id"])
    assert (r.status_code, r.json()) == (422, invalid({"entity": ["The entity field is required."]}))
    other_client = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "O"}).json()["data"]
    foreign = api.post("/api/v1/invoices", headers=other_tenant.headers,
                       json={"client_id": other_client["id"]}).json()["data"]
    r = bulk(api, tenant, action="assign_invoice", ids=[sub["id"]], entity="invoice", entity_id=foreign["id"])
    assert (r.status_code, r.json()) == (422, invalid({"entity_id": ["The selected entity id is invalid."]}))
    # Without an entity_id nothing is linked.
    assert bulk(api, tenant, action="assign_invoice", ids=[sub["id"]], entity="invoice").status_code == 200


def test_refresh_embeds_subscriptions(api, tenant, session_factory):
    from tests.products.helpers import make_staff

    create(api, tenant, name="Owner's")
    staff = make_staff(session_factory, tenant, "create_subscription,view_subscription")
    api.post("/api/v1/subscriptions", headers=staff, json={"name": "Staff's"})
    company = api.post("/api/v1/refresh", headers=tenant.headers).json()["data"][0]["company"]
    assert [s["name"] for s in company["subscriptions"]] == ["Owner's", "Staff's"]
    # Upstream embeds only a non-admin's own subscriptions, whatever they may view.
    company = api.post("/api/v1/refresh", headers=staff).json()["data"][0]["company"]
    assert [s["name"] for s in company["subscriptions"]] == ["Staff's"]
    assert company["subscriptions"][0]["user_id"] != ids.encode(tenant.user.id)


def test_set_payment_link_links_an_invoice_to_a_subscription_of_the_company(api, tenant, other_tenant):
    client = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"}).json()["data"]
    invoice = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client["id"]}).json()["data"]
    ours = api.post("/api/v1/subscriptions", headers=tenant.headers, json={"name": "Gold"}).json()["data"]
    theirs = api.post("/api/v1/subscriptions", headers=other_tenant.headers, json={"name": "Gold"}).json()["data"]

    def link(subscription_id):
        r = api.post("/api/v1/invoices/bulk", headers=tenant.headers,
                     json={"action": "set_payment_link", "ids": [invoice["id"]], "subscription_id": subscription_id})
        assert r.status_code == 200, r.text
        return [row["subscription_id"] for row in r.json()["data"]]

    assert link(theirs["id"]) == [""]
    assert link(ours["id"]) == [ours["id"]]
