CLIENT_KEYS = [
    "id", "user_id", "assigned_user_id", "name", "website", "private_notes", "balance", "group_settings_id",
    "paid_to_date", "payment_balance", "credit_balance", "last_login", "size_id", "public_notes", "client_hash",
    "address1", "address2", "phone", "city", "state", "postal_code", "country_id", "industry_id",
    "custom_value1", "custom_value2", "custom_value3", "custom_value4", "shipping_address1",
    "shipping_address2", "shipping_city", "shipping_state", "shipping_postal_code", "shipping_country_id",
    "settings", "is_deleted", "vat_number", "id_number", "updated_at", "archived_at", "created_at",
    "display_name", "number", "has_valid_vat_number", "is_tax_exempt", "routing_id", "tax_info",
    "classification", "e_invoice", "contacts", "documents", "gateway_tokens", "locations",
]
CONTACT_KEYS = [
    "id", "first_name", "last_name", "email", "created_at", "updated_at", "archived_at", "is_primary",
    "is_locked", "phone", "custom_value1", "custom_value2", "custom_value3", "custom_value4", "contact_key",
    "send_email", "last_login", "password", "link",
]
VOLATILE = {"client_hash", "contact_key", "created_at", "updated_at", "link"}


def stable(obj):
    """The object with random keys and clock values removed, for exact comparisons."""
    if isinstance(obj, dict):
        return {k: stable(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [stable(v) for v in obj]
    return obj


def create_client(api, tenant, **body):
    r = api.post("/api/v1/clients", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]
