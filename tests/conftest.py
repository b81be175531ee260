"""Fixtures shared by every test: a real database, a transaction rolled back per test.

The database is chosen with `--db sqlite|postgresql|mariadb|all` or the TEST_DATABASE variable
(default sqlite); with `all` every database test runs on each backend in turn.
TEST_POSTGRESQL_URL / TEST_MARIADB_URL / TEST_SQLITE_URL override a backend's URL.
"""

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from ninja_api.accounts.service import create_account
from ninja_api.app import create_app
from ninja_api.db import make_engine
from ninja_api.migrate import upgrade
from ninja_api.models import Base
from ninja_api.settings import Settings

URLS = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "mariadb": "mysql+pymysql://root@127.0.0.1:3306/test",
}


ALL = ("sqlite", "postgresql", "mariadb")


def pytest_addoption(parser):
    parser.addoption("--db", default=None, help="sqlite, postgresql, mariadb, or all (comma lists work too)")


def _databases(config) -> list[str]:
    value = config.getoption("--db") or os.environ.get("TEST_DATABASE", "sqlite")
    names = list(ALL) if value == "all" else [v.strip() for v in value.split(",") if v.strip()]
    unknown = set(names) - set(ALL)
    if unknown:
        raise pytest.UsageError(f"unknown database(s) {sorted(unknown)}; use {', '.join(ALL)} or all")
    return names


def pytest_generate_tests(metafunc):
    # Every test that touches the database runs once per chosen backend.
    if "database_url" in metafunc.fixturenames:
        metafunc.parametrize("database_url", _databases(metafunc.config), indirect=True, scope="session")


@pytest.fixture(scope="session")
def database_url(request) -> str:
    name = request.param
    override = os.environ.get(f"TEST_{name.upper()}_URL")
    if override:
        return override
    if name == "sqlite":
        return f"sqlite:///{tempfile.mkdtemp(prefix='ninja-test-')}/test.db"
    return URLS[name]


def _drop_everything(engine) -> None:
    with engine.begin() as conn:
        names = inspect(conn).get_table_names()
        if engine.dialect.name in ("mysql", "mariadb"):
            conn.execute(text("SET FOREIGN_KEY_CHECKS=0"))
            for name in names:
                conn.execute(text(f"DROP TABLE `{name}`"))
            conn.execute(text("SET FOREIGN_KEY_CHECKS=1"))
        elif engine.dialect.name == "postgresql":
            for name in names:
                conn.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
        else:
            Base.metadata.drop_all(conn)


@pytest.fixture(scope="session")
def engine(database_url):
    engine = make_engine(database_url)
    _drop_everything(engine)
    upgrade(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine):
    conn = engine.connect()
    outer = conn.begin()
    yield conn
    outer.rollback()
    conn.close()


@pytest.fixture
def session_factory(connection):
    # Every commit inside the app becomes a savepoint of the test's outer transaction.
    return sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
def session(session_factory) -> Iterator[Session]:
    with session_factory() as s:
        yield s


@pytest.fixture
def settings(database_url) -> Settings:
    return Settings(database_url=database_url, app_url="https://ninja.test", hash_salt="", api_secret="",
                    mail_mailer="array", mail_from_address="billing@ninja.test")


@pytest.fixture
def app(settings, session_factory):
    return create_app(settings, session_factory)


@pytest.fixture
def api(app) -> TestClient:
    return TestClient(app)


@dataclass
class Tenant:
    account: object
    company: object
    user: object
    token: str

    @property
    def headers(self) -> dict:
        return {"X-API-TOKEN": self.token, "X-Requested-With": "XMLHttpRequest"}


def make_tenant(session_factory, email: str, token: str, company_name: str = "Demo Company") -> Tenant:
    with session_factory() as s:
        account, company, user, api_token = create_account(
            s, email=email, password="Password0", first_name="Demo", last_name="User",
            company_name=company_name, token=token,
        )
        s.commit()
        return Tenant(account=account, company=company, user=user, token=api_token.token)


@pytest.fixture
def tenant(session_factory) -> Tenant:
    return make_tenant(session_factory, "demo@example.com", "a" * 64)


@pytest.fixture
def other_tenant(session_factory) -> Tenant:
    return make_tenant(session_factory, "other@example.com", "b" * 64, "Other Company")


@pytest.fixture
def query_counter(engine):
    """Counts SQL statements sent while the returned list's context is active."""

    class Counter:
        def __init__(self) -> None:
            self.count = 0
            self.active = False

        def __enter__(self):
            self.count, self.active = 0, True
            return self

        def __exit__(self, *exc):
            self.active = False

    counter = Counter()

    def on_execute(conn, cursor, statement, parameters, context, executemany):
        if counter.active and not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            counter.count += 1

    event.listen(engine, "before_cursor_execute", on_execute)
    yield counter
    event.remove(engine, "before_cursor_execute", on_execute)


# --- documents: a client with two contacts (one receives e-mail) and its invoices, credits, quotes ---


@pytest.fixture
def client_row(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers,
                 json={"name": "Acme", "contacts": [{"email": "a@acme.co"}, {"email": "b@acme.co", "send_email": False}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


@pytest.fixture
def get_client(api, tenant, client_row):
    def get():
        return api.get(f"/api/v1/clients/{client_row['id']}", headers=tenant.headers).json()["data"]

    return get


def document_maker(entity: str):
    """A fixture that stores one `entity` ("invoices", "credits"...) for `client_row` and returns its JSON."""

    @pytest.fixture
    def maker(api, tenant, client_row):
        def make(query: str = "", **body):
            body.setdefault("client_id", client_row["id"])
            r = api.post(f"/api/v1/{entity}{query}", headers=tenant.headers, json=body)
            assert r.status_code == 200, r.text
            return r.json()["data"]

        return make

    return maker

