"""Keyset pages (`cursor=`, `updated_since=`) of the generic list, while rows are written between pages."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.clients.helpers import create_client


def _page(api, tenant, path: str) -> tuple[list[str], dict]:
    r = api.get(path, headers=tenant.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    return [row.get("name") or row.get("number") for row in body["data"]], body["meta"]["pagination"]


def _rename(api, tenant, entity: str, row_id: str, **body) -> None:
    r = api.put(f"/api/v1/{entity}/{row_id}", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text


@pytest.fixture
def clients(api, tenant):
    return [create_client(api, tenant, name=f"C{i}") for i in range(1, 6)]


def test_a_walk_by_id_neither_skips_nor_repeats_while_rows_come_and_go(api, tenant, clients):
    names, meta = _page(api, tenant, "/api/v1/clients?cursor=&per_page=2&status=active")
    assert names == ["C1", "C2"]
    assert {k: v for k, v in meta.items() if k not in ("links", "next_cursor")} == {
        "total": 5, "count": 2, "per_page": 2, "current_page": 1, "total_pages": 3}
    link = urlsplit(meta["links"]["next"])
    assert (link.scheme, link.netloc, link.path) == ("http", "testserver", "/api/v1/clients")
    assert parse_qs(link.query) == {"cursor": [meta["next_cursor"]], "per_page": ["2"], "status": ["active"]}

    # An offset page 2 would now start at C4: C1 left the active list and C3 moved up.
    r = api.post("/api/v1/clients/bulk", headers=tenant.headers, json={"action": "archive", "ids": [clients[0]["id"]]})
    assert r.status_code == 200, r.text
    create_client(api, tenant, name="C6")
    _rename(api, tenant, "clients", clients[1]["id"], name="C2 renamed")  # seen already: not again

    names, meta = _page(api, tenant, meta["links"]["next"])
    assert names == ["C3", "C4"]
    assert (meta["total"], meta["count"], meta["total_pages"]) == (4, 2, 2)

    create_client(api, tenant, name="C7")
    names, meta = _page(api, tenant, meta["links"]["next"])
    assert names == ["C5", "C6"]
    assert (meta["total"], meta["count"]) == (3, 2)

    names, meta = _page(api, tenant, meta["links"]["next"])
    assert names == ["C7"]
    assert (meta["total"], meta["count"], meta["links"]) == (1, 1, {})
    # The end of the walk still hands out a cursor: later rows come after it.
    end = meta["next_cursor"]
    assert _page(api, tenant, f"/api/v1/clients?per_page=2&status=active&cursor={end}")[0] == []
    create_client(api, tenant, name="C8")
    names, meta = _page(api, tenant, f"/api/v1/clients?per_page=2&status=active&cursor={end}")
    assert (names, meta["total"], meta["links"]) == (["C8"], 1, {})


def test_a_sync_returns_each_change_once_in_the_order_it_happened(api, tenant, clients):
    names, meta = _page(api, tenant, "/api/v1/clients?updated_since=0&per_page=2")
    assert names == ["C1", "C2"]
    assert (meta["total"], meta["count"]) == (5, 2)

    _rename(api, tenant, "clients", clients[0]["id"], name="C1 again")  # seen: comes again, last
    _rename(api, tenant, "clients", clients[3]["id"], name="C4 later")  # not seen yet: comes once, moved
    create_client(api, tenant, name="C6")

    names, meta = _page(api, tenant, meta["links"]["next"])
    assert names == ["C3", "C5"]
    names, meta = _page(api, tenant, meta["links"]["next"])
    assert names == ["C1 again", "C4 later"]
    assert (meta["total"], meta["count"]) == (3, 2)
    names, meta = _page(api, tenant, meta["links"]["next"])
    assert (names, meta["links"]) == (["C6"], {})

    # Polling from the last cursor returns only what changed since.
    end = meta["next_cursor"]
    assert _page(api, tenant, f"/api/v1/clients?per_page=2&cursor={end}")[0] == []
    _rename(api, tenant, "clients", clients[2]["id"], name="C3 at last")
    assert _page(api, tenant, f"/api/v1/clients?per_page=2&cursor={end}")[0] == ["C3 at last"]


def test_a_sync_starts_at_the_moment_asked(api, tenant, clients):
    r = api.get(f"/api/v1/clients/{clients[2]['id']}", headers=tenant.headers)
    since = r.json()["data"]["updated_at"]  # unix seconds: C3 and every later client, at least
    names, meta = _page(api, tenant, f"/api/v1/clients?updated_since={since + 1000}")
    assert (names, meta["total"]) == ([], 0)
    names, _ = _page(api, tenant, f"/api/v1/clients?updated_since={since}")
    assert names[-3:] == ["C3", "C4", "C5"]


def test_invoices_walk_the_same_way(api, tenant, client_row):
    made = []
    for i in range(3):
        r = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client_row["id"], "number": f"N{i}"})
        assert r.status_code == 200, r.text
        made.append(r.json()["data"])
    numbers, meta = _page(api, tenant, "/api/v1/invoices?cursor=&per_page=2")
    assert numbers == ["N0", "N1"]
    _rename(api, tenant, "invoices", made[0]["id"], number="N0 edited")
    numbers, meta = _page(api, tenant, meta["links"]["next"])
    assert (numbers, meta["total"]) == (["N2"], 1)
    numbers, _ = _page(api, tenant, "/api/v1/invoices?updated_since=0&per_page=5")
    assert numbers == ["N1", "N2", "N0 edited"]


@pytest.mark.parametrize("query,message", [
    ("cursor=nonsense", "The cursor is not valid."),
    ("cursor=WyJ4IiwxXQ", "The cursor is not valid."),  # ["x",1]: a walk that does not exist
    ("cursor=WyJ1IiwxXQ", "The cursor is not valid."),  # ["u",1]: a sync without its moment
    ("cursor=WyJpIix0cnVlXQ", "The cursor is not valid."),  # ["i",true]
    ("updated_since=yesterday", "The updated_since is not valid."),
    ("cursor[]=x", "The cursor is not valid."),
    ("cursor=&sort=name|asc", "A cursor walks the list in its own order: leave sort out."),
])
def test_bad_cursors_are_refused(api, tenant, query, message):
    r = api.get(f"/api/v1/clients?{query}", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": message})

