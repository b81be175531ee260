"""Company gateway JSON, field for field in upstream's order and types (CompanyGatewayTransformer),
and the catalogue gateway its `gateway` include renders (GatewayTransformer)."""

from dataclasses import dataclass

from ninja_api.company_gateways.config import test_mode
from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import declares, hashed, obj, text, unix
from ninja_api.models import CompanyGateway

REQUIRED_FLAGS = (
    "require_client_name", "require_zip", "require_postal_code", "require_client_phone", "require_contact_name",
    "require_contact_email", "require_custom_value1", "require_custom_value2", "require_custom_value3",
    "require_custom_value4",
)


def serialize_company_gateway(row: CompanyGateway, ctx: AuthContext) -> dict:
    # A create answers from the unsaved model, before the column defaults apply.
    fresh = getattr(row, "fresh_defaults", set())
    data = {
        "id": hashed(row.id),
        "gateway_key": text(row.gateway_key),
        "accepted_credit_cards": int(row.accepted_credit_cards or 0),
        "require_cvv": False if "require_cvv" in fresh else bool(row.require_cvv),
        "require_billing_address": bool(row.require_billing_address),
        "require_shipping_address": bool(row.require_shipping_address),
    }
    # require_zip has no column upstream: always false.
    data.update({flag: bool(getattr(row, flag, False)) for flag in REQUIRED_FLAGS})
    data.update({
        # Columns upstream dropped long ago; the transformer still renders them.
        "show_billing_address": False,
        "show_shipping_address": False,
        "update_details": bool(row.update_details),
        "config": text(row.config),
        "fees_and_limits": obj(row.fees_and_limits),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
        "is_deleted": bool(row.is_deleted),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "label": text(row.label),
        "token_billing": "" if "token_billing" in fresh else text(row.token_billing),
        "test_mode": test_mode(row.gateway_key, row.config),
        "always_show_required_fields": bool(row.always_show_required_fields),
    })
    return data


@dataclass(frozen=True)
class CatalogueGateway:
    """A gateway of the statics catalogue, as the `gateway` include renders it."""

    id: int
    row: dict


@declares(options={"type": ["array", "object"], "description": "the gateway's options by payment type"})
def serialize_gateway(gateway: CatalogueGateway, ctx: AuthContext) -> dict:
    row = gateway.row
    return {
        "id": hashed(gateway.id),
        "name": text(row.get("name")),
        "key": text(row.get("key")),
        "provider": text(row.get("provider")),
        "visible": bool(row.get("visible")),
        "sort_order": int(row.get("sort_order") or 0),
        "default_gateway_type_id": text(row.get("default_gateway_type_id")),
        "site_url": text(row.get("site_url")),
        "is_offsite": bool(row.get("is_offsite")),
        "is_secure": bool(row.get("is_secure")),
        "fields": text(row.get("fields")),
        # The catalogue rows were never written on this install.
        "updated_at": 0,
        "created_at": 0,
        "options": row.get("options", []),
    }
