"""The company's update_products: saving an invoice creates or refreshes the products it names."""

from decimal import Decimal

from ninja_api.models import Company, Product


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
