VENDOR_KEYS = [
    "id", "user_id", "assigned_user_id", "name", "website", "private_notes", "public_notes", "last_login",
    "address1", "address2", "phone", "city", "state", "postal_code", "country_id", "currency_id",
    "custom_value1", "custom_value2", "custom_value3", "custom_value4", "is_deleted", "vat_number", "id_number",
    "updated_at", "archived_at", "created_at", "number", "language_id", "classification", "display_name",
    "routing_id", "is_tax_exempt", "contacts", "documents",
]
CONTACT_KEYS = [
    "id", "first_name", "last_name", "send_email", "email", "created_at", "updated_at", "archived_at",
    "is_primary", "phone", "custom_value1", "custom_value2", "custom_value3", "custom_value4", "link",
    "last_login", "password",
]
VOLATILE = {"created_at", "updated_at", "link", "id"}


def stable(obj):
    if isinstance(obj, dict):
        return {k: stable(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [stable(v) for v in obj]
    return obj


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def create_vendor(api, tenant, **body) -> dict:
    r = api.post("/api/v1/vendors", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]
