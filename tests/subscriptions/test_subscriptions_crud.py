from ninja_api import ids
from tests.products.helpers import make_staff
from tests.subscriptions.helpers import (
    SUBSCRIPTION_KEYS, UNAUTHORIZED, activity_types, create, expected, invalid, product, stable,
)


def test_store_answers_the_unsaved_model_then_show_the_saved_one(api, tenant, session_factory):
    r = api.post("/api/v1/subscriptions", headers=tenant.headers, json={"name": "Gold"})
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == SUBSCRIPTION_KEYS
    # The column default of allow_cancellation (on) is not part of upstream's create answer.
    assert stable(data) == stable(expected(tenant, data["id"], name="Gold", allow_cancellation=False))
    assert data["created_at"] > 0 and data["updated_at"] == data["created_at"] and data["archived_at"] == 0
    shown = api.get(f"/api/v1/subscriptions/{data['id']}", headers=tenant.headers).json()["data"]
    assert stable(shown) == stable(expected(tenant, data["id"], name="Gold"))
    edit = api.get(f"/api/v1/subscriptions/{data['id']}/edit", headers=tenant.headers).json()["data"]
    assert edit == shown
    assert activity_types(session_factory, data["id"]) == [80]


def test_the_sdk_sends_a_form_with_only_a_name(api, tenant):
    r = api.post("/api/v1/subscriptions", headers=tenant.headers, data={"name": "Silver"})
    assert r.status_code == 200
    assert r.json()["data"]["steps"] == "cart,auth.login-or-register"
    sid = r.json()["data"]["id"]
    r = api.put(f"/api/v1/subscriptions/{sid}", headers=tenant.headers, data={"name": "Bronze"})
    assert (r.status_code, r.json()["data"]["name"], r.json()["data"]["steps"]) == (
        200, "Bronze", "cart,auth.login-or-register")


def test_blank(api, tenant):
    data = api.get("/api/v1/subscriptions/create", headers=tenant.headers).json()["data"]
    assert data == {
        **expected(tenant, "", allow_cancellation=False),
        "purchase_page": "https://ninja.test/client/subscriptions//purchase",
        "created_at": 0, "updated_at": 0, "archived_at": 0,
    }
    assert list(data) == SUBSCRIPTION_KEYS


def test_every_field_round_trips(api, tenant, session_factory):
    group = api.post("/api/v1/group_settings", headers=tenant.headers, json={"name": "VIP"}).json()["data"]["id"]
    one = product(api, tenant, "setup", 20)
    monthly = product(api, tenant, "monthly", 5)
    body = {
        "name": "Pro", "group_id": group, "assigned_user_id": ids.encode(tenant.user.id),
        "product_ids": one, "recurring_product_ids": monthly, "optional_product_ids": one,
        "optional_recurring_product_ids": monthly, "frequency_id": "5", "auto_bill": "optout",
        "promo_code": "SPRING", "promo_discount": 10, "is_amount_discount": False,
        "allow_cancellation": False, "per_seat_enabled": True, "max_seats_limit": 5, "trial_enabled": True,
        "trial_duration": 1209600, "allow_query_overrides": True, "allow_plan_changes": True,
        "refund_period": 86400, "webhook_configuration": {"post_purchase_url": "https://hooks.test/x",
                                                          "post_purchase_rest_method": "post",
                                                          "post_purchase_headers": {"X-Key": "1"}},
        "currency_id": "2", "registration_required": True, "use_inventory_management": True,
        "steps": "auth.login,cart", "price": 999, "is_recurring": True, "min_seats_limit": 1,
        "per_set_enabled": True,
    }
    data = create(api, tenant, **body)
    want = expected(
        tenant, data["id"], name="Pro", group_id=group, assigned_user_id=ids.encode(tenant.user.id),
        product_ids=one, recurring_product_ids=monthly, optional_product_ids=one,
        optional_recurring_product_ids=monthly, frequency_id="5", auto_bill="optout", promo_code="SPRING",
        promo_discount=10, allow_cancellation=False, per_seat_enabled=True, max_seats_limit=5, trial_enabled=True,
        trial_duration=1209600, allow_query_overrides=True, allow_plan_changes=True, refund_period=86400,
        webhook_configuration=body["webhook_configuration"], currency_id="2", registration_required=True,
        use_inventory_management=True, steps="auth.login,cart",
        # Computed from the products, whatever `price` says.
        price=25, promo_price=22.5,
    )
    assert stable(data) == stable(want)
    assert stable(api.get(f"/api/v1/subscriptions/{data['id']}", headers=tenant.headers).json()["data"]) == stable(want)
    # Updating with nulls clears what may be null.
    r = api.put(f"/api/v1/subscriptions/{data['id']}", headers=tenant.headers, json={
        "group_id": None, "assigned_user_id": None, "product_ids": None, "recurring_product_ids": None,
        "frequency_id": None, "auto_bill": None, "promo_code": None, "currency_id": None,
        "webhook_configuration": [],
    })
    assert r.status_code == 200, r.text
    assert stable(r.json()["data"]) == stable({
        **want, "group_id": "", "assigned_user_id": "", "product_ids": "", "recurring_product_ids": "",
        "frequency_id": "", "auto_bill": "", "promo_code": "", "currency_id": "", "webhook_configuration": [],
        "price": 0, "promo_price": 0,
    })
    assert activity_types(session_factory, data["id"]) == [80, 81]


