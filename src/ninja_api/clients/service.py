"""Client rules: fill from input, numbering, settings, contacts; never commits."""

import re
from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import service as activities
from ninja_api.clients import repository
from ninja_api.clients.schemas import display_name
from ninja_api.companies.settings import client_settings_defaults, coerce_settings, validate_settings
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ValidationFailed
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_int, as_text, is_email
from ninja_api.models import Client, ClientContact, CompanyLedger, SystemLog
from ninja_api.models.base import utcnow
from ninja_api.numbering import lock_company, next_number
from ninja_api.security import hash_password, random_key
from ninja_api.statics.data import (
    countries_by_iso,
    country_ids,
    currencies_by_code,
    languages_by_locale,
)

TEXT_FIELDS = (
    "name", "website", "private_notes", "public_notes", "address1", "address2", "city", "state",
    "postal_code", "custom_value1", "custom_value2", "custom_value3", "custom_value4",
    "shipping_address1", "shipping_address2", "shipping_city", "shipping_state",
    "shipping_postal_code", "vat_number", "id_number", "phone", "number", "routing_id",
)
INT_FIELDS = ("industry_id", "size_id", "country_id", "shipping_country_id")
BOOL_FIELDS = ("is_tax_exempt", "has_valid_vat_number")
CLASSIFICATIONS = ("individual", "business", "company", "partnership", "trust", "charity", "government", "other")
CONTACT_TEXT = ("first_name", "last_name", "email", "phone", "custom_value1", "custom_value2", "custom_value3", "custom_value4")
BULK_UPDATE_COLUMNS = (
    "public_notes", "industry_id", "size_id", "country_id",
    "custom_value1", "custom_value2", "custom_value3", "custom_value4",
)
_TAGS = re.compile(r"<[^>]*>")
_MASK = re.compile(r"^\*+$")


def blank(session: Session, ctx: AuthContext) -> Client:
    return Client(
        company_id=ctx.company_id,
        user_id=ctx.user_id,
        client_hash=random_key(40),
        settings=client_settings_defaults(),
        balance=0, paid_to_date=0, credit_balance=0, payment_balance=0,
        is_deleted=False, is_tax_exempt=False, has_valid_vat_number=False,
    )


# --- input ------------------------------------------------------------------------------------


def _apply_aliases(data: dict) -> dict:
    data = dict(data)
    if data.get("currency_code") is not None:
        currency_id = currencies_by_code().get(str(data["currency_code"]).upper())
        if currency_id:
            settings = dict(data.get("settings") or {}) if isinstance(data.get("settings"), dict) else {}
            settings["currency_id"] = currency_id
            data["settings"] = settings
    if data.get("language_code") is not None:
        language_id = languages_by_locale().get(str(data["language_code"]))
        if language_id:
            settings = dict(data.get("settings") or {}) if isinstance(data.get("settings"), dict) else {}
            settings["language_id"] = language_id
            data["settings"] = settings
    for alias, target in (("country_code", "country_id"), ("shipping_country_code", "shipping_country_id")):
        if alias in data:
            data[target] = countries_by_iso().get(str(data[alias] or "").upper())
    return data


def _contacts_input(value) -> list[dict] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        # One contact object instead of a list, or a PHP form list keyed by strings.
        return [value] if not all(isinstance(v, dict) for v in value.values()) else list(value.values())
    if isinstance(value, list):
        return [c for c in value if isinstance(c, dict)]
    return None


