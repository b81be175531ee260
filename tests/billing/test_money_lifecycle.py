"""One invoice's whole money life through the API, with upstream's numbers at every step:
partial payment → payment → partial refund → credit → credit applied."""

import pytest

from ninja_api.payments.duplicates import recent_requests


@pytest.fixture
def client_row(api, tenant):
    return api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"}).json()["data"]


def test_invoice_payment_refund_credit(api, tenant, app, client_row):
    def get(path):
        r = api.get(f"/api/v1/{path}", headers=tenant.headers)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    def post(path, body):
        recent_requests(app).clear()
        r = api.post(f"/api/v1/{path}", headers=tenant.headers, json=body)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    def state(invoice_id):
        invoice, client = get(f"invoices/{invoice_id}"), get(f"clients/{client_row['id']}")
        return ((invoice["status_id"], invoice["balance"], invoice["paid_to_date"]),
                (client["balance"], client["paid_to_date"], client["credit_balance"]))

    invoice = post("invoices?mark_sent=true", {"client_id": client_row["id"],
                                               "line_items": [{"quantity": 1, "cost": 100}]})
    assert state(invoice["id"]) == (("2", 100, 0), (100, 0, 0))

    first = post("payments", {"client_id": client_row["id"], "amount": 30,
                              "invoices": [{"invoice_id": invoice["id"], "amount": 30}]})
    assert (first["amount"], first["applied"], first["status_id"]) == (30, 30, "4")
    assert state(invoice["id"]) == (("3", 70, 30), (70, 30, 0))

    second = post("payments", {"client_id": client_row["id"], "amount": 70,
                               "invoices": [{"invoice_id": invoice["id"], "amount": 70}]})
    assert state(invoice["id"]) == (("4", 0, 100), (0, 100, 0))

    refunded = post("payments/refund", {"id": second["id"], "amount": 20, "date": "2026-12-01",
                                        "invoices": [{"invoice_id": invoice["id"], "amount": 20}]})
    assert (refunded["amount"], refunded["refunded"], refunded["applied"], refunded["status_id"]) == (70, 20, 70, "5")
    assert refunded["paymentables"][0]["refunded"] == 20
    assert state(invoice["id"]) == (("3", 20, 80), (20, 80, 0))

    credit = post("credits?mark_sent=true", {"client_id": client_row["id"],
                                             "line_items": [{"quantity": 1, "cost": 20}]})
    assert (credit["status_id"], credit["balance"]) == ("2", 20)
    assert state(invoice["id"]) == (("3", 20, 80), (20, 80, 20))

    applied = post("payments", {"client_id": client_row["id"],
                                "invoices": [{"invoice_id": invoice["id"], "amount": 20}],
                                "credits": [{"credit_id": credit["id"], "amount": 20}]})
    assert (applied["amount"], applied["applied"]) == (0, 0)
    assert sorted((list(p)[1], p["amount"]) for p in applied["paymentables"]) == [("credit_id", 20), ("invoice_id", 20)]
    assert state(invoice["id"]) == (("4", 0, 100), (0, 100, 0))
    credit = get(f"credits/{credit['id']}")
    assert (credit["status_id"], credit["balance"], credit["paid_to_date"], credit["amount"]) == ("4", 0, 20, 20)
