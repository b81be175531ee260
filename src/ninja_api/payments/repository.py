from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import Payment

COMPLETED = 4


def unapplied(session: Session, client_id: int) -> list[Payment]:
    """The client's completed payments with money not yet applied to an invoice, oldest first."""
    return list(session.scalars(
        select(Payment)
        .where(Payment.client_id == client_id, Payment.status_id == COMPLETED, Payment.is_deleted.is_(False),
               Payment.amount > Payment.applied, Payment.amount > 0)
        .order_by(Payment.created_at, Payment.id)
    ))