def _validate(session: Session, ctx: AuthContext, data: dict, client: Client | None) -> Errors:
    errors = Errors()
    exclude = client.id if client is not None else None
    for field in TEXT_FIELDS:
        if field in data and data[field] is not None and as_text(data[field]) is None:
            errors.must_be(field, "a string")
    for field in INT_FIELDS:
        value = data.get(field)
        if value is None:
            continue
        number = as_int(value)
        if number is None:
            errors.must_be(field, "an integer")
        elif field in ("country_id", "shipping_country_id") and number != 0 and number not in country_ids():
            errors.invalid_choice(field)
    for field in ("number", "id_number"):
        value = as_text(data.get(field))
        if value and repository.value_taken(session, ctx.company_id, field, value, exclude):
            errors.taken(field)
    if data.get("classification") is not None and data["classification"] not in CLASSIFICATIONS:
        errors.invalid_choice("classification")
    for field in ("group_settings_id", "assigned_user_id"):
        value = data.get(field)
        if value is None:
            continue
        key = ids.decode(value) if isinstance(value, str) else None
        found = None
        if key is not None:
            found = (
                repository.group_in_company(session, ctx.company_id, key)
                if field == "group_settings_id"
                else repository.user_in_account(session, ctx.account_id, key)
            )
        if found is None:
            errors.invalid_choice(field)
    if "settings" in data and data["settings"] is not None:
        if not isinstance(data["settings"], dict):
            errors.add("settings", "The settings must be an array.")
        else:
            for field, messages in validate_settings(data["settings"], level="client").items():
                for text in messages:
                    errors.add(field, text)
    if "contacts" in data and data["contacts"] is not None:
        contacts = _contacts_input(data["contacts"])
        if contacts is None:
            errors.add("contacts", "The contacts must be an array.")
        else:
            _validate_contacts(contacts, errors)
    return errors


def _validate_contacts(contacts: list[dict], errors: Errors) -> None:
    emails = [c.get("email").strip().lower() if isinstance(c.get("email"), str) else None for c in contacts]
    for i, contact in enumerate(contacts):
        email = contact.get("email")
        field = f"contacts.{i}.email"
        if email is not None:
            if not is_email(email.strip() if isinstance(email, str) else email):
                errors.add(field, f"The {field} must be a valid email address.")
            elif emails.count(emails[i]) > 1:
                errors.add(field, f"The {field} field has a duplicate value.")
        password = contact.get("password")
        if password is not None and not (isinstance(password, str) and _MASK.match(password)):
            field = f"contacts.{i}.password"
            if not isinstance(password, str):
                errors.add(field, f"The {field} must be a string.")
            else:
                if len(password) < 7:
                    errors.add(field, f"The {field} must be at least 7 characters.")
                if not (re.search(r"[a-z]", password) and re.search(r"[A-Z]", password) and re.search(r"\d", password)):
                    errors.add(field, f"The {field} format is invalid.")


def _fill(client: Client, data: dict) -> None:
    for field in TEXT_FIELDS:
        if field in data:
            value = as_text(data[field])
            if field == "name" and value is not None:
                value = _TAGS.sub("", value)
            setattr(client, field, value)
    for field in INT_FIELDS:
        if field in data:
            setattr(client, field, as_int(data[field]) if data[field] is not None else None)
    for field in BOOL_FIELDS:
        if field in data:
            setattr(client, field, data[field] in (True, 1, "1", "true"))
    if "classification" in data:
        client.classification = data["classification"]
    for field in ("group_settings_id", "assigned_user_id"):
        if field in data:
            setattr(client, field, ids.decode(data[field]) if data[field] is not None else None)


def _company_currency(ctx: AuthContext) -> str:
    return str((ctx.company.settings or {}).get("currency_id") or "1")


def _settings_for_save(session: Session, ctx: AuthContext, client: Client, sent: dict | None, creating: bool) -> dict:
    settings = dict(sent or {})
    settings.pop("translations", None)
    settings = coerce_settings(settings, level="client")
    if creating:
        settings.update(client_settings_defaults())
    if not settings.get("currency_id"):
        currency = None
        if client.group_settings_id is not None:
            group = repository.group_in_company(session, ctx.company_id, client.group_settings_id)
            candidate = (group.settings or {}).get("currency_id") if group is not None else None
            if candidate is not None and str(candidate).isdigit():
                currency = str(candidate)
        settings["currency_id"] = currency or _company_currency(ctx)
    return settings


