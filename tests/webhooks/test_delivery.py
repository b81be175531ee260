"""Events reach a real HTTP receiver: upstream's body, signed, retried, logged, never from a rollback."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from ninja_api import ids
from ninja_api.models import Client, SystemLog, Webhook, WebhookDelivery
from ninja_api.webhooks.delivery import deliver_due


class Receiver:
    """A local endpoint that records every request and answers the statuses it is given, then 200."""

    def __init__(self):
        self.requests, self.statuses = [], []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.requests.append((self.command, self.path, dict(self.headers), body))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.end_headers()

            do_POST = do_PUT = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    found = Receiver()
    yield found
    found.close()


def _hook(api, tenant, receiver, event_id, path="/hook", **body):
    r = api.post("/api/v1/webhooks", headers=tenant.headers,
                 json={"target_url": receiver.url + path, "event_id": event_id, **body})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _deliveries(api, tenant, hook):
    r = api.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=tenant.headers)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_a_created_client_is_posted_signed_with_its_api_json(api, tenant, receiver, session_factory):
    hook = _hook(api, tenant, receiver, 1, headers={"X-Secret": "abc"})
    created = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"}).json()["data"]
    assert deliver_due(session_factory) == {}  # already sent, by the job the request's commit ran

    [(method, path, headers, body)] = receiver.requests
    assert (method, path) == ("POST", "/hook")
    shown = api.get(f"/api/v1/clients/{created['id']}", headers=tenant.headers).json()["data"]
    assert json.loads(body) == shown  # the bare entity, no `data` wrapper
    expected = hmac.new(hook["signing_secret"].encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Ninja-Signature"] == f"sha256={expected}"
    assert (headers["Content-Type"], headers["Accept"], headers["X-Secret"], headers["X-Ninja-Event"]) == (
        "application/json", "application/json", "abc", "1")
    [logged] = _deliveries(api, tenant, hook)
    assert {k: logged[k] for k in ("event_id", "entity", "entity_id", "status", "attempts", "response_status",
                                   "error", "next_attempt_at")} == {
        "event_id": "1", "entity": "client", "entity_id": created["id"], "status": "delivered", "attempts": 1,
        "response_status": 200, "error": "", "next_attempt_at": 0}
    with session_factory() as s:
        [row] = s.scalars(select(SystemLog).where(SystemLog.company_id == tenant.company.id,
                                                  SystemLog.category_id == 3)).all()
        assert (row.event_id, row.type_id, row.client_id, row.log["body"]["id"]) == (41, 500, ids.decode(created["id"]),
                                                                                    created["id"])


def test_events_follow_the_row_and_invoices_carry_their_client(api, tenant, receiver, session_factory):
    hooks = {name: _hook(api, tenant, receiver, event, path=f"/{name}", rest_method="put" if name == "update" else "post")
             for name, event in (("create", 2), ("update", 8), ("archive", 33), ("restore", 41), ("delete", 9))}
    client = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"}).json()["data"]
    invoice = api.post("/api/v1/invoices", headers=tenant.headers,
                       json={"client_id": client["id"], "line_items": [{"quantity": 1, "cost": 5}]}).json()["data"]
    api.put(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers, json={"po_number": "PO-9"})
    for action in ("archive", "restore", "delete"):
        r = api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"action": action, "ids": [invoice["id"]]})
        assert r.status_code == 200, r.text
    deliver_due(session_factory)
    seen = [(method, path) for method, path, _, _ in receiver.requests]
    assert seen == [("POST", "/create"), ("PUT", "/update"), ("POST", "/archive"), ("POST", "/restore"),
                    ("POST", "/delete")]
    first = json.loads(receiver.requests[0][3])
    assert (first["id"], first["client"]["id"], first["client"]["name"]) == (invoice["id"], client["id"], "Acme")
    assert json.loads(receiver.requests[1][3])["po_number"] == "PO-9"
    assert json.loads(receiver.requests[4][3])["is_deleted"] is True
    assert all(len(_deliveries(api, tenant, h)) == 1 for h in hooks.values())


def test_a_failing_receiver_is_retried_with_backoff_and_a_gone_one_is_suspended(api, tenant, receiver,
                                                                               session_factory):
    hook = _hook(api, tenant, receiver, 1)
    receiver.statuses = [500, 503]
    api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"})  # its commit's job: a 500
    [first] = _deliveries(api, tenant, hook)
    assert (first["status"], first["attempts"], first["response_status"]) == ("pending", 1, 500)
    delivery_id = ids.decode(first["id"])
    with session_factory() as s:
        retry_at = s.get(WebhookDelivery, delivery_id).next_attempt_at
    assert deliver_due(session_factory, retry_at - timedelta(seconds=1)) == {}  # not due before 10 s
    assert deliver_due(session_factory, retry_at) == {delivery_id: "pending"}
    assert deliver_due(session_factory, retry_at + timedelta(seconds=29)) == {}  # then 30 s later
    assert deliver_due(session_factory, retry_at + timedelta(seconds=30)) == {delivery_id: "delivered"}
    assert len(receiver.requests) == 3 and len({body for *_, body in receiver.requests}) == 1
    [logged] = _deliveries(api, tenant, hook)
    assert (logged["status"], logged["attempts"], logged["response_status"]) == ("delivered", 3, 200)

    # A receiver that answers 410 is gone: the webhook is archived, as upstream does.
    gone = _hook(api, tenant, receiver, 10, path="/gone")
    receiver.statuses = [410]
    api.put(f"/api/v1/clients/{logged['entity_id']}", headers=tenant.headers, json={"name": "Acme 2"})
    assert [d["status"] for d in _deliveries(api, tenant, gone)] == ["failed"]
    shown = api.get(f"/api/v1/webhooks/{gone['id']}", headers=tenant.headers).json()["data"]
    assert shown["archived_at"] > 0
    # Resending queues the same body again, as a new delivery.
    [failed] = _deliveries(api, tenant, gone)
    r = api.post(f"/api/v1/webhooks/{gone['id']}/deliveries/{failed['id']}/resend", headers=tenant.headers)
    assert (r.status_code, r.json()["data"]["status"], r.json()["data"]["attempts"]) == (200, "pending", 0)


def test_a_rolled_back_unit_of_work_sends_nothing(api, tenant, receiver, session_factory):
    _hook(api, tenant, receiver, 1)
    with session_factory() as s:
        s.add(Client(company_id=tenant.company.id, user_id=tenant.user.id, name="Ghost", balance=0, paid_to_date=0,
                     credit_balance=0, payment_balance=0, is_deleted=False, settings={}))
        s.flush()
        s.rollback()
    with session_factory() as s:
        assert s.scalars(select(WebhookDelivery)).all() == []
    # A refused request neither.
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme", "contacts": [{"email": "bad"}]})
    assert r.status_code == 422
    assert deliver_due(session_factory) == {} and receiver.requests == []


def test_retry_sends_an_entity_as_it_is_now(api, tenant, receiver, session_factory, other_tenant):
    hook = _hook(api, tenant, receiver, 4)
    client = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"}).json()["data"]
    r = api.post(f"/api/v1/webhooks/{hook['id']}/retry", headers=tenant.headers,
                 json={"entity": "client", "entity_id": client["id"]})
    assert (r.status_code, r.json()["data"]["id"]) == (200, hook["id"])
    deliver_due(session_factory)
    assert json.loads(receiver.requests[0][3])["id"] == client["id"]
    r = api.post(f"/api/v1/webhooks/{hook['id']}/retry", headers=tenant.headers,
                 json={"entity": "client", "entity_id": "nope"})
    assert (r.status_code, r.json()) == (400, {"message": "Record not found"})
    r = api.post(f"/api/v1/webhooks/{hook['id']}/retry", headers=tenant.headers, json={"entity": "user"})
    assert r.json()["errors"] == {"entity": ["The selected entity is invalid."],
                                  "entity_id": ["The entity id field is required."]}
    theirs = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "Theirs"}).json()["data"]
    r = api.post(f"/api/v1/webhooks/{hook['id']}/retry", headers=tenant.headers,
                 json={"entity": "client", "entity_id": theirs["id"]})
    assert r.status_code == 400
    with session_factory() as s:
        assert s.get(Webhook, ids.decode(hook["id"])).deleted_at is None


def test_sent_and_approved_are_their_own_events(api, tenant, receiver, session_factory):
    _hook(api, tenant, receiver, 60, path="/sent")
    _hook(api, tenant, receiver, 21, path="/approved")
    client = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"}).json()["data"]
    invoice = api.post("/api/v1/invoices?mark_sent=true", headers=tenant.headers,
                       json={"client_id": client["id"], "line_items": [{"quantity": 1, "cost": 5}]}).json()["data"]
    quote = api.post("/api/v1/quotes", headers=tenant.headers, json={"client_id": client["id"]}).json()["data"]
    r = api.post("/api/v1/quotes/bulk", headers=tenant.headers, json={"action": "approve", "ids": [quote["id"]]})
    assert r.status_code == 200, r.text
    # Marking it sent again does nothing, and fires nothing.
    api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"action": "mark_sent", "ids": [invoice["id"]]})
    deliver_due(session_factory)
    assert [(path, json.loads(body)["id"]) for _, path, _, body in receiver.requests] == [
        ("/sent", invoice["id"]), ("/approved", quote["id"])]
