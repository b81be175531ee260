"""The invoice queries the document core does not share; always within one company."""

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ninja_api.models import Invoice, Payment, Paymentable, Quote
from ninja_api.models.payment import INVOICE_TYPE


def payments_by_invoice(session: Session, invoice_ids: list[int]) -> dict[int, list[Payment]]:
    rows = session.execute(
        select(Paymentable.paymentable_id, Payment)
        .join(Payment, Payment.id == Paymentable.payment_id)
        .where(Paymentable.paymentable_type == INVOICE_TYPE, Paymentable.paymentable_id.in_(invoice_ids),
               Paymentable.deleted_at.is_(None))
        .order_by(Payment.id)
    )
    grouped: dict[int, list] = defaultdict(list)
    for invoice_id, payment in rows:
        if payment not in grouped[invoice_id]:
            grouped[invoice_id].append(payment)
    return grouped


def invoice_pivots(session: Session, invoice_id: int, include_trashed: bool = False) -> list[Paymentable]:
    query = select(Paymentable).where(Paymentable.paymentable_type == INVOICE_TYPE, Paymentable.paymentable_id == invoice_id)
    if not include_trashed:
        query = query.where(Paymentable.deleted_at.is_(None))
    return list(session.scalars(query.order_by(Paymentable.id)))


def pivots_of_payment(session: Session, payment_id: int) -> list[Paymentable]:
    return list(session.scalars(
        select(Paymentable).where(Paymentable.payment_id == payment_id, Paymentable.deleted_at.is_(None))
    ))


def paymentables_by_payment(session: Session, payment_ids: list[int]) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in session.scalars(
        select(Paymentable).where(Paymentable.payment_id.in_(payment_ids), Paymentable.deleted_at.is_(None))
        .order_by(Paymentable.id)
    ):
        grouped[row.payment_id].append(row)
    return grouped


def open_balance(session: Session, client_id: int) -> Decimal:
    """What the client owes: balances of its sent and partial invoices that are not deleted."""
    total = session.scalar(
        select(func.coalesce(func.sum(Invoice.balance), 0)).where(
            Invoice.client_id == client_id, Invoice.status_id.in_((2, 3)), Invoice.is_deleted.is_(False)
        )
    )
    return total if isinstance(total, Decimal) else Decimal(str(total or 0))


def quotes_converted_to(session: Session, invoice_id: int) -> list[Quote]:
    return list(session.scalars(select(Quote).where(Quote.invoice_id == invoice_id)))
