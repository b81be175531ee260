"""SQLite: a read takes no write lock, so it never queues behind a writer; a write still queues.

Reads (GET/HEAD lists, shows, edits, blank creates, downloads) open a deferred transaction and
read a WAL snapshot; everything else, GET actions such as mark_sent included, opens BEGIN
IMMEDIATE and waits its turn for the one write lock.
"""

import asyncio
import sqlite3
import threading
import time

import pytest
from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from starlette.requests import Request

from ninja_api.app import create_app
from ninja_api.db import get_session, make_engine, make_sessionmaker, pool_options, reads_only
from ninja_api.http.routing import UnitOfWorkRoute, only_reads
from ninja_api.models import Client
from tests.concurrency.conftest import purge_company
from tests.conftest import make_tenant

HOLD = 2.0  # seconds another connection keeps the write lock


@pytest.fixture
def sqlite_app(live_settings):
    if not live_settings.database_url.startswith("sqlite"):
        pytest.skip("about SQLite's single write lock")
    engine = make_engine(live_settings.database_url, **pool_options(live_settings))
    sessionmaker = make_sessionmaker(engine)
    tenant = make_tenant(sessionmaker, "reader@example.com", "w" * 64, "Readers")
    app = create_app(live_settings, sessionmaker)
    yield app, tenant, live_settings.database_url.split("///", 1)[1]
    purge_company(sessionmaker, tenant)
    engine.dispose()


class Writer:
    """Another process's write transaction, held open for `HOLD` seconds."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.holding = threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE accounts SET updated_at = updated_at")
        self.holding.set()
        time.sleep(HOLD)
        conn.execute("ROLLBACK")
        conn.close()

    def __enter__(self):
        self.thread.start()
        assert self.holding.wait(5)
        self.began = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.thread.join()


def timed(call):
    began = time.monotonic()
    response = call()
    return response, time.monotonic() - began


def test_reads_answer_while_a_writer_holds_the_lock_and_writes_wait(sqlite_app):
    app, tenant, path = sqlite_app
    api = TestClient(app, headers=tenant.headers)
    client = api.post("/api/v1/clients", json={"name": "Reader"}).json()["data"]
    invoice = api.post("/api/v1/invoices", json={"client_id": client["id"],
                                                  "line_items": [{"quantity": 1, "cost": 10}]}).json()["data"]
    api.get(f"/api/v1/invoices/{invoice['id']}/download")  # render once, so timing is not about warming up

    with Writer(path) as writer:
        listed, list_took = timed(lambda: api.get("/api/v1/clients"))
        shown, show_took = timed(lambda: api.get(f"/api/v1/invoices/{invoice['id']}"))
        pdf, pdf_took = timed(lambda: api.get(f"/api/v1/invoices/{invoice['id']}/download"))
        reads_done = time.monotonic() - writer.began
        # A GET action that writes takes the write lock: it waits for the writer, then succeeds.
        sent, _ = timed(lambda: api.get(f"/api/v1/invoices/{invoice['id']}/mark_sent"))
        sent_done = time.monotonic() - writer.began

    assert (listed.status_code, shown.status_code, pdf.status_code) == (200, 200, 200)
    assert [c["id"] for c in listed.json()["data"]] == [client["id"]]
    assert reads_done < HOLD, (list_took, show_took, pdf_took)
    assert (sent.status_code, sent.json()["data"]["status_id"]) == (200, "2"), sent.text
    assert sent_done >= HOLD - 0.1


def test_a_read_that_writes_after_all_runs_again_as_a_write(sqlite_app):
    app, tenant, path = sqlite_app
    attempts = []
    router = APIRouter(route_class=UnitOfWorkRoute)

    @router.get("/probe")
    def probe(session=Depends(get_session)):
        attempts.append(reads_only.get())
        count = session.scalar(select(func.count()).select_from(Client))  # the snapshot starts here
        if len(attempts) == 1:
            other = sqlite3.connect(path, isolation_level=None)
            other.execute("UPDATE accounts SET updated_at = CURRENT_TIMESTAMP WHERE id = ?",
                          (tenant.account.id,))  # another writer commits
            other.close()
        session.execute(text("UPDATE accounts SET updated_at = updated_at"))  # and now this one writes
        return {"clients": count}

    app.include_router(router, prefix="/api/v1")
    r = TestClient(app).get("/api/v1/probe")
    assert (r.status_code, r.json()) == (200, {"clients": 0})
    # Refused as a stale snapshot the first time; run again holding the write lock from the start.
    assert attempts == [True, False]


@pytest.mark.parametrize("method, path, params, reads", [
    ("GET", "/api/v1/invoices", {}, True),
    ("GET", "/api/v1/invoices/x", {"id": "x"}, True),
    ("GET", "/api/v1/invoices/x/edit", {"id": "x"}, True),
    ("GET", "/api/v1/invoices/create", {}, True),
    ("HEAD", "/api/v1/clients", {}, True),
    ("GET", "/api/v1/invoices/x/download", {"id": "x", "action": "download"}, True),
    ("GET", "/api/v1/invoices/x/mark_paid", {"id": "x", "action": "mark_paid"}, False),
    ("GET", "/api/v1/invoices/x/email", {"id": "x", "action": "email"}, False),
    ("POST", "/api/v1/invoices", {}, False),
    ("PUT", "/api/v1/invoices/x", {"id": "x"}, False),
    ("POST", "/api/v1/invoices/bulk", {"body": b'{"action": "bulk_print", "ids": []}'}, True),
    ("POST", "/api/v1/quotes/bulk", {"body": b'{"action": "download", "ids": []}'}, True),
    ("POST", "/api/v1/invoices/bulk", {"body": b'{"action": "bulk_download", "ids": []}'}, False),
    ("POST", "/api/v1/invoices/bulk", {"body": b'{"action": "archive", "ids": []}'}, False),
    ("POST", "/api/v1/documents/bulk", {"body": b'{"action": "download", "ids": []}'}, False),
    ("POST", "/api/v1/invoices/bulk", {"body": b'{"action": '}, False),  # refused by the route
    ("POST", "/api/v1/invoices/bulk", {"body": b'{"action": ["download"]}'}, False),
])
def test_which_requests_only_read(method, path, params, reads):
    body = params.pop("body", b"")

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    request = Request({"type": "http", "method": method, "path": path, "path_params": params,
                       "headers": [(b"content-type", b"application/json")], "query_string": b""}, receive)
    assert asyncio.run(only_reads(request)) is reads
