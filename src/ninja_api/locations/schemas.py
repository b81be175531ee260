"""Location JSON, field for field in upstream's (5.11) order and types."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, obj, text, unix
from ninja_api.models import Location


def serialize_location(row: Location, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "vendor_id": hashed(row.vendor_id),
        "client_id": hashed(row.client_id),
        "name": text(row.name),
        "address1": text(row.address1),
        "address2": text(row.address2),
        # Upstream renders a phone it has no column for.
        "phone": "",
        "city": text(row.city),
        "state": text(row.state),
        "postal_code": text(row.postal_code),
        "country_id": code(row.country_id),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "is_deleted": bool(row.is_deleted),
        "is_shipping_location": bool(row.is_shipping_location),
        "tax_data": obj(row.tax_data),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
    }
