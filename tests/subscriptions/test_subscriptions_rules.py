import pytest

from ninja_api import ids
from tests.subscriptions.helpers import create, invalid, product

STEPS_CATALOGUE = {
    "App\\Livewire\\BillingPortal\\Authentication\\Login": {"id": "auth.login", "dependencies": []},
    "App\\Livewire\\BillingPortal\\Authentication\\RegisterOrLogin": {"id": "auth.login-or-register",
                                                                      "dependencies": []},
    "App\\Livewire\\BillingPortal\\Authentication\\Register": {"id": "auth.register", "dependencies": []},
    "App\\Livewire\\BillingPortal\\Cart\\Cart": {"id": "cart", "dependencies": []},
}


def post(api, tenant, body):
    return api.post("/api/v1/subscriptions", headers=tenant.headers, json=body)


def test_name_is_required_and_unique_in_the_company_even_when_deleted(api, tenant, other_tenant):
    r = post(api, tenant, {})
    assert (r.status_code, r.json()) == (422, invalid({"name": ["The name field is required."]}))
    first = create(api, tenant, name="Gold")
    api.delete(f"/api/v1/subscriptions/{first['id']}", headers=tenant.headers)
    r = post(api, tenant, {"name": "Gold"})
    assert (r.status_code, r.json()) == (422, invalid({"name": ["The name has already been taken."]}))
    create(api, other_tenant, name="Gold")
    r = post(api, tenant, {"name": ["Gold"]})
    assert r.json() == invalid({"name": ["The name must be a string."]})
    r = post(api, tenant, {"name": "x" * 192})
    assert r.json() == invalid({"name": ["The name must not be greater than 191 characters."]})


def test_update_ignores_its_own_name(api, tenant):
    a = create(api, tenant, name="A")
    create(api, tenant, name="B")
    h = tenant.headers
    assert api.put(f"/api/v1/subscriptions/{a['id']}", headers=h, json={"name": "A"}).status_code == 200
    r = api.put(f"/api/v1/subscriptions/{a['id']}", headers=h, json={"name": "B"})
    assert (r.status_code, r.json()) == (422, invalid({"name": ["The name has already been taken."]}))
    r = api.put(f"/api/v1/subscriptions/{a['id']}", headers=h, json={"name": None})
    assert r.json() == invalid({"name": ["The name field is required."]})


def test_references_must_be_the_companys(api, tenant, other_tenant):
    group = api.post("/api/v1/group_settings", headers=other_tenant.headers, json={"name": "G"}).json()["data"]["id"]
    theirs = product(api, other_tenant, "theirs", 5)
    mine = product(api, tenant, "mine", 5)
    r = post(api, tenant, {
        "name": "X", "group_id": group, "assigned_user_id": ids.encode(other_tenant.user.id),
        "product_ids": f"{mine},{theirs}", "recurring_product_ids": "nonsense", "frequency_id": 5,
        "optional_product_ids": theirs, "optional_recurring_product_ids": f"{mine},",
    })
    assert (r.status_code, r.json()) == (422, invalid({
        "group_id": ["The selected group id is invalid."],
        "assigned_user_id": ["The selected assigned user id is invalid."],
        "product_ids": ["The selected product ids is invalid."],
        "recurring_product_ids": ["The selected recurring product ids is invalid."],
        "optional_product_ids": ["The selected optional product ids is invalid."],
    }))


