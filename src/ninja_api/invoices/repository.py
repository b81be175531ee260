"""The invoice queries the document core does not share; always within one company."""

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ninja_api.models import Invoice, Quote


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
