"""`GET /activities?reactv2`: the dashboard's pre-rendered activities."""

from ninja_api import ids
from tests.auth.helpers import add_member


def _post(api, tenant, path, body):
    r = api.post(path, headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _ref(label, hashed_id):
    return {"label": label, "hashed_id": hashed_id}


def test_activities_rendered_for_the_dashboard(api, tenant, other_tenant):
    client = _post(api, tenant, "/api/v1/clients", {"name": "Acme", "contacts": [{"email": "a@acme.co"}]})
    invoice = _post(api, tenant, "/api/v1/invoices?mark_sent=true",
                    {"client_id": client["id"], "line_items": [{"quantity": 1, "cost": 1250.5}]})
    payment = _post(api, tenant, "/api/v1/payments", {"client_id": client["id"], "amount": 1000,
                                                       "invoices": [{"invoice_id": invoice["id"], "amount": 1000}]})
    _post(api, tenant, "/api/v1/activities/notes",
          {"entity": "invoices", "entity_id": invoice["id"], "notes": "Chased by phone"})
    vendor = _post(api, tenant, "/api/v1/vendors", {"name": "Supplies Ltd"})
    _post(api, other_tenant, "/api/v1/clients", {"name": "Theirs"})

    plain = api.get("/api/v1/activities?per_page=50", headers=tenant.headers).json()["data"]
    r = api.get("/api/v1/activities?reactv2", headers=tenant.headers)
    assert r.status_code == 200, r.text
    assert "meta" not in r.json()
    listed = r.json()["data"]
    assert [a["hashed_id"] for a in listed] == [a["id"] for a in plain]
    by_type = {a["activity_type_id"]: a for a in listed}
    created = {int(a["activity_type_id"]): a for a in plain}
    user = _ref("Demo User", ids.encode(tenant.user.id))
    acme = _ref("Acme", client["id"])

    def tail(type_id, notes=""):
        row = created[type_id]
        return {"activity_type_id": type_id, "id": ids.decode(row["id"]), "hashed_id": row["id"], "notes": notes,
                "created_at": row["created_at"], "ip": row["ip"]}

    assert by_type[1] == {"user": user, "client": acme, **tail(1)}
    assert by_type[4] == {"user": user, "invoice": _ref(invoice["number"], invoice["id"]), "client": acme, **tail(4)}
    assert by_type[10] == {"user": user, "payment": _ref(payment["number"], payment["id"]),
                           "payment_amount": {"label": "$1,000.00", "hashed_id": ""},
                           "invoice": _ref(invoice["number"], invoice["id"]), "client": acme, **tail(10)}
    # A user note also names the document it is attached to, after the activity's own fields.
    assert by_type[141] == {"user": user, "client": acme, **tail(141, "Chased by phone"),
                            "invoice": _ref(invoice["number"], invoice["id"])}
    assert by_type[30] == {"user": user, "vendor": _ref("Supplies Ltd", vendor["id"]), **tail(30)}
    assert isinstance(by_type[1]["created_at"], int)


def test_rows_and_users_who_are_not_admins(api, tenant, session_factory):
    for name in ("Alpha", "Beta", "Gamma"):
        _post(api, tenant, "/api/v1/clients", {"name": name})
    r = api.get("/api/v1/activities?reactv2&rows=2", headers=tenant.headers)
    assert [a["client"]["label"] for a in r.json()["data"]] == ["Gamma", "Beta"]
    assert len(api.get("/api/v1/activities?reactv2", headers=tenant.headers).json()["data"]) == 3
    member = add_member(session_factory, tenant, "m@example.com", "m" * 64, permissions="view_all")
    r = api.get("/api/v1/activities?reactv2", headers=member["headers"])
    assert r.json() == {"data": []}
    r = api.get("/api/v1/activities?reactv2")
    assert (r.status_code, r.json()) == (403, {"message": "Invalid token", "errors": {}})


def test_activities_of_one_entity(api, tenant, other_tenant):
    client = _post(api, tenant, "/api/v1/clients", {"name": "Acme"})
    other = _post(api, tenant, "/api/v1/clients", {"name": "Other"})
    invoice = _post(api, tenant, "/api/v1/invoices", {"client_id": client["id"]})
    _post(api, tenant, "/api/v1/invoices", {"client_id": other["id"]})

    def of(body, status=200):
        r = api.post("/api/v1/activities/entity", headers=tenant.headers, json=body)
        assert r.status_code == status, r.text
        return r.json()

    everything = api.get("/api/v1/activities?reactv2", headers=tenant.headers).json()["data"]
    mine = of({"entity": "client", "entity_id": client["id"]})["data"]
    assert [a["activity_type_id"] for a in mine] == [4, 1]  # its invoice, then the client itself
    assert mine == [a for a in everything if a["hashed_id"] in {m["hashed_id"] for m in mine}]
    assert [a["activity_type_id"] for a in of({"entity": "invoice", "entity_id": invoice["id"]})["data"]] == [4]
    assert of({"entity": "client", "entity_id": client["id"], "rows": 1})["data"] == mine[:1]
    invalid = "The given data was invalid."
    assert of({}, 422) == {"message": invalid, "errors": {"entity": ["The entity field is required."]}}
    assert of({"entity": "token", "entity_id": "x"}, 422)["errors"] == {"entity": ["The selected entity is invalid."]}
    theirs = _post(api, other_tenant, "/api/v1/clients", {"name": "Theirs"})
    assert of({"entity": "client", "entity_id": theirs["id"]}, 422)["errors"] == {
        "entity_id": ["The selected entity id is invalid."]}