def test_types_in_upstreams_rule_order(api, tenant):
    r = post(api, tenant, {
        "name": "X", "product_ids": 5, "is_recurring": "maybe", "auto_bill": ["x"], "promo_code": 7,
        "promo_discount": "ten", "is_amount_discount": None, "allow_cancellation": "yes", "per_set_enabled": 2,
        "min_seats_limit": "a", "max_seats_limit": -1, "trial_enabled": "no", "trial_duration": "long",
        "allow_query_overrides": None, "allow_plan_changes": 3, "refund_period": None,
        "webhook_configuration": {"post_purchase_url": 5, "post_purchase_rest_method": ["post"],
                                  "post_purchase_headers": None},
        "registration_required": "x", "optional_recurring_product_ids": 1, "optional_product_ids": [],
        "use_inventory_management": "x", "steps": "cart,auth.register", "per_seat_enabled": "x",
        "currency_id": "999",
    })
    assert r.status_code == 422
    assert r.json() == invalid({
        "product_ids": ["The product ids must be a string."],
        "is_recurring": ["The is recurring field must be true or false."],
        "auto_bill": ["The auto bill must be a string."],
        "promo_code": ["The promo code must be a string."],
        "promo_discount": ["The promo discount must be a number."],
        "is_amount_discount": ["The is amount discount field must be true or false."],
        "allow_cancellation": ["The allow cancellation field must be true or false."],
        "per_set_enabled": ["The per set enabled field must be true or false."],
        "min_seats_limit": ["The min seats limit must be a number."],
        "max_seats_limit": ["The max seats limit must be at least 0."],
        "trial_enabled": ["The trial enabled field must be true or false."],
        "trial_duration": ["The trial duration must be a number."],
        "allow_query_overrides": ["The allow query overrides field must be true or false."],
        "allow_plan_changes": ["The allow plan changes field must be true or false."],
        "refund_period": ["The refund period must be a number."],
        "webhook_configuration.post_purchase_url": ["The webhook configuration.post purchase url must be a string."],
        "webhook_configuration.post_purchase_rest_method": [
            "The webhook configuration.post purchase rest method must be a string."],
        "webhook_configuration.post_purchase_headers": [
            "The webhook configuration.post purchase headers must be an array."],
        "registration_required": ["The registration required field must be true or false."],
        "optional_recurring_product_ids": ["The optional recurring product ids must be a string."],
        "optional_product_ids": ["The optional product ids must be a string."],
        "use_inventory_management": ["The use inventory management field must be true or false."],
        "per_seat_enabled": ["The per seat enabled field must be true or false."],
        "currency_id": ["The selected currency id is invalid."],
    })


@pytest.mark.parametrize("body, errors", [
    ({"webhook_configuration": "x"}, {"webhook_configuration": ["The webhook configuration must be an array."]}),
    ({"webhook_configuration": None}, {"webhook_configuration": ["The webhook configuration must be an array."]}),
    ({"recurring_product_ids": "", "frequency_id": "13"}, {"frequency_id": ["The selected frequency id is invalid."]}),
    ({"promo_discount": 1000000}, {"promo_discount": ["The promo discount must be between -999999.99 and 999999.99."]}),
    ({"steps": None}, {"steps": ["The steps field is required."]}),
    ({"steps": "cart"}, {"steps": ["You must include at least one of authentication methods."]}),
    ({"steps": "cart,basket"}, {"steps": ["The selected steps is invalid."]}),
    ({"steps": ["cart"]}, {"steps": ["The steps must be a string."]}),
])
def test_more_failures(api, tenant, body, errors):
    r = post(api, tenant, {"name": "X", **body})
    assert (r.status_code, r.json()) == (422, invalid(errors))


def test_form_bodies_use_php_brackets(api, tenant):
    r = api.post("/api/v1/subscriptions", headers=tenant.headers, data={
        "name": "Form", "webhook_configuration[post_purchase_url]": "https://hooks.test",
        "webhook_configuration[post_purchase_headers][X-A]": "1", "is_amount_discount": "1", "trial_enabled": "0",
    })
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["webhook_configuration"] == {"post_purchase_url": "https://hooks.test",
                                             "post_purchase_headers": {"X-A": "1"}}
    assert (data["is_amount_discount"], data["trial_enabled"]) == (True, False)


def test_steps_routes(api, tenant):
    r = api.get("/api/v1/subscriptions/steps", headers=tenant.headers)
    assert (r.status_code, r.json()) == (200, STEPS_CATALOGUE)
    assert list(r.json()) == list(STEPS_CATALOGUE)
    r = api.post("/api/v1/subscriptions/steps/check", headers=tenant.headers, json={"steps": "auth.login,cart"})
    assert (r.status_code, r.json()) == (200, [])
    r = api.post("/api/v1/subscriptions/steps/check", headers=tenant.headers, json={})
    assert (r.status_code, r.json()) == (422, invalid({"steps": ["The steps field is required."]}))
    r = api.post("/api/v1/subscriptions/steps/check", headers=tenant.headers, data={"steps": "cart"})
    assert (r.status_code, r.json()) == (422, invalid({
        "steps": ["You must include at least one of authentication methods."]}))
