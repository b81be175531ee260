"""Vendor and vendor contact JSON, field for field in upstream's order and types."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, text, unix
from ninja_api.models import Vendor, VendorContact
from ninja_api.settings import get_settings


def display_name(vendor: Vendor, contacts: list[VendorContact]) -> str:
    if vendor.name:
        return vendor.name
    primary = next((c for c in contacts if c.is_primary), contacts[0] if contacts else None)
    if primary is None:
        return "No Contact Set"
    if (primary.first_name or "") or (primary.last_name or ""):
        return f"{primary.first_name or ''} {primary.last_name or ''}".strip()
    return primary.email or "No Contact Set"


def serialize_vendor(row: Vendor, ctx: AuthContext) -> dict:
    contacts = getattr(row, "loaded_contacts", None) or []
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "assigned_user_id": hashed(row.assigned_user_id),
        "name": text(row.name),
        "website": text(row.website),
        "private_notes": text(row.private_notes),
        "public_notes": text(row.public_notes),
        "last_login": unix(row.last_login),
        "address1": text(row.address1),
        "address2": text(row.address2),
        "phone": text(row.phone),
        "city": text(row.city),
        "state": text(row.state),
        "postal_code": text(row.postal_code),
        "country_id": code(row.country_id),
        "currency_id": code(row.currency_id),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "is_deleted": bool(row.is_deleted),
        "vat_number": text(row.vat_number),
        "id_number": text(row.id_number),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
        "number": text(row.number),
        "language_id": code(row.language_id),
        "classification": text(row.classification),
        "display_name": display_name(row, contacts),
        "routing_id": text(row.routing_id),
        "is_tax_exempt": bool(row.is_tax_exempt),
    }


def contact_link(contact: VendorContact, ctx: AuthContext) -> str:
    # Unlike client contacts, the vendor portal link is always filled.
    return f"{get_settings().app_url.rstrip('/')}/vendor/key_login/{contact.contact_key or ''}"


def serialize_vendor_contact(row: VendorContact, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "first_name": text(row.first_name),
        "last_name": text(row.last_name),
        "send_email": bool(row.send_email),
        "email": text(row.email),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "is_primary": bool(row.is_primary),
        "phone": text(row.phone),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "link": contact_link(row, ctx),
        "last_login": unix(row.last_login),
        "password": "**********" if row.password else "",
    }