def _save(session: Session, ctx: AuthContext, client: Client, data: dict, creating: bool) -> Client:
    lock_company(session, ctx.company)
    data = _apply_aliases(data)
    errors = _validate(session, ctx, data, None if creating else client)
    errors.raise_if_any()
    _fill(client, data)
    if creating:
        client.settings = _settings_for_save(session, ctx, client, data.get("settings"), creating=True)
    elif isinstance(data.get("settings"), dict):
        client.settings = _settings_for_save(session, ctx, client, data["settings"], creating=False)
    if not client.country_id:
        client.country_id = as_int((ctx.company.settings or {}).get("country_id"))
    session.add(client)
    session.flush()
    if not client.number:
        group = repository.group_in_company(session, ctx.company_id, client.group_settings_id) if client.group_settings_id else None
        client.number = next_number(session, ctx.company, "client", Client, client=client, group=group, user_id=ctx.user_id)
    contacts = _contacts_input(data.get("contacts"))
    existing = repository.contacts_of(session, client.id)
    if contacts is not None or not existing:
        sync_contacts(session, ctx, client, contacts or [], existing)
    activities.record(session, ctx, activities.CREATE_CLIENT if creating else activities.UPDATE_CLIENT,
                      client_id=client.id)
    session.flush()
    return client


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Client:
    client = blank(session, ctx)
    return _save(session, ctx, client, inp.data, creating=True)


def update(session: Session, ctx: AuthContext, client: Client, inp: RequestInput) -> Client:
    client.updated_at = utcnow()
    return _save(session, ctx, client, inp.data, creating=False)


# --- contacts ---------------------------------------------------------------------------------


def sync_contacts(session: Session, ctx: AuthContext, client: Client, sent: list[dict], existing: list[ClientContact]) -> None:
    """Replace the client's contacts with `sent`: matched by hashed id, the rest soft-deleted."""
    by_id = {c.id: c for c in existing}
    keep: set[int] = set()
    for contact in sent:
        key = ids.decode(contact.get("id")) if isinstance(contact.get("id"), str) else None
        if key in by_id:
            keep.add(key)
    now = utcnow()
    for contact in existing:
        if contact.id not in keep:
            contact.deleted_at = now

    ordered = sorted(sent, key=lambda c: 0 if c.get("is_primary") in (True, 1, "1", "true") else 1)
    any_send = any(c.get("send_email") in (True, 1, "1", "true") for c in ordered)
    passwords: list[tuple[str, str]] = []
    for position, data in enumerate(ordered):
        key = ids.decode(data.get("id")) if isinstance(data.get("id"), str) else None
        contact = by_id.get(key)
        if contact is None:
            contact = ClientContact(
                company_id=ctx.company_id, user_id=ctx.user_id, client_id=client.id,
                contact_key=random_key(32), send_email=True, password="", is_locked=False, confirmed=False,
            )
            session.add(contact)
        for field in CONTACT_TEXT:
            if field in data:
                value = as_text(data[field])
                if field == "email":
                    value = (value or "").strip()
                setattr(contact, field, value)
        if contact.email is None:
            contact.email = ""
        if "send_email" in data:
            contact.send_email = data["send_email"] in (True, 1, "1", "true")
        contact.is_primary = position == 0
        if position == 0 and not any_send:
            contact.send_email = True
        contact.updated_at = now
        password = data.get("password")
        if isinstance(password, str) and len(password) > 1 and not _MASK.match(password) and len(contact.email or "") > 3:
            passwords.append((contact.email, hash_password(password)))
    session.flush()
    for email, hashed_password in passwords:
        repository.set_contact_password(session, client.id, email, hashed_password)

    if not ordered:
        session.add(
            ClientContact(
                company_id=ctx.company_id, user_id=ctx.user_id, client_id=client.id,
                contact_key=random_key(40), email=" ", is_primary=True, send_email=True,
                confirmed=True, password="", is_locked=False,
            )
        )
    session.flush()


# --- actions ----------------------------------------------------------------------------------


def assign_group(session: Session, ctx: AuthContext, client: Client, inp: RequestInput):
    value = inp.get("group_settings_id")
    key = ids.decode(value) if isinstance(value, str) else None
    if value is None:
        raise ValidationFailed({"group_settings_id": ["The group settings id field is required."]})
    if key is None or repository.group_in_company(session, ctx.company_id, key) is None:
        raise ValidationFailed({"group_settings_id": ["The selected group settings id is invalid."]})
    client.group_settings_id = key


