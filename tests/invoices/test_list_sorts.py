"""The invoice sorts that read a stored key or a joined index: the same order the expressions gave."""

import pytest

from ninja_api.models.sort_keys import digits_key


@pytest.mark.parametrize("number,key", [
    ("INV-0042", "00242"), ("42", "00242"), ("4-2", "00242"), ("0000", "000"), ("R", "000"), ("", "000"),
    (None, None), ("9" * 25, "025" + "9" * 25),
])
def test_the_key_is_the_digits_counted_then_listed(number, key):
    assert digits_key(number) == key


def _numbers(api, tenant, query):
    r = api.get(f"/api/v1/invoices?{query}", headers=tenant.headers)
    assert r.status_code == 200, r.text
    return [row["number"] for row in r.json()["data"]]


def test_number_sorts_by_its_digits_as_a_number(api, tenant, make_invoice):
    # Made out of order; 20 digits pass what a 64-bit integer (or SQLite's numeric cast) keeps exact.
    for number in ["A-10", "B-9", "100", "C-0009", "no digits", "99999999999999999999", "99999999999999999998"]:
        make_invoice(number=number)
    assert _numbers(api, tenant, "sort=number|asc") == [
        "no digits", "B-9", "C-0009", "A-10", "100", "99999999999999999998", "99999999999999999999"]
    # Ties (9 and 0009) stay in creation order whichever the direction.
    assert _numbers(api, tenant, "sort=number|desc") == [
        "99999999999999999999", "99999999999999999998", "100", "A-10", "B-9", "C-0009", "no digits"]


def test_renumbering_moves_the_invoice(api, tenant, make_invoice):
    first, second = make_invoice(number="5"), make_invoice(number="7")
    r = api.put(f"/api/v1/invoices/{first['id']}", headers=tenant.headers, json={"number": "70"})
    assert r.status_code == 200, r.text
    assert _numbers(api, tenant, "sort=number|desc") == ["70", "7"]


def test_client_sort_is_by_name_then_creation(api, tenant, make_invoice):
    clients = {}
    for name in ("Mango", "apple", "Kiwi"):
        r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": name})
        clients[name] = r.json()["data"]["id"]
    for number, name in [("1", "Mango"), ("2", "Kiwi"), ("3", "Mango"), ("4", "apple")]:
        make_invoice(number=number, client_id=clients[name])
    asc = _numbers(api, tenant, "sort=client_id|asc")
    desc = _numbers(api, tenant, "sort=client_id|desc")
    # The database's own collation decides where "apple" goes; each client's invoices stay together.
    by_name = {"1": "Mango", "2": "Kiwi", "3": "Mango", "4": "apple"}
    assert [by_name[n] for n in asc] in (["Kiwi", "Mango", "Mango", "apple"], ["apple", "Kiwi", "Mango", "Mango"])
    assert desc == [n for name in reversed(list(dict.fromkeys(by_name[n] for n in asc)))
                    for n in ("1", "2", "3", "4") if by_name[n] == name]
    r = api.get("/api/v1/invoices?sort=client_id|asc&per_page=2&page=2", headers=tenant.headers)
    assert r.json()["meta"]["pagination"]["total"] == 4
    assert [row["number"] for row in r.json()["data"]] == asc[2:]
