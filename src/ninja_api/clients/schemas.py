"""Client, contact and gateway-token JSON, field for field in upstream's order and types."""

from sqlalchemy import inspect

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, money, obj, text, unix
from ninja_api.models import Client, ClientContact, ClientGatewayToken
from ninja_api.settings import get_settings

PORTAL_MODES_WITH_LINKS = {"subdomain", "iframe", "domain"}


def display_name(client: Client, contacts: list[ClientContact]) -> str:
    if client.name and len(client.name) > 1:
        return client.name
    for contact in contacts:
        if contact.email is None:
            continue
        full = f"{contact.first_name or ''} {contact.last_name or ''}".strip()
        if (contact.first_name or "") or (contact.last_name or ""):
            return full
        return contact.email
    return "No Contact Set"


_COLUMNS = frozenset(Client.__mapper__.column_attrs.keys())


def _loaded_part(row: Client) -> Client:
    """A row read with only some columns (filter_details) renders the others as if they were empty."""
    state = inspect(row)
    # Relations are never loaded on the row itself; only a missing column makes it a partial row.
    if not state.persistent or _COLUMNS.issubset(state.dict):
        return row
    partial = Client(**{key: getattr(row, key) for key in _COLUMNS if key not in state.unloaded})
    partial.loaded_contacts = getattr(row, "loaded_contacts", None)
    return partial


def serialize_client(row: Client, ctx: AuthContext) -> dict:
    row = _loaded_part(row)
    contacts = getattr(row, "loaded_contacts", None) or []
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "assigned_user_id": hashed(row.assigned_user_id),
        "name": text(row.name),
        "website": text(row.website),
        "private_notes": text(row.private_notes),
        "balance": money(row.balance),
        "group_settings_id": hashed(row.group_settings_id),
        "paid_to_date": money(row.paid_to_date),
        "payment_balance": money(row.payment_balance),
        "credit_balance": money(row.credit_balance),
        "last_login": unix(row.last_login),
        "size_id": code(row.size_id),
        "public_notes": text(row.public_notes),
        "client_hash": text(row.client_hash),
        "address1": text(row.address1),
        "address2": text(row.address2),
        "phone": text(row.phone),
        "city": text(row.city),
        "state": text(row.state),
        "postal_code": text(row.postal_code),
        "country_id": code(row.country_id or None),
        "industry_id": code(row.industry_id),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "shipping_address1": text(row.shipping_address1),
        "shipping_address2": text(row.shipping_address2),
        "shipping_city": text(row.shipping_city),
        "shipping_state": text(row.shipping_state),
        "shipping_postal_code": text(row.shipping_postal_code),
        "shipping_country_id": code(row.shipping_country_id or None),
        "settings": obj(row.settings),
        "is_deleted": bool(row.is_deleted),
        "vat_number": text(row.vat_number),
        "id_number": text(row.id_number),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
        "display_name": display_name(row, contacts),
        "number": text(row.number),
        "has_valid_vat_number": bool(row.has_valid_vat_number),
        "is_tax_exempt": bool(row.is_tax_exempt),
        "routing_id": text(row.routing_id),
        "tax_info": obj(row.tax_data),
        "classification": text(row.classification),
        "e_invoice": obj(row.e_invoice),
    }


def contact_link(contact: ClientContact, ctx: AuthContext) -> str:
    if (ctx.company.portal_mode or "subdomain") not in PORTAL_MODES_WITH_LINKS:
        return ""
    return f"{get_settings().app_url.rstrip('/')}/client/key_login/{contact.contact_key or ''}"


def serialize_contact(row: ClientContact, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "first_name": text(row.first_name),
        "last_name": text(row.last_name),
        "email": text(row.email),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "is_primary": bool(row.is_primary),
        "is_locked": bool(row.is_locked),
        "phone": text(row.phone),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "contact_key": text(row.contact_key),
        "send_email": bool(row.send_email),
        "last_login": unix(row.last_login),
        "password": "**********" if row.password else "",
        "link": contact_link(row, ctx),
    }


GATEWAY_META_KEYS = ("exp_month", "exp_year", "brand", "last4")


def serialize_gateway_token(row: ClientGatewayToken, ctx: AuthContext) -> dict:
    meta_in = row.meta or {}
    meta = {k: str(meta_in[k]) for k in GATEWAY_META_KEYS if meta_in.get(k) is not None}
    if meta_in.get("type") is not None:
        meta["type"] = int(meta_in["type"])
    return {
        "id": hashed(row.id),
        "token": text(row.token),
        "gateway_customer_reference": text(row.gateway_customer_reference),
        "gateway_type_id": code(row.gateway_type_id),
        "company_gateway_id": hashed(row.company_gateway_id),
        "is_default": bool(row.is_default),
        "meta": meta,
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "is_deleted": bool(row.is_deleted),
    }
