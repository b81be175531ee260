"""Webhook 22 ("late invoice"): upstream's daily InvoiceCheckLateWebhook, made idempotent.

An invoice still owing (sent or partial, balance above 0) whose due date was yesterday is late;
each such invoice of a company that subscribes to event 22 fires it once. The scheduler runs every
minute, so the delivery log itself says whether an invoice has fired already.
"""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import Invoice, Webhook, WebhookDelivery
from ninja_api.webhooks import events

LATE_INVOICE = 22
SENT, PARTIAL = 2, 3


def late_invoices(session: Session, now: datetime, env) -> list[int]:
    today = now.date()
    subscribed = select(Webhook.company_id).where(Webhook.event_id == LATE_INVOICE, Webhook.is_deleted.is_(False),
                                                  Webhook.deleted_at.is_(None))
    fired = select(WebhookDelivery.entity_id).where(WebhookDelivery.event_id == LATE_INVOICE,
                                                    WebhookDelivery.entity == "invoice")
    query = select(Invoice).where(
        Invoice.company_id.in_(subscribed), Invoice.is_deleted.is_(False), Invoice.deleted_at.is_(None),
        Invoice.status_id.in_((SENT, PARTIAL)), Invoice.balance > 0,
        Invoice.due_date >= today - timedelta(days=1), Invoice.due_date < today, Invoice.id.not_in(fired))
    late = list(session.scalars(query.order_by(Invoice.id)))
    for invoice in late:
        events.fire(session, invoice, "late")
    env.commit(session)
    return [invoice.id for invoice in late]
