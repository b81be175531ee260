"""Queries about subscriptions and what they sell, scoped to one company."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import Invoice, Product, RecurringInvoice, Subscription


def name_taken(session: Session, company_id: int, name: str, exclude_id: int | None = None) -> bool:
    # Archived and deleted subscriptions keep their names.
    query = select(Subscription.id).where(Subscription.company_id == company_id, Subscription.name == name)
    if exclude_id is not None:
        query = query.where(Subscription.id != exclude_id)
    return session.scalar(query.limit(1)) is not None


def product_ids_in_company(session: Session, company_id: int, product_ids: set[int]) -> set[int]:
    """Which of the ids are the company's products, in any state."""
    if not product_ids:
        return set()
    return set(session.scalars(select(Product.id).where(Product.company_id == company_id,
                                                        Product.id.in_(product_ids))))


def live_products(session: Session, company_id: int, product_ids: set[int]) -> list[Product]:
    """The products a price is made of: archived and deleted ones do not count (upstream's
    soft-delete scope), each once, in id order."""
    if not product_ids:
        return []
    return list(session.scalars(select(Product).where(
        Product.company_id == company_id, Product.id.in_(product_ids), Product.deleted_at.is_(None),
    ).order_by(Product.id)))


def document_in_company(session: Session, model: type[Invoice] | type[RecurringInvoice], company_id: int,
                        document_id: int) -> Invoice | RecurringInvoice | None:
    return session.scalar(select(model).where(model.id == document_id, model.company_id == company_id))


def in_company(session: Session, company_id: int, subscription_id: int | None) -> bool:
    """Whether the subscription is the company's (archived and deleted ones count, as upstream)."""
    if subscription_id is None:
        return False
    return session.scalar(select(Subscription.id).where(Subscription.id == subscription_id,
                                                        Subscription.company_id == company_id)) is not None
