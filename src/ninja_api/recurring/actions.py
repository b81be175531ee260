"""Recurring document actions: start, stop, send now, price updates, archive, restore, delete."""

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.activities import service as activities
from ninja_api.billing.settings import ClientSettings
from ninja_api.billing.totals import recalculate
from ninja_api.calc import increased_cost
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.models import Client, Product
from ninja_api.models.base import utcnow
from ninja_api.numbering import lock_company
from ninja_api.recurring import generate, schedule
from ninja_api.recurring.kind import RecurringKind


def _record(session: Session, ctx: AuthContext, kind: RecurringKind, doc, type_id: int) -> None:
    activities.record(session, ctx, type_id, client_id=doc.client_id, **{kind.document.parent_key: doc.id})


def start(session: Session, ctx: AuthContext, kind: RecurringKind, doc) -> None:
    """Active again (an archived one is restored first); nothing happens once no cycles are left."""
    if (doc.remaining_cycles or 0) == 0 or doc.is_deleted:
        return
    if doc.deleted_at is not None:
        restore(session, ctx, kind, doc)
    doc.status_id = schedule.ACTIVE


def stop(session: Session, ctx: AuthContext, kind: RecurringKind, doc) -> None:
    if doc.status_id < schedule.PAUSED:
        doc.status_id = schedule.PAUSED


def send_now(session: Session, ctx: AuthContext, kind: RecurringKind, doc, now=None):
    """A draft starts and sends its first cycle at once; anything else is left alone."""
    if doc.status_id != schedule.DRAFT or doc.is_deleted:
        return None
    now = now or utcnow()
    lock_company(session, ctx.company)
    start(session, ctx, kind, doc)
    settings = ClientSettings(session, ctx.company, session.get(Client, doc.client_id))
    if doc.next_send_date is None:
        doc.next_send_date = schedule.send_moment(settings, schedule.client_day(doc) or now.date())
    cycle, following = generate.next_cycle(doc, settings, now)
    for name, value in following.items():
        setattr(doc, name, value)
    session.flush()
    return generate.send(session, ctx, kind, doc, cycle, now)


def _reprice(session: Session, ctx: AuthContext, doc, price_of) -> None:
    items = []
    for item in doc.line_items or []:
        item = dict(item)
        cost = price_of(item)
        if cost is not None:
            item["cost"] = format(cost, "f")
        items.append(item)
    doc.line_items = items
    recalculate(doc, ClientSettings(session, ctx.company, session.get(Client, doc.client_id)),
                balance_follows_amount=True)


def increase_prices(session: Session, ctx: AuthContext, kind: RecurringKind, doc, percentage: Decimal) -> None:
    """Every line's cost rises by the percentage (rounded as a 2-dp fraction, as upstream)."""
    _reprice(session, ctx, doc, lambda item: increased_cost(Decimal(str(item.get("cost") or 0)), percentage))


def update_prices(session: Session, ctx: AuthContext, kind: RecurringKind, doc) -> None:
    """Every line naming a live product takes the product's current price."""
    keys = {i.get("product_key") for i in doc.line_items or [] if isinstance(i.get("product_key"), str)}
    products: dict[str, Product] = {}
    if keys:
        query = select(Product).where(Product.company_id == doc.company_id, Product.product_key.in_(keys),
                                      Product.is_deleted.is_(False), Product.deleted_at.is_(None))
        for product in session.scalars(query.order_by(Product.id)):
            products.setdefault(product.product_key, product)

    def price(item):
        product = products.get(item.get("product_key"))
        return product.price if product is not None else None

    _reprice(session, ctx, doc, price)


def archive(session: Session, ctx: AuthContext, kind: RecurringKind, doc) -> None:
    if lifecycle.archive(doc):
        _record(session, ctx, kind, doc, kind.document.activities.archive)


def restore(session: Session, ctx: AuthContext, kind: RecurringKind, doc) -> None:
    if lifecycle.restore(doc):
        _record(session, ctx, kind, doc, kind.document.activities.restore)


def delete(session: Session, ctx: AuthContext, kind: RecurringKind, doc) -> None:
    if lifecycle.delete(doc):
        _record(session, ctx, kind, doc, kind.document.activities.delete)
