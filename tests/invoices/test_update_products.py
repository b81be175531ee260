"""The company's update_products: saving an invoice creates or refreshes the products it names."""

import json
from decimal import Decimal

from sqlalchemy import select

from ninja_api.models import Company, Product, WebhookDelivery


def set_company(session_factory, tenant, **columns):
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        for name, value in columns.items():
            setattr(company, name, value)
        s.commit()


def products(session_factory, tenant) -> dict[str, Product]:
    with session_factory() as s:
        return {p.product_key: p for p in s.query(Product).filter_by(company_id=tenant.company.id)}


def test_new_keys_become_products_and_known_ones_are_refreshed(api, tenant, make_invoice, session_factory):
    api.post("/api/v1/products", headers=tenant.headers,
             json={"product_key": "Hosting", "notes": "old", "price": 5, "cost": 2, "quantity": 3})
    inv = make_invoice(line_items=[
        {"product_key": "Hosting", "notes": "Monthly hosting", "cost": "12.50", "quantity": 2},
        {"product_key": "Setup", "notes": "One-off", "cost": 99, "quantity": 1, "custom_value1": "x",
         "custom_value3": "z"},
        {"product_key": "Hours", "notes": "task line", "cost": 50, "quantity": 1, "type_id": "2"},
        {"notes": "no key", "cost": 1, "quantity": 1},
    ])
    found = products(session_factory, tenant)
    assert sorted(found) == ["Hosting", "Setup"]
    hosting, setup = found["Hosting"], found["Setup"]
    # A known product keeps its quantity and cost; notes and price follow the line.
    assert (hosting.notes, hosting.price, hosting.cost, hosting.quantity) == (
        "Monthly hosting", Decimal("12.5"), Decimal(2), Decimal(3))
    assert (setup.notes, setup.price, setup.quantity, setup.custom_value1, setup.custom_value3) == (
        "One-off", Decimal(99), Decimal(1), "x", "z")

    api.put(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers,
            json={"line_items": [{"product_key": "Setup", "notes": "Setup v2", "cost": 120, "quantity": 1}]})
    assert (products(session_factory, tenant)["Setup"].notes, products(session_factory, tenant)["Setup"].price) == (
        "Setup v2", Decimal(120))


def test_off_when_the_company_says_so(api, tenant, make_invoice, session_factory):
    set_company(session_factory, tenant, update_products=False)
    make_invoice(line_items=[{"product_key": "Hosting", "cost": 10, "quantity": 1}])
    assert products(session_factory, tenant) == {}


def test_task_lines_and_placeholder_notes_leave_products_alone(api, tenant, make_invoice, session_factory):
    api.post("/api/v1/products", headers=tenant.headers, json={"product_key": "Retainer", "notes": "Retainer :MONTH"})
    make_invoice(line_items=[{"product_key": "Retainer", "notes": "Retainer March", "cost": 10, "quantity": 1}])
    assert products(session_factory, tenant)["Retainer"].notes == "Retainer :MONTH"
    make_invoice(line_items=[{"product_key": "New", "cost": 10, "quantity": 1},
                             {"product_key": "Other", "cost": 10, "quantity": 1, "task_id": "VolejRejNm"}])
    assert "New" not in products(session_factory, tenant)


def test_foreign_currency_clients_do_not_touch_products(api, tenant, session_factory):
    client = api.post("/api/v1/clients", headers=tenant.headers,
                      json={"name": "Euro", "settings": {"currency_id": "3"}}).json()["data"]
    api.post("/api/v1/invoices", headers=tenant.headers,
             json={"client_id": client["id"], "line_items": [{"product_key": "Hosting", "cost": 10, "quantity": 1}]})
    assert products(session_factory, tenant) == {}


def lines(prefix: str, count: int, cost=10) -> list[dict]:
    return [{"product_key": f"{prefix}{n}", "notes": f"Line {n}", "cost": cost, "quantity": n + 1} for n in range(count)]


def test_statements_do_not_grow_with_the_lines(api, tenant, make_invoice, query_counter, session_factory):
    make_invoice(line_items=lines("Warm", 1))  # the first invoice also creates the number counter
    counts = {}
    for count in (1, 50):
        with query_counter as created:
            make_invoice(line_items=lines(f"New{count}-", count))
        with query_counter as refreshed:  # the same keys again: every product is updated
            make_invoice(line_items=lines(f"New{count}-", count, cost=12))
        counts[count] = (created.count, refreshed.count)
    assert counts[50] == counts[1]
    found = products(session_factory, tenant)
    assert len(found) == 52
    assert [(found[f"New50-{n}"].notes, found[f"New50-{n}"].price, found[f"New50-{n}"].quantity)
            for n in (0, 49)] == [("Line 0", Decimal(12), Decimal(1)), ("Line 49", Decimal(12), Decimal(50))]


def test_a_key_named_twice_is_created_once_and_refreshed_by_its_later_line(api, tenant, make_invoice,
                                                                            session_factory):
    make_invoice(line_items=[
        {"product_key": "Twice", "notes": "first", "cost": 1, "quantity": 4},
        {"product_key": "Twice", "notes": "second", "cost": 2, "quantity": 9, "custom_value1": "c1"},
        {"product_key": "Dated", "notes": "Rent :MONTH", "cost": 3, "quantity": 1},
        {"product_key": "Dated", "notes": "Rent March", "cost": 4, "quantity": 1},
    ])
    found = products(session_factory, tenant)
    twice, dated = found["Twice"], found["Dated"]
    assert (twice.notes, twice.price, twice.quantity, twice.custom_value1, twice.tax_id, twice.is_deleted) == (
        "second", Decimal(2), Decimal(4), "c1", 1, False)
    # Once its notes hold a placeholder, a product is left alone, even by the line after the one creating it.
    assert (dated.notes, dated.price) == ("Rent :MONTH", Decimal(3))


def test_each_new_product_fires_its_webhook(api, tenant, make_invoice, session_factory):
    r = api.post("/api/v1/webhooks", headers=tenant.headers,
                 json={"target_url": "https://hooks.example.com/products", "event_id": 50})
    assert r.status_code == 200, r.text
    make_invoice(line_items=lines("Hooked", 3))
    with session_factory() as s:
        delivered = s.scalars(select(WebhookDelivery).order_by(WebhookDelivery.entity_id)).all()
        keys = {p.id: p.product_key for p in s.scalars(select(Product))}
    assert [(d.event_id, d.entity, keys[d.entity_id]) for d in delivered] == [
        (50, "product", "Hooked0"), (50, "product", "Hooked1"), (50, "product", "Hooked2")]
    assert [json.loads(d.body)["product_key"] for d in delivered] == ["Hooked0", "Hooked1", "Hooked2"]
