import json

from tests.company_gateways.helpers import (
    CUSTOM, FEES_DEFAULTS, KEYS, POWERBOARD, SQUARE, STRIPE, UNAUTHORIZED, create, expected, gateway_token, invalid,
    show, stable, token_archived,
)
from tests.products.helpers import make_staff

URL = "/api/v1/company_gateways"


def test_blank_is_the_factorys_unsaved_gateway(api, tenant):
    r = api.get(f"{URL}/create", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == KEYS
    assert data == {**expected("", gateway_key="", require_cvv=False, label="", token_billing=""),
                    "created_at": 0, "updated_at": 0, "archived_at": 0}


def test_create_lays_the_config_over_the_gateways_fields(api, tenant):
    r = api.post(URL, headers=tenant.headers, json={
        "gateway_key": STRIPE, "config": json.dumps({"apiKey": "sk/live", "publishableKey": "pk_test_123"}),
        "accepted_credit_cards": 3, "fees_and_limits": {"1": {"min_limit": "10.50", "fee_percent": 2,
                                                              "is_enabled": True, "fee_tax_name1": "GST",
                                                              "gateway_type_id": "1", "unknown": 5}},
        "custom_value1": "cv1", "update_details": True,
    })
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert list(data) == KEYS
    assert data["created_at"] > 0 and data["archived_at"] == 0
    fees = {"1": {**FEES_DEFAULTS, "min_limit": 10.5, "fee_percent": 2, "fee_tax_name1": "GST", "gateway_type_id": 1}}
    config = '{"publishableKey":"pk_test_123","apiKey":"sk\\/live","appleDomainVerification":""}'
    # The answer comes from the unsaved model: require_cvv and token_billing have no value yet.
    assert stable(data) == expected(data["id"], gateway_key=STRIPE, accepted_credit_cards=3, require_cvv=False,
                                    update_details=True, config=config, fees_and_limits=fees, custom_value1="cv1",
                                    label="Stripe", token_billing="", test_mode=True)
    assert stable(show(api, tenant.headers, data["id"])) == stable({**data, "require_cvv": True, "token_billing": "off"})


def test_create_keeps_sent_values_and_text_that_is_no_object(api, tenant):
    data = create(api, tenant.headers, config="not json", label="Cash", require_cvv=False, token_billing="always",
                  require_client_name="1", always_show_required_fields=False)
    assert stable(data) == expected(data["id"], config="not json", label="Cash", require_cvv=False,
                                    token_billing="always", require_client_name=True,
                                    always_show_required_fields=False)
    # No config: the factory's empty object, not the gateway's fields.
    assert create(api, tenant.headers, gateway_key=SQUARE)["config"] == "{}"


def test_test_mode(api, tenant):
    assert create(api, tenant.headers, gateway_key=SQUARE, config={"testMode": True})["test_mode"] is True
    assert create(api, tenant.headers, gateway_key=SQUARE, config={"testMode": "0"})["test_mode"] is False
    # Stripe's publishable key counts only with `test` after its start.
    assert create(api, tenant.headers, gateway_key=STRIPE, config={"publishableKey": "test_1"})["test_mode"] is False
    assert create(api, tenant.headers, gateway_key=STRIPE, config={"publishableKey": "pk_test"})["test_mode"] is True
    assert create(api, tenant.headers, gateway_key=CUSTOM, config={"publishableKey": "pk_test"})["test_mode"] is False


def test_powerboard_gets_visa_and_mastercard(api, tenant):
    data = create(api, tenant.headers, gateway_key=POWERBOARD, config={"publicKey": "pk", "visa": False})
    config = json.loads(data["config"])
    assert (config["publicKey"], config["visa"], config["mastercard"], config["amex"]) == ("pk", True, True, False)


def test_create_rules(api, tenant):
    def post(**body):
        return api.post(URL, headers=tenant.headers, json=body)

    r = post()
    assert (r.status_code, r.json()) == (422, invalid({"gateway_key": ["The gateway key field is required."]}))
    r = post(gateway_key="not-a-key")
    assert r.json() == invalid({"gateway_key": ["The gateway key must only contain letters and numbers."]})
    r = post(gateway_key="abc123")
    assert r.json() == invalid({"gateway_key": ["The selected gateway key is invalid."]})
    for entry, message in (
        ({"is_enabled": "false"}, "is_enabled is not a valid bool"),
        ({"is_enabled": 0}, "is_enabled is not a valid bool"),
        ({"fee_tax_name1": 5}, "fee_tax_name1 is not a valid string"),
        ({"gateway_type_id": "-1"}, "gateway_type_id is not a valid int"),
        ({"adjust_fee_percent": "maybe"}, "adjust_fee_percent is not a valid bool"),
    ):
        r = post(gateway_key=CUSTOM, fees_and_limits={"1": entry})
        assert (r.status_code, r.json()) == (422, invalid({"fees_and_limits": [message]})), entry
    # Floats are converted, never refused; blank and false values are not checked.
    assert post(gateway_key=CUSTOM, fees_and_limits={"1": {"fee_amount": "x", "is_enabled": False,
                                                           "fee_tax_name1": ""}}).status_code == 200
    r = post(gateway_key=CUSTOM, fees_and_limits="lots")
    assert r.json() == invalid({"fees_and_limits": ["The fees and limits must be an array."]})
    r = post(gateway_key=CUSTOM, fees_and_limits={"1": 5})
    assert r.json() == invalid({"fees_and_limits": ["The fees and limits must be an array."]})
    r = post(gateway_key=CUSTOM, config=5, require_cvv="perhaps", accepted_credit_cards="many", token_billing="no",
             label="x" * 256)
    assert (r.status_code, r.json()) == (422, invalid({
        "config": ["The config must be a string."],
        "accepted_credit_cards": ["The accepted credit cards must be an integer."],
        "require_cvv": ["The require cvv field must be true or false."],
        "label": ["The label must not be greater than 255 characters."],
        "token_billing": ["The selected token billing is invalid."],
    }))


def test_fees_and_limits_values_are_cast(api, tenant):
    data = create(api, tenant.headers, fees_and_limits={"2": {
        "max_limit": "1e3", "fee_cap": "12abc", "fee_tax_rate1": True, "is_enabled": "yes",
        "adjust_fee_percent": 1, "fee_tax_name2": None, "fee_amount": 0.1,
    }})
    assert data["fees_and_limits"] == {"2": {**FEES_DEFAULTS, "max_limit": 1000, "fee_cap": 12, "fee_tax_rate1": 1,
                                             "is_enabled": True, "adjust_fee_percent": True, "fee_tax_name2": "",
                                             "fee_amount": 0.1}}


def test_update(api, tenant):
    row = create(api, tenant.headers, gateway_key=SQUARE, config={"accessToken": "a"})
    url = f"{URL}/{row['id']}"
    # Without the gateway key the config is stored as sent.
    r = api.put(url, headers=tenant.headers, json={"config": '{"accessToken":"b"}', "token_billing": "disabled",
                                                   "label": "", "require_cvv": False})
    assert r.status_code == 200, r.text
    assert stable(r.json()["data"]) == expected(row["id"], gateway_key=SQUARE, config='{"accessToken":"b"}',
                                                token_billing="off", label="", require_cvv=False)
    # With it, the config is laid over that gateway's fields.
    r = api.put(url, headers=tenant.headers, json={"gateway_key": SQUARE, "config": '{"testMode":true}'})
    assert json.loads(r.json()["data"]["config"]) == {
        "accessToken": "", "applicationId": "", "locationId": "", "signatureKey": "", "testMode": True}
    assert r.json()["data"]["test_mode"] is True
    # No config sent: it stays.
    r = api.patch(url, headers=tenant.headers, json={"custom_value2": "x"})
    assert (r.json()["data"]["custom_value2"], r.json()["data"]["test_mode"]) == ("x", True)
    r = api.put(url, headers=tenant.headers, json={"gateway_key": "nothere1", "fees_and_limits": []})
    assert (r.status_code, r.json()) == (422, invalid({"gateway_key": ["The selected gateway key is invalid."]}))
    # A deleted gateway may still be edited.
    api.post(f"{URL}/bulk", headers=tenant.headers, json={"action": "delete", "ids": [row["id"]]})
    r = api.put(url, headers=tenant.headers, json={"label": "Gone"})
    assert (r.status_code, r.json()["data"]["label"], r.json()["data"]["is_deleted"]) == (200, "Gone", True)


def test_destroy_archives_the_gateway_and_its_tokens(api, tenant, session_factory):
    row = create(api, tenant.headers)
    token = gateway_token(session_factory, tenant, row["id"])
    r = api.delete(f"{URL}/{row['id']}", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert (data["archived_at"] > 0, data["is_deleted"]) == (True, False)
    assert token_archived(session_factory, token)


def test_lookups_and_other_companies(api, tenant, other_tenant):
    theirs = create(api, other_tenant.headers)
    for method, path in (("GET", ""), ("GET", "/edit"), ("PUT", ""), ("DELETE", "")):
        r = api.request(method, f"{URL}/{theirs['id']}{path}", headers=tenant.headers, json={"label": "Mine"})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED), (method, path)
    r = api.get(f"{URL}/nothing", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\CompanyGateway]."})
    r = api.get(f"{URL}/5", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Record with value 5 not found"})
    r = api.get(URL, headers={"X-API-TOKEN": "nope"})
    assert r.status_code == 403


def test_only_admins_configure_gateways(api, tenant, session_factory):
    mine = create(api, tenant.headers)
    staff = make_staff(session_factory, tenant, "view_all,edit_all,create_all")
    for method, path in (("GET", "/create"), ("POST", ""), ("GET", f"/{mine['id']}"), ("GET", f"/{mine['id']}/edit"),
                         ("PUT", f"/{mine['id']}"), ("DELETE", f"/{mine['id']}")):
        r = api.request(method, f"{URL}{path}", headers=staff, json={"gateway_key": CUSTOM})
        assert (r.status_code, r.json()) == (401, UNAUTHORIZED), (method, path)
    r = api.post(f"{URL}/bulk", headers=staff, json={"action": "archive", "ids": [mine["id"]]})
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
    # The list is open to everyone: all of the company's gateways with a view permission, else their own.
    assert [g["id"] for g in api.get(URL, headers=staff).json()["data"]] == [mine["id"]]
    clerk = make_staff(session_factory, tenant, "create_client", email="clerk@example.com")
    assert api.get(URL, headers=clerk).json()["data"] == []
