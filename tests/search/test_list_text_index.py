"""`filter=` through a text index finds exactly what the plain scan finds, on every database."""

import pytest

from ninja_api.search import text_index

TERMS = [
    "acme", "ACME", "me Tra", "tra", "ra", "a", "%", "50%", "a_b", "_", "\\", 'say "hi"', "o'brien",
    "zürich", "ZÜRICH", "straße", "widget-9", "idget", "0042", "INV-0042", "po-77", "cv-3", "deleted.co",
    "nobody@", "555-01", "renamed", "old number", "kiwi", "xyz-nothing", "\n", "  ",
]


@pytest.fixture
def texts(api, tenant):
    """Clients and invoices whose text exercises case, accents, LIKE's wildcards and quotes."""
    h = tenant.headers

    def client(**body):
        r = api.post("/api/v1/clients", headers=h, json=body)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    made = [
        client(name="Acme Trading", number="0042", contacts=[{"email": "ann@acme.co", "first_name": "Ann"}]),
        client(name="Zürich Straße", id_number="a_b", contacts=[{"last_name": "O'Brien", "phone": "555-0100"}]),
        client(name="50% Off", custom_value3="cv-3", contacts=[{"email": "x@deleted.co"}]),
        client(name='He said "hi"', contacts=[{"first_name": "Kiwi"}, {"email": "back\\slash@b.co"}]),
    ]
    invoices = []
    for number, owner, body in [
        ("INV-0042", 0, {"po_number": "PO-77", "line_items": [{"notes": "Widget-9", "product_key": "straße"}]}),
        ("INV-0043", 1, {"custom_value1": "say \"hi\"", "line_items": [{"notes": "100%_done"}]}),
        ("old number", 2, {"line_items": [{"product_key": "a_b"}]}),
        ("INV-9", 3, {}),
    ]:
        r = api.post("/api/v1/invoices", headers=h, json={"client_id": made[owner]["id"], "number": number, **body})
        assert r.status_code == 200, r.text
        invoices.append(r.json()["data"])
    # Writes after creation must reach the indexes too: a renamed invoice, a renamed client, a
    # contact gone, an invoice deleted.
    assert api.put(f"/api/v1/invoices/{invoices[2]['id']}", headers=h, json={"number": "renamed"}).status_code == 200
    assert api.put(f"/api/v1/clients/{made[3]['id']}", headers=h,
                   json={"name": "Kiwi Fruit", "contacts": [{"first_name": "Kiwi"}]}).status_code == 200
    r = api.post("/api/v1/invoices/bulk", headers=h, json={"action": "delete", "ids": [invoices[3]["id"]]})
    assert r.status_code == 200, r.text
    return made, invoices


def _found(api, tenant, entity: str, term: str) -> list[str]:
    r = api.get(f"/api/v1/{entity}", headers=tenant.headers, params={"filter": term, "per_page": 100})
    assert r.status_code == 200, r.text
    return [row.get("number") if entity == "invoices" else row["name"] for row in r.json()["data"]]


def test_the_index_is_the_one_the_database_has(session, database_url):
    expected = {"sqlite": "fts5", "postgresql": "trgm"}.get(session.get_bind().dialect.name)
    assert text_index._kind(session) == expected


@pytest.mark.parametrize("entity", ["clients", "invoices"])
def test_the_index_finds_what_the_scan_finds(api, tenant, texts, entity, monkeypatch):
    indexed = {term: _found(api, tenant, entity, term) for term in TERMS}
    monkeypatch.setattr(text_index, "_kind", lambda session: None)
    scanned = {term: _found(api, tenant, entity, term) for term in TERMS}
    assert indexed == scanned


def test_what_the_search_finds(api, tenant, texts):
    assert _found(api, tenant, "clients", "tra") == ["Acme Trading", "Zürich Straße"]
    assert _found(api, tenant, "clients", "50%") == ["50% Off"]
    assert _found(api, tenant, "clients", "a_b") == ["Zürich Straße"]
    assert _found(api, tenant, "clients", "kiwi") == ["Kiwi Fruit"]
    assert _found(api, tenant, "invoices", "idget") == ["INV-0042"]
    assert _found(api, tenant, "invoices", "acme") == ["INV-0042"]  # its client's name
    assert _found(api, tenant, "invoices", "o'brien") == ["INV-0043"]  # its client's contact
    assert _found(api, tenant, "invoices", "renamed") == ["renamed"]
    assert _found(api, tenant, "invoices", "old number") == []
    assert _found(api, tenant, "invoices", "kiwi") == ["INV-9_Deleted"]  # deleted (and renamed), still listed
    assert _found(api, tenant, "invoices", "%_d") == ["INV-0043"]
