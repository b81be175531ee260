"""User and CompanyUser JSON (upstream order)."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, obj, text, unix
from ninja_api.models import CompanyUser, User
from ninja_api.models.base import utcnow


def serialize_user(row: User, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "first_name": text(row.first_name),
        "last_name": text(row.last_name),
        "email": text(row.email),
        # Upstream parses a NULL last_login as "now" (quirk kept).
        "last_login": unix(row.last_login or utcnow()),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "is_deleted": bool(row.is_deleted),
        "phone": text(row.phone),
        "email_verified_at": unix(row.email_verified_at) if row.email_verified_at else None,
        "signature": text(row.signature),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "oauth_provider_id": text(row.oauth_provider_id),
        "last_confirmed_email_address": text(row.last_confirmed_email_address),
        "google_2fa_secret": bool(row.google_2fa_secret),
        "has_password": bool(row.has_password),
        "oauth_user_token": "***" if row.oauth_user_token else "",
        "verified_phone_number": bool(row.verified_phone_number),
        "language_id": text(row.language_id),
        "user_logged_in_notification": bool(row.user_logged_in_notification),
        "referral_code": text(row.referral_code),
        "referral_meta": row.referral_meta or {"free": 0, "pro": 0, "enterprise": 0},
    }


def serialize_company_user(row: CompanyUser, ctx: AuthContext) -> dict:
    return {
        "permissions": text(row.permissions),
        "notifications": obj(row.notifications),
        "settings": obj(row.settings),
        "react_settings": obj(row.react_settings),
        "is_owner": bool(row.is_owner),
        "is_admin": bool(row.is_admin),
        "is_locked": bool(row.is_locked),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
        "permissions_updated_at": unix(row.permissions_updated_at),
        "ninja_portal_url": text(row.ninja_portal_url),
    }
