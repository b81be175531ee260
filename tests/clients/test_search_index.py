"""`filter=` through SQLite's trigram index of clients (migration 0022) finds what the plain search
finds, and follows every change of the searched columns; other databases search without it."""

import pytest
from sqlalchemy import event, text

from tests.clients.helpers import create_client


def names(api, tenant, value):
    r = api.get("/api/v1/clients", params={"filter": value}, headers=tenant.headers)
    assert r.status_code == 200, r.text
    return [c["name"] for c in r.json()["data"]]


@pytest.fixture
def acme(api, tenant):
    create_client(api, tenant, name="Other Ltd", contacts=[{"email": "someone@other.co"}])
    return create_client(api, tenant, name="Acme Rockets", id_number="ID-77", custom_value2="Orbital",
                         contacts=[{"email": "Wile.E@acme.co", "first_name": "Wile", "phone": "555-0199"}])


@pytest.mark.parametrize("value", ["acme", "ROCK", "ets", "D-7", "orbit", "wile.e@", "0199", "ile"])
def test_each_searched_column_matches(api, tenant, acme, value):
    assert names(api, tenant, value) == ["Acme Rockets"]


@pytest.mark.parametrize("value", ["Ac", "e", "o"])
def test_texts_under_three_characters_search_without_the_index(api, tenant, acme, value):
    assert "Acme Rockets" in names(api, tenant, value)


@pytest.mark.parametrize("value", ['"acme"', "ac%e", "acm_", "Rockets\nAcme", "rockets id-77", "*"])
def test_what_the_index_finds_is_still_matched_exactly(api, tenant, acme, value):
    # The index would take these for other texts (a phrase, patterns, text across two columns).
    assert names(api, tenant, value) == []


def test_the_index_follows_changes(api, tenant, acme):
    r = api.put(f"/api/v1/clients/{acme['id']}", headers=tenant.headers, json={
        "name": "Roadrunner Inc", "contacts": [{"email": "beep@road.co", "first_name": "Road"}]})
    assert r.status_code == 200, r.text
    assert names(api, tenant, "acme") == []
    assert names(api, tenant, "wile") == []  # the old contact is archived: the plain search skips it too
    assert names(api, tenant, "runner") == ["Roadrunner Inc"]
    assert names(api, tenant, "beep@") == ["Roadrunner Inc"]


def test_sqlite_answers_from_the_index(api, tenant, acme, engine, connection):
    if connection.dialect.name != "sqlite":
        pytest.skip("the trigram index is SQLite's")
    sent = []
    listener = lambda conn, cursor, statement, *rest: sent.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert names(api, tenant, "rocket") == ["Acme Rockets"]
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert sum("client_search MATCH" in s for s in sent) == 2  # the count and the page
    indexed = "SELECT count(*) FROM client_search WHERE client_search MATCH '\"rocket\"'"
    assert connection.execute(text(indexed)).scalar() == 1
    r = api.post(f"/api/v1/clients/{acme['id']}/purge", headers=tenant.headers | {"X-API-PASSWORD": "Password0"})
    assert r.status_code == 200, r.text
    assert connection.execute(text(indexed)).scalar() == 0
