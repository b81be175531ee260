"""Every query about webhooks and their deliveries."""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ninja_api.models import Company, Webhook, WebhookDelivery


def listening(session: Session, company_ids: set[int], event_ids: set[int]) -> dict[tuple[int, int], list[Webhook]]:
    """{(company id, event id): live webhooks} of enabled companies, oldest first."""
    if not company_ids or not event_ids:
        return {}
    query = (select(Webhook).join(Company, Company.id == Webhook.company_id)
             .where(Webhook.company_id.in_(company_ids), Webhook.event_id.in_(event_ids),
                    Webhook.deleted_at.is_(None), Webhook.is_deleted.is_(False), Company.is_disabled.is_(False))
             .order_by(Webhook.id))
    found: dict[tuple[int, int], list[Webhook]] = {}
    for hook in session.scalars(query):
        found.setdefault((hook.company_id, hook.event_id), []).append(hook)
    return found


def due(session: Session, now: datetime, limit: int) -> list[tuple[int, datetime]]:
    """(id, next attempt) of pending deliveries whose attempt is due, oldest first."""
    query = (select(WebhookDelivery.id, WebhookDelivery.next_attempt_at)
             .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now)
             .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(limit))
    return [(r.id, r.next_attempt_at) for r in session.execute(query)]


def claim(session: Session, delivery_id: int, seen: datetime, lease_until: datetime) -> bool:
    """Take one attempt of a delivery: only the process whose UPDATE moves its time on sends it."""
    result = session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.status == "pending",
               WebhookDelivery.next_attempt_at == seen)
        .values(next_attempt_at=lease_until)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def deliveries_of(session: Session, webhook_id: int):
    return (select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id)
            .order_by(WebhookDelivery.id.desc()))


def delivery_of(session: Session, webhook_id: int, delivery_id: int) -> WebhookDelivery | None:
    return session.scalar(select(WebhookDelivery).where(WebhookDelivery.id == delivery_id,
                                                        WebhookDelivery.webhook_id == webhook_id))
