"""A saturated server answers 503 with Retry-After, never 500: no free connection, no request slot."""

import asyncio

import pytest
from fastapi.testclient import TestClient

from ninja_api.app import create_app
from ninja_api.db import RequestSlots, ServerBusy, make_engine, make_sessionmaker, pool_options
from tests.concurrency.conftest import purge_company
from tests.conftest import make_tenant

BUSY = {"message": "The server is busy, try again shortly."}


@pytest.fixture
def tiny(live_settings):
    settings = live_settings.model_copy(update={"db_pool_size": 1, "db_max_overflow": 0, "db_pool_timeout": 0.3})
    engine = make_engine(settings.database_url, **pool_options(settings))
    sessionmaker = make_sessionmaker(engine)
    tenant = make_tenant(sessionmaker, "tiny-pool@example.com", "t" * 64, "Tiny Pool")
    yield settings, engine, sessionmaker, tenant
    purge_company(sessionmaker, tenant)
    engine.dispose()


def test_no_free_connection_answers_503_with_retry_after(tiny):
    settings, engine, sessionmaker, tenant = tiny
    api = TestClient(create_app(settings, sessionmaker))
    with engine.connect():  # the pool's only connection, held elsewhere
        r = api.get("/api/v1/clients", headers=tenant.headers)
    assert (r.status_code, r.json(), r.headers["Retry-After"]) == (503, BUSY, "5")
    # Once the connection is back, the same request is served.
    assert api.get("/api/v1/clients", headers=tenant.headers).status_code == 200


def test_pool_follows_the_settings(tiny):
    _, engine, _, _ = tiny
    assert (engine.pool.size(), engine.pool._max_overflow, engine.pool._timeout) == (1, 0, 0.3)


def test_a_request_waits_for_a_slot_and_gives_up_with_503():
    slots = RequestSlots(1, 0.05)

    async def scenario():
        async with slots.hold():
            with pytest.raises(ServerBusy):
                async with slots.hold():
                    pass
        async with slots.hold():  # released: free again
            return True

    assert asyncio.run(scenario())


def test_no_free_slot_answers_503(tiny):
    settings, _, sessionmaker, tenant = tiny
    app = create_app(settings, sessionmaker)

    class NoSlot(RequestSlots):
        def hold(self):
            raise ServerBusy()

    app.state.request_slots = NoSlot(1, 0)
    r = TestClient(app).get("/api/v1/clients", headers=tenant.headers)
    assert (r.status_code, r.json(), r.headers["Retry-After"]) == (503, BUSY, "5")
