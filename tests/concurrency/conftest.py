"""A real server for races: uvicorn in a thread on a free port, its own engine and pool, real commits.

The per-test rolled-back connection of the suite's `session_factory` would serialise every
request; here each request checks out its own pooled connection and commits, as in production.
Each test gets a company of its own, and everything it stored is deleted afterwards.
"""

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from sqlalchemy import delete, select

from ninja_api.app import create_app
from ninja_api.db import make_engine, make_sessionmaker, pool_options
from ninja_api.models import Account, Base, Company, Payment, Paymentable, User
from ninja_api.settings import Settings
from tests.conftest import Tenant, make_tenant

# Fewer connections than concurrent requests: the requests beyond the pool must queue, not fail.
# (The PostgreSQL and MariaDB of CI are shared by parallel runs; 20 + 5 leaves room for them.)
POOL_SIZE = 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def purge_company(sessionmaker, tenant: Tenant) -> None:
    """Delete every row of the tenant's company, its user and its account."""
    company_id = tenant.company.id
    with sessionmaker() as s:
        payment_ids = list(s.scalars(select(Payment.id).where(Payment.company_id == company_id)))
        if payment_ids:
            s.execute(delete(Paymentable).where(Paymentable.payment_id.in_(payment_ids)))
        for table in reversed(Base.metadata.sorted_tables):
            if "company_id" in table.c:
                s.execute(delete(table).where(table.c.company_id == company_id))
        s.execute(delete(Company).where(Company.id == company_id))
        s.execute(delete(User).where(User.id == tenant.user.id))
        s.execute(delete(Account).where(Account.id == tenant.account.id))
        s.commit()


@dataclass
class Live:
    url: str
    tenant: Tenant
    sessionmaker: object

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, headers=self.tenant.headers, timeout=60)

    def race(self, count: int, call) -> list[httpx.Response]:
        """`call(http, i)` from `count` threads at once, each with its own connection to the server."""
        ready = threading.Barrier(count)

        def run(i):
            with self.client() as http:
                ready.wait()
                return call(http, i)

        with ThreadPoolExecutor(max_workers=count) as pool:
            return list(pool.map(run, range(count)))


def serve(app, port: int):
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off",
                            backlog=256)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return server, thread


@pytest.fixture
def live_settings(engine, database_url) -> Settings:
    # `engine` (the suite's) has built the schema; this test builds a pool of its own on it.
    return Settings(database_url=database_url, app_url="https://ninja.test", hash_salt="", api_secret="",
                    mail_mailer="array", mail_from_address="billing@ninja.test",
                    db_pool_size=POOL_SIZE, db_max_overflow=5, db_pool_timeout=30)


@pytest.fixture
def live(live_settings, request):
    engine = make_engine(live_settings.database_url, **pool_options(live_settings))
    sessionmaker = make_sessionmaker(engine)
    tenant = make_tenant(sessionmaker, f"race-{request.node.name[:40]}@example.com", "z" * 64, "Race Co")
    server = thread = None
    try:
        port = free_port()
        server, thread = serve(create_app(live_settings, sessionmaker), port)
        yield Live(f"http://127.0.0.1:{port}", tenant, sessionmaker)
    finally:
        if server is not None:
            server.should_exit = True
            thread.join(10)
        purge_company(sessionmaker, tenant)
        engine.dispose()


@pytest.fixture
def not_sqlite(database_url):
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite has one writer: the race needs PostgreSQL or MariaDB")
