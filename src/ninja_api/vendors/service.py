"""Vendor rules: fill from input, numbering, currency, contacts; never commits."""

import re

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import service as activities
from ninja_api.clients import repository as clients_repository
from ninja_api.clients.service import CLASSIFICATIONS, contacts_input, validate_contacts
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_int, as_text
from ninja_api.models import Vendor, VendorContact
from ninja_api.models.base import utcnow
from ninja_api.numbering import lock_company, next_number
from ninja_api.security import hash_password, random_key
from ninja_api.statics.data import currency, languages_by_locale
from ninja_api.vendors import repository

TEXT_FIELDS = (
    "name", "id_number", "vat_number", "phone", "address1", "address2", "city", "state", "postal_code",
    "private_notes", "public_notes", "website", "transaction_name", "custom_value1", "custom_value2",
    "custom_value3", "custom_value4", "number", "routing_id",
)
SHORT_TEXT = (
    "name", "id_number", "vat_number", "phone", "address1", "address2", "city", "state", "postal_code",
    "website", "transaction_name", "number", "routing_id",
)
CONTACT_TEXT = ("first_name", "last_name", "email", "phone", "custom_value1", "custom_value2", "custom_value3", "custom_value4")
DEFAULT_COUNTRY = 4
_TAGS = re.compile(r"<[^>]*>")
_MASK = re.compile(r"^\*+$")


def _company_currency(ctx: AuthContext) -> int:
    return as_int((ctx.company.settings or {}).get("currency_id")) or 1


def blank(session: Session, ctx: AuthContext) -> Vendor:
    return Vendor(
        company_id=ctx.company_id, user_id=ctx.user_id, vendor_hash=random_key(40),
        country_id=DEFAULT_COUNTRY, currency_id=_company_currency(ctx), is_deleted=False, is_tax_exempt=False,
    )


def _language_ids() -> set[int]:
    return {int(v) for v in languages_by_locale().values()}


def _validate(session: Session, ctx: AuthContext, data: dict, vendor: Vendor | None) -> None:
    errors = Errors()
    creating = vendor is None
    if creating:
        name = data.get("name")
        if name is None or (isinstance(name, str) and not name.strip()):
            errors.required("name")
        elif not isinstance(name, str):
            errors.must_be("name", "a string")
    for field in TEXT_FIELDS:
        value = data.get(field)
        if value is None or (field == "name" and creating):
            continue
        text = as_text(value)
        if text is None:
            errors.must_be(field, "a string")
        elif field in SHORT_TEXT and len(text) > 191:
            errors.add(field, f"The {field.replace('_', ' ')} must not be greater than 191 characters.")
    if "contacts" in data and data["contacts"] is not None:
        contacts = contacts_input(data["contacts"])
        if contacts is None:
            errors.add("contacts", "The contacts must be an array.")
        else:
            validate_contacts(contacts, errors)
    number = as_text(data.get("number"))
    if number and repository.number_taken(session, ctx.company_id, number, None if creating else vendor.id):
        errors.taken("number")
    if "currency_id" in data:
        value = as_int(data["currency_id"])
        if value is None or currency(str(value)) is None:
            errors.invalid_choice("currency_id")
    if data.get("language_id") not in (None, ""):
        value = as_int(data["language_id"])
        if value is None or value not in _language_ids():
            errors.invalid_choice("language_id")
    if data.get("country_id") is not None and as_int(data["country_id"]) is None:
        errors.must_be("country_id", "an integer")
    if data.get("classification") is not None and data["classification"] not in CLASSIFICATIONS:
        errors.invalid_choice("classification")
    if data.get("assigned_user_id") is not None:
        key = ids.decode(data["assigned_user_id"]) if isinstance(data["assigned_user_id"], str) else None
        if key is None or clients_repository.user_in_account(session, ctx.account_id, key) is None:
            errors.invalid_choice("assigned_user_id")
    if "is_tax_exempt" in data and data["is_tax_exempt"] is not None and as_bool(data["is_tax_exempt"]) is None:
        errors.add("is_tax_exempt", "The is tax exempt field must be true or false.")
    errors.raise_if_any()


def _prepare(ctx: AuthContext, data: dict, creating: bool) -> dict:
    data = dict(data)
    if creating and data.get("currency_id") in (None, ""):
        data["currency_id"] = _company_currency(ctx)
    elif not creating and data.get("currency_id") in (None, ""):
        data.pop("currency_id", None)
    if data.get("country_id") is None:
        data.pop("country_id", None)
    return data