def bulk_update(session: Session, ctx: AuthContext, client: Client, inp: RequestInput):
    column = inp.get("column")
    if column not in BULK_UPDATE_COLUMNS:
        raise ValidationFailed({"column": ["The selected column is invalid."]})
    value = inp.get("new_value")
    if column in INT_FIELDS:
        number = as_int(value) if value is not None else None
        if value is not None and number is None:
            raise ValidationFailed({"new_value": ["The new value must be an integer."]})
        if column == "country_id" and number is not None and number not in country_ids():
            raise ValidationFailed({"new_value": ["The selected new value is invalid."]})
        setattr(client, column, number)
    else:
        setattr(client, column, as_text(value))


LIFECYCLE_ACTIVITIES = {"archive": activities.ARCHIVE_CLIENT, "delete": activities.DELETE_CLIENT,
                        "restore": activities.RESTORE_CLIENT}


def record_lifecycle(session: Session, ctx: AuthContext, client: Client, action: str) -> None:
    activities.record(session, ctx, LIFECYCLE_ACTIVITIES[action], client_id=client.id)


def delete(session: Session, ctx: AuthContext, client: Client) -> None:
    if lifecycle.delete(client):
        record_lifecycle(session, ctx, client, "delete")


# Upstream's merge does not move the mergeable client's ledger or system logs: its foreign keys
# remove them with the client. The primary client gets one ledger row for the balance it takes on.
MERGE_LEAVES_BEHIND = (CompanyLedger, SystemLog)


def _blank_email(email: str | None) -> bool:
    return not email or email == " "


def merge(session: Session, ctx: AuthContext, client: Client, mergeable: Client) -> Client:
    """Fold `mergeable` into `client` as upstream's Merge service: its documents, payments,
    contacts, tokens and activities move over, its balance and paid to date add up, its credit and
    payment balances are recomputed from what moved, and the mergeable client is deleted."""
    contacts = repository.contacts_by_client(session, [mergeable.id]).get(mergeable.id, [])
    mergeable_name = display_name(mergeable, contacts)
    client.balance += mergeable.balance
    client.paid_to_date += mergeable.paid_to_date
    _merge_ledger(session, client, mergeable.balance, mergeable_name)

    # Contacts that repeat one of the client's e-mails, or have none, are trashed once moved.
    emails = {c.email for c in repository.contacts_of(session, client.id)}
    duplicates = [c for c in contacts if _blank_email(c.email) or c.email in emails]
    repository.move_children(session, mergeable.id, client.id, leave=MERGE_LEAVES_BEHIND)
    now = utcnow()
    for contact in duplicates:
        contact.deleted_at = now

    repository.purge_children(session, mergeable.id)
    session.delete(mergeable)
    session.flush()
    # Upstream leaves these two as they were; recomputed from the rows that moved they cannot drift.
    from ninja_api.credits.actions import refresh_credit_balance
    from ninja_api.payments.service import refresh_payment_balance

    refresh_credit_balance(session, client)
    refresh_payment_balance(session, client)
    return client


def _merge_ledger(session: Session, client: Client, adjustment: Decimal, mergeable_name: str) -> None:
    last = repository.latest_ledger(session, client.id)
    previous = last.balance if last is not None and last.balance is not None else Decimal(0)
    session.add(
        CompanyLedger(
            company_id=client.company_id,
            user_id=client.user_id,
            client_id=client.id,
            adjustment=adjustment,
            balance=previous + adjustment,
            notes=f"Balance update after merging {mergeable_name}",
            hash="",
            activity_id=activities.UPDATE_CLIENT,
            # Upstream leaves the morph columns unset (0 and "" under MySQL's non-strict mode).
            company_ledgerable_id=0,
            company_ledgerable_type="",
        )
    )


def purge(session: Session, ctx: AuthContext, client: Client) -> None:
    """Delete the client and every row that belongs to it, for good (documents and their files too)."""
    from ninja_api.documents.service import purge_of_client

    purge_of_client(session, client.id)
    session.flush()
    repository.purge_children(session, client.id)
    session.delete(client)
    session.flush()


# Shared with vendors, whose contacts take the same input shapes and rules.
contacts_input = _contacts_input
validate_contacts = _validate_contacts