def test_prices_are_an_invoice_of_the_products(api, tenant):
    taxed = product(api, tenant, "taxed", 10, tax_name1="GST", tax_rate1=10)
    odd = product(api, tenant, "odd", "5.555")
    archived = product(api, tenant, "old", 100)
    api.post("/api/v1/products/bulk", headers=tenant.headers, json={"action": "archive", "ids": [archived]})
    lists = {"product_ids": f"{taxed},{archived}", "recurring_product_ids": odd, "frequency_id": 5}
    # 10 + 1 tax + 5.56; the archived product does not count.
    percent = create(api, tenant, name="Percent", promo_discount=10, **lists)
    assert (percent["price"], percent["promo_price"]) == (16.56, 14.9)
    # An amount discount spreads over the lines before their taxes.
    amount = create(api, tenant, name="Amount", promo_discount=2, is_amount_discount=True, **lists)
    assert (amount["price"], amount["promo_price"]) == (16.56, 14.43)
    # A product named twice is one line; a product in both lists is two.
    twice = create(api, tenant, name="Twice", product_ids=f"{odd},{odd}", recurring_product_ids=odd, frequency_id=5)
    assert twice["price"] == 11.12


def test_prices_use_the_groups_currency_precision(api, tenant):
    yen = api.post("/api/v1/group_settings", headers=tenant.headers,
                   json={"name": "Japan", "settings": {"currency_id": "45"}}).json()["data"]["id"]
    item = product(api, tenant, "item", "10.4")
    assert create(api, tenant, name="Yen", group_id=yen, product_ids=item)["price"] == 10
    assert create(api, tenant, name="Dollar", product_ids=item)["price"] == 10.4


def test_promo_discount_and_counts_are_stored_as_upstreams_columns(api, tenant):
    data = create(api, tenant, name="Round", promo_discount="12.345", max_seats_limit="2.5")
    shown = api.get(f"/api/v1/subscriptions/{data['id']}", headers=tenant.headers).json()["data"]
    assert (shown["promo_discount"], shown["max_seats_limit"]) == (12.35, 3)


def test_delete_records_an_activity_and_answers_the_row(api, tenant, session_factory):
    data = create(api, tenant, name="Gone")
    r = api.delete(f"/api/v1/subscriptions/{data['id']}", headers=tenant.headers)
    assert r.status_code == 200
    assert (r.json()["data"]["is_deleted"], r.json()["data"]["archived_at"] > 0) == (True, True)
    # Deleting again changes nothing and records nothing.
    api.delete(f"/api/v1/subscriptions/{data['id']}", headers=tenant.headers)
    assert activity_types(session_factory, data["id"]) == [80, 83]


def test_a_deleted_subscription_is_validated_then_refused(api, tenant):
    data = create(api, tenant, name="Gone")
    api.delete(f"/api/v1/subscriptions/{data['id']}", headers=tenant.headers)
    r = api.put(f"/api/v1/subscriptions/{data['id']}", headers=tenant.headers, json={"name": "Back"})
    assert (r.status_code, r.json()) == (400, {
        "message": "Record is deleted and cannot be edited. Restore the record to enable editing"})
    r = api.put(f"/api/v1/subscriptions/{data['id']}", headers=tenant.headers, json={"steps": "cart"})
    assert (r.status_code, r.json()) == (422, invalid({
        "steps": ["You must include at least one of authentication methods."]}))


def test_another_companys_subscription_is_refused(api, tenant, other_tenant):
    theirs = create(api, other_tenant, name="Theirs")
    for method, path in (("get", ""), ("get", "/edit"), ("put", ""), ("delete", "")):
        r = api.request(method.upper(), f"/api/v1/subscriptions/{theirs['id']}{path}", headers=tenant.headers,
                        json={"name": "Mine"})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
    r = api.get("/api/v1/subscriptions/nothing", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Subscription]."})


def test_restricted_users(api, tenant, session_factory):
    mine = create(api, tenant, name="Owner's")
    staff = make_staff(session_factory, tenant, "")
    r = api.post("/api/v1/subscriptions", headers=staff, json={"name": "Staff's"})
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
    assert api.get("/api/v1/subscriptions/create", headers=staff).status_code == 401
    assert api.get(f"/api/v1/subscriptions/{mine['id']}", headers=staff).status_code == 401
    creator = make_staff(session_factory, tenant, "create_subscription", email="creator@example.com")
    theirs = api.post("/api/v1/subscriptions", headers=creator, json={"name": "Creator's"}).json()["data"]
    assert [s["name"] for s in api.get("/api/v1/subscriptions", headers=creator).json()["data"]] == ["Creator's"]
    assert api.put(f"/api/v1/subscriptions/{theirs['id']}", headers=creator, json={"name": "Mine"}).status_code == 200
    viewer = make_staff(session_factory, tenant, "view_subscription", email="viewer@example.com")
    assert len(api.get("/api/v1/subscriptions", headers=viewer).json()["data"]) == 2
