"""POST /api/v1/emails/clientHistory/{client} and /emails/entityHistory: what was sent, newest first."""

import re

from ninja_api import ids
from ninja_api.models import SystemLog

UNAUTHORIZED = {"message": "This action is unauthorized."}
DATE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def invoice(api, tenant, client_row) -> dict:
    r = api.post("/api/v1/invoices", headers=tenant.headers,
                 json={"client_id": client_row["id"], "line_items": [{"quantity": 1, "cost": 10}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def emailed(api, tenant, inv) -> None:
    r = api.get(f"/api/v1/invoices/{inv['id']}/email", headers=tenant.headers)
    assert r.status_code == 200, r.text


def history(api, tenant, client_id: str):
    return api.post(f"/api/v1/emails/clientHistory/{client_id}", headers=tenant.headers)


def test_sent_mail_shows_in_the_client_and_entity_history(api, tenant, client_row):
    assert (history(api, tenant, client_row["id"]).status_code, history(api, tenant, client_row["id"]).json()) == (
        200, [])
    first, second = invoice(api, tenant, client_row), invoice(api, tenant, client_row)
    emailed(api, tenant, first)
    emailed(api, tenant, second)
    r = history(api, tenant, client_row["id"])
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    found = r.json()
    assert [h["entity_id"] for h in found] == [second["id"], first["id"]]
    event = found[0]["events"][0]
    assert DATE.match(event.pop("date"))
    assert found[0] == {
        "recipients": "a@acme.co", "subject": f"New invoice {second['number']} from Demo Company",
        "entity": "invoice", "entity_id": second["id"],
        "events": [{"bounce_id": "", "recipient": "a@acme.co", "status": "Sent", "delivery_message": "",
                    "server": "", "server_ip": ""}],
    }
    r = api.post("/api/v1/emails/entityHistory", headers=tenant.headers,
                 json={"entity": "invoice", "entity_id": first["id"]})
    assert r.status_code == 200
    assert [(h["entity"], h["entity_id"]) for h in r.json()] == [("invoice", first["id"])]


def test_failed_mail_and_logs_without_events_are_left_out(api, tenant, client_row, session_factory, app):
    inv = invoice(api, tenant, client_row)

    class Broken:
        def send(self, mail):
            raise OSError("connection refused")

    app.state.mailer = Broken()
    emailed(api, tenant, inv)
    with session_factory() as s:
        s.add(SystemLog(company_id=tenant.company.id, client_id=ids.decode(client_row["id"]), category_id=2,
                        event_id=30, type_id=900, log={"history": {"entity": "invoice", "events": []}}))
        s.commit()
    assert history(api, tenant, client_row["id"]).json() == []


def test_entity_history_rules(api, tenant, other_tenant, client_row):
    inv = invoice(api, tenant, client_row)

    def post(**body):
        return api.post("/api/v1/emails/entityHistory", headers=tenant.headers, json=body)

    r = post()
    assert (r.status_code, r.json()) == (422, invalid({"entity": ["The entity field is required."],
                                                       "entity_id": ["The entity id field is required."]}))
    r = post(entity="client", entity_id=inv["id"])
    assert r.json() == invalid({"entity": ["The selected entity is invalid."]})
    r = post(entity=5, entity_id=inv["id"])
    assert r.json() == invalid({"entity": ["The entity must be a string."]})
    # The id must be a document of that kind in the company.
    for entity_id in ("nothing", ids.encode(ids.decode(inv["id"]) + 1000)):
        r = post(entity="invoice", entity_id=entity_id)
        assert r.json() == invalid({"entity_id": ["The selected entity id is invalid."]}), entity_id
    assert post(entity="quote", entity_id=inv["id"]).status_code == 422
    theirs = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "Theirs"}).json()["data"]
    r = history(api, tenant, theirs["id"])
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
    r = history(api, tenant, "nothing")
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Client]."})
