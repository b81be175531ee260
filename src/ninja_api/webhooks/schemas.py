"""Webhook and delivery JSON: the subscription as upstream renders it, the delivery log ours."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, text, unix
from ninja_api.models import Webhook, WebhookDelivery


def serialize_webhook(row: Webhook, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "company_id": hashed(row.company_id),
        "user_id": hashed(row.user_id),
        "archived_at": unix(row.deleted_at),
        "updated_at": unix(row.updated_at),
        "created_at": unix(row.created_at),
        "is_deleted": bool(row.is_deleted),
        "target_url": text(row.target_url),
        "event_id": code(row.event_id),
        "format": text(row.format),
        "rest_method": text(row.rest_method),
        "headers": row.headers or [],
        # Ours: the key of the X-Ninja-Signature every delivery carries.
        "signing_secret": text(row.signing_secret),
    }


def serialize_delivery(row: WebhookDelivery, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "webhook_id": hashed(row.webhook_id),
        "event_id": code(row.event_id),
        "entity": row.entity,
        "entity_id": hashed(row.entity_id),
        "status": row.status,
        "attempts": int(row.attempts or 0),
        "response_status": row.response_status or 0,
        "duration_ms": row.duration_ms or 0,
        "error": text(row.error),
        "next_attempt_at": unix(row.next_attempt_at),
        "delivered_at": unix(row.delivered_at),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
    }
