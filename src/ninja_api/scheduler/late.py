"""Webhooks 22 ("late invoice") and 23 ("expired quote"), fired by the scheduler, made idempotent.

An invoice still owing (sent or partial, balance above 0) whose due date was yesterday is late, as
upstream's daily InvoiceCheckLateWebhook finds it. A sent quote whose valid-until date passed
yesterday has expired, as upstream's daily QuoteCheckExpired finds it (which only mails the
company's users: upstream never fires 23). Each such document of a company that subscribes to the
event fires it once. The scheduler runs every minute, so the delivery log itself says whether a
document has fired already.
"""

from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import Invoice, Quote, Webhook, WebhookDelivery
from ninja_api.scheduler import reminding
from ninja_api.webhooks import events

LATE_INVOICE, EXPIRED_QUOTE = 22, 23
SENT, PARTIAL = 2, 3


def _unfired(model, event_id: int, entity: str) -> tuple:
    """Live documents of companies subscribed to `event_id` that have not fired it yet."""
    subscribed = select(Webhook.company_id).where(Webhook.event_id == event_id, Webhook.is_deleted.is_(False),
                                                  Webhook.deleted_at.is_(None))
    fired = select(WebhookDelivery.entity_id).where(WebhookDelivery.event_id == event_id,
                                                    WebhookDelivery.entity == entity)
    return (model.company_id.in_(subscribed), model.is_deleted.is_(False), model.deleted_at.is_(None),
            model.id.not_in(fired))


def _fire(session: Session, query, name: str, env) -> list[int]:
    rows = list(session.scalars(query))
    for row in rows:
        events.fire(session, row, name)
    env.commit(session)
    return [row.id for row in rows]


def late_invoices(session: Session, now: datetime, env) -> list[int]:
    today = now.date()
    query = select(Invoice).where(
        *_unfired(Invoice, LATE_INVOICE, "invoice"), Invoice.status_id.in_((SENT, PARTIAL)), Invoice.balance > 0,
        Invoice.due_date >= today - timedelta(days=1), Invoice.due_date < today)
    return _fire(session, query.order_by(Invoice.id), "late", env)


def expired_quotes(session: Session, now: datetime, env) -> list[int]:
    # A quote's valid-until date is a DATETIME: the window is yesterday from midnight to midnight.
    today = datetime.combine(now.date(), time())
    query = select(Quote).where(
        *_unfired(Quote, EXPIRED_QUOTE, "quote"), Quote.status_id == SENT, *reminding.of_live_clients(Quote),
        Quote.due_date >= today - timedelta(days=1), Quote.due_date < today)
    return _fire(session, query.order_by(Quote.id), "expired", env)
