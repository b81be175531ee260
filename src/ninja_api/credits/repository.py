"""The credit queries the document core does not share; always within one company."""

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ninja_api.models import Credit, Invoice


def invoice_in_company(session: Session, company_id: int, invoice_id: int | None) -> Invoice | None:
    if invoice_id is None:
        return None
    return session.scalar(select(Invoice).where(Invoice.id == invoice_id, Invoice.company_id == company_id))


def credited_amount(session: Session, invoice_id: int) -> Decimal:
    """What the live credit notes of an invoice already reverse (archived and deleted ones do not count)."""
    total = session.scalar(select(func.coalesce(func.sum(Credit.amount), 0))
                           .where(Credit.invoice_id == invoice_id, Credit.deleted_at.is_(None)))
    return total if isinstance(total, Decimal) else Decimal(str(total or 0))


def open_credit(session: Session, client_id: int) -> Decimal:
    """What the client's credits still hold: balances of its credits that are not deleted."""
    total = session.scalar(select(func.coalesce(func.sum(Credit.balance), 0))
                           .where(Credit.client_id == client_id, Credit.is_deleted.is_(False)))
    return total if isinstance(total, Decimal) else Decimal(str(total or 0))
