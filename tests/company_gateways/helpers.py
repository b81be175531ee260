import json

from ninja_api import ids

STRIPE = "d14dd26a37cecc30fdd65700bfb55b23"
SQUARE = "65faab2ab6e3223dbe848b1686490baz"
CUSTOM = "54faab2ab6e3223dbe848b1686490baa"
POWERBOARD = "b67581d804dbad1743b61c57285142ad"

KEYS = [
    "id", "gateway_key", "accepted_credit_cards", "require_cvv", "require_billing_address",
    "require_shipping_address", "require_client_name", "require_zip", "require_postal_code",
    "require_client_phone", "require_contact_name", "require_contact_email", "require_custom_value1",
    "require_custom_value2", "require_custom_value3", "require_custom_value4", "show_billing_address",
    "show_shipping_address", "update_details", "config", "fees_and_limits", "updated_at", "archived_at",
    "created_at", "is_deleted", "custom_value1", "custom_value2", "custom_value3", "custom_value4", "label",
    "token_billing", "test_mode", "always_show_required_fields",
]
VOLATILE = {"created_at", "updated_at", "archived_at"}
UNAUTHORIZED = {"message": "This action is unauthorized."}
FEES_DEFAULTS = {
    "min_limit": -1, "max_limit": -1, "fee_amount": 0, "fee_percent": 0, "fee_tax_name1": "", "fee_tax_name2": "",
    "fee_tax_name3": "", "fee_tax_rate1": 0, "fee_tax_rate2": 0, "fee_tax_rate3": 0, "fee_cap": 0,
    "adjust_fee_percent": False, "is_enabled": True,
}


def stable(obj):
    if isinstance(obj, dict):
        return {k: stable(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [stable(v) for v in obj]
    return obj


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def expected(row_id: str, **changes) -> dict:
    """A saved gateway's JSON as show renders it (clock values left out), with differences."""
    data = {
        "id": row_id, "gateway_key": CUSTOM, "accepted_credit_cards": 0, "require_cvv": True,
        "require_billing_address": False, "require_shipping_address": False, "require_client_name": False,
        "require_zip": False, "require_postal_code": False, "require_client_phone": False,
        "require_contact_name": False, "require_contact_email": False, "require_custom_value1": False,
        "require_custom_value2": False, "require_custom_value3": False, "require_custom_value4": False,
        "show_billing_address": False, "show_shipping_address": False, "update_details": False, "config": "{}",
        "fees_and_limits": {}, "is_deleted": False, "custom_value1": "", "custom_value2": "", "custom_value3": "",
        "custom_value4": "", "label": "Custom", "token_billing": "off", "test_mode": False,
        "always_show_required_fields": True,
    }
    data.update(changes)
    return data


def create(api, headers, **body) -> dict:
    body.setdefault("gateway_key", CUSTOM)
    if isinstance(body.get("config"), dict):
        body["config"] = json.dumps(body["config"])
    r = api.post("/api/v1/company_gateways", headers=headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def show(api, headers, row_id: str, query: str = "") -> dict:
    r = api.get(f"/api/v1/company_gateways/{row_id}{query}", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def gateway_token(session_factory, tenant, gateway_id: str) -> int:
    """A client token of the gateway, stored directly; returns its row id."""
    from ninja_api.models import ClientGatewayToken

    with session_factory() as s:
        token = ClientGatewayToken(company_id=tenant.company.id, company_gateway_id=ids.decode(gateway_id),
                                   gateway_type_id=1, token="tok", meta={})
        s.add(token)
        s.commit()
        return token.id


def token_archived(session_factory, token_id: int) -> bool:
    from ninja_api.models import ClientGatewayToken

    with session_factory() as s:
        return s.get(ClientGatewayToken, token_id).deleted_at is not None