def _fill(vendor: Vendor, data: dict) -> None:
    for field in TEXT_FIELDS:
        if field in data:
            value = as_text(data[field])
            if field == "name" and value is not None:
                value = _TAGS.sub("", value)
            setattr(vendor, field, value)
    for field in ("currency_id", "country_id", "language_id"):
        if field in data:
            setattr(vendor, field, as_int(data[field]) if data[field] not in (None, "") else None)
    if "classification" in data:
        vendor.classification = data["classification"]
    if "assigned_user_id" in data:
        vendor.assigned_user_id = ids.decode(data["assigned_user_id"]) if data["assigned_user_id"] else None
    if data.get("is_tax_exempt") is not None:
        vendor.is_tax_exempt = as_bool(data["is_tax_exempt"])


def _save(session: Session, ctx: AuthContext, vendor: Vendor, data: dict, creating: bool) -> Vendor:
    lock_company(session, ctx.company)
    data = _prepare(ctx, data, creating)
    _validate(session, ctx, data, None if creating else vendor)
    _fill(vendor, data)
    if not vendor.country_id:
        vendor.country_id = as_int((ctx.company.settings or {}).get("country_id"))
    session.add(vendor)
    session.flush()
    if not vendor.number:
        vendor.number = next_number(session, ctx.company, "vendor", Vendor, user_id=ctx.user_id)
    contacts = contacts_input(data.get("contacts"))
    existing = repository.contacts_of(session, vendor.id)
    if contacts is not None or not existing:
        sync_contacts(session, ctx, vendor, contacts or [], existing)
    activities.record(session, ctx, activities.CREATE_VENDOR if creating else activities.UPDATE_VENDOR,
                      vendor_id=vendor.id)
    session.flush()
    return vendor


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Vendor:
    return _save(session, ctx, blank(session, ctx), inp.data, creating=True)


def update(session: Session, ctx: AuthContext, vendor: Vendor, inp: RequestInput) -> Vendor:
    vendor.updated_at = utcnow()
    return _save(session, ctx, vendor, inp.data, creating=False)


def delete(session: Session, ctx: AuthContext, vendor: Vendor) -> None:
    """Upstream's DELETE route only soft-deletes the model: the vendor is archived, not flagged
    deleted (the bulk `delete` action flags it)."""
    lifecycle.archive(vendor)


def _truthy(value) -> bool:
    return value in (True, 1, "1", "true")


def sync_contacts(session: Session, ctx: AuthContext, vendor: Vendor, sent: list[dict],
                  existing: list[VendorContact]) -> None:
    """Replace the vendor's contacts with `sent`: matched by hashed id, the rest soft-deleted.

    As client contacts, except that no contact is forced to receive e-mail and a password goes to
    every vendor contact of the company with that e-mail."""
    by_id = {c.id: c for c in existing}
    keys = [ids.decode(c.get("id")) if isinstance(c.get("id"), str) else None for c in sent]
    now = utcnow()
    for contact in existing:
        if contact.id not in keys:
            contact.deleted_at = now
    ordered = sorted(zip(sent, keys), key=lambda pair: 0 if _truthy(pair[0].get("is_primary")) else 1)
    passwords: list[tuple[str, str]] = []
    for position, (data, key) in enumerate(ordered):
        contact = by_id.get(key)
        if contact is None:
            contact = VendorContact(
                company_id=ctx.company_id, user_id=ctx.user_id, vendor_id=vendor.id,
                contact_key=random_key(32), send_email=False, password="", is_locked=False, confirmed=False,
            )
            session.add(contact)
        for field in CONTACT_TEXT:
            if field in data:
                value = as_text(data[field])
                if field == "email" and value is not None:
                    value = value.strip()
                setattr(contact, field, value)
        if "send_email" in data:
            contact.send_email = _truthy(data["send_email"])
        contact.is_primary = position == 0
        contact.updated_at = now
        password = data.get("password")
        if isinstance(password, str) and len(password) > 1 and not _MASK.match(password) and contact.email:
            passwords.append((contact.email, hash_password(password)))
    session.flush()
    for email, hashed_password in passwords:
        repository.set_contact_password(session, ctx.company_id, email, hashed_password)
    if not ordered:
        session.add(VendorContact(
            company_id=ctx.company_id, user_id=ctx.user_id, vendor_id=vendor.id, contact_key=random_key(40),
            is_primary=True, send_email=False, password="", is_locked=False, confirmed=False,
        ))
    session.flush()
