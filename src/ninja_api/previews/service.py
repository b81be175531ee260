"""The PDF of a document as the editor holds it, unsaved: `/live_preview` and `/preview`.

The request body goes through the entity's own create (or, with `entity_id`, update) inside a
savepoint, so it is validated, numbered and totalled exactly as a save would be; its page is
drawn from that state and the savepoint is rolled back: nothing is stored, no counter moves,
no webhook fires.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from sqlalchemy.orm import Session

from ninja_api.billing.kind import DocumentKind
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ValidationFailed
from ninja_api.http.input import RequestInput
from ninja_api.http.lookup import find
from ninja_api.http.resource import Resource
from ninja_api.pdf.document import document_html
from ninja_api.webhooks.events import PENDING_KEY


@dataclass(frozen=True)
class Previewable:
    kind: DocumentKind
    resource: Resource
    create: Callable
    update: Callable


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, Previewable]:
    from ninja_api.credits import service as credits
    from ninja_api.credits.kind import CREDIT
    from ninja_api.credits.resource import credit_resource
    from ninja_api.invoices import service as invoices
    from ninja_api.invoices.kind import INVOICE
    from ninja_api.invoices.resource import invoice_resource
    from ninja_api.purchase_orders import service as purchase_orders
    from ninja_api.purchase_orders.kind import PURCHASE_ORDER
    from ninja_api.purchase_orders.resource import purchase_order_resource
    from ninja_api.quotes import service as quotes
    from ninja_api.quotes.kind import QUOTE
    from ninja_api.quotes.resource import quote_resource
    from ninja_api.recurring import service as recurring
    from ninja_api.recurring_invoices.kind import RECURRING_INVOICE, RECURRING_INVOICE_DOCUMENT
    from ninja_api.recurring_invoices.resource import recurring_invoice_resource

    return {
        "invoice": Previewable(INVOICE, invoice_resource, invoices.create, invoices.update),
        "quote": Previewable(QUOTE, quote_resource, quotes.create, quotes.update),
        "credit": Previewable(CREDIT, credit_resource, credits.create, credits.update),
        "recurring_invoice": Previewable(
            RECURRING_INVOICE_DOCUMENT, recurring_invoice_resource,
            lambda s, ctx, inp: recurring.create(s, ctx, RECURRING_INVOICE, inp),
            lambda s, ctx, row, inp: recurring.update(s, ctx, RECURRING_INVOICE, row, inp)),
        "purchase_order": Previewable(PURCHASE_ORDER, purchase_order_resource, purchase_orders.create,
                                      purchase_orders.update),
    }


def previewable(entity) -> Previewable:
    found = _catalogue().get(entity if isinstance(entity, str) else "")
    if found is None:
        raise ValidationFailed({"entity": ["The selected entity is invalid."]})
    return found


def html(session: Session, ctx: AuthContext, inp: RequestInput, entity, entity_id) -> str:
    """The page the PDF is drawn from (drawn by the caller, once the savepoint is gone)."""
    target = previewable(entity)
    body = RequestInput(data={k: v for k, v in inp.data.items() if k not in ("entity", "entity_id", "design")},
                        query={})
    # Row changes are collected for webhooks as they flush; the preview's must not survive it.
    events = session.info.get(PENDING_KEY)
    saved_events = {k: list(v) if isinstance(v, list) else v for k, v in (events or {}).items()}
    savepoint = session.begin_nested()
    try:
        if isinstance(entity_id, str) and entity_id:
            doc = find(session, target.resource, entity_id, ctx, "edit")
            doc = target.update(session, ctx, doc, body)
        else:
            doc = target.create(session, ctx, body)
        session.flush()
        return document_html(session, ctx.company, doc, target.kind.label, target.kind.party)
    finally:
        savepoint.rollback()
        session.info[PENDING_KEY] = saved_events
