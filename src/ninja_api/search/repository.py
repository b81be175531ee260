"""The rows the global search lists: bounded, newest first, never deleted ones."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import Client, Invoice

CLIENT_LIMIT = 1000
INVOICE_LIMIT = 3000


def clients(session: Session, company_id: int, user_id: int | None) -> list[Client]:
    """Clients not deleted (archived ones too), most recently updated first."""
    query = (select(Client).where(Client.company_id == company_id, Client.is_deleted.is_(False))
             .order_by(Client.updated_at.desc(), Client.id.desc()).limit(CLIENT_LIMIT))
    if user_id is not None:
        query = query.where(Client.user_id == user_id)
    return list(session.scalars(query))


def invoices(session: Session, company_id: int, user_id: int | None) -> list[tuple]:
    """(invoice id, number, client) of invoices not deleted whose client is not deleted, newest first."""
    query = (select(Invoice.id, Invoice.number, Client)
             .join(Client, Client.id == Invoice.client_id)
             .where(Invoice.company_id == company_id, Invoice.is_deleted.is_(False), Client.is_deleted.is_(False))
             .order_by(Invoice.id.desc()).limit(INVOICE_LIMIT))
    if user_id is not None:
        query = query.where(Invoice.user_id == user_id)
    return [tuple(row) for row in session.execute(query)]
