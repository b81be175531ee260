"""Template queries: what a statement lists, and the rendered previews waiting to be fetched."""

from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ninja_api.models import Client, Invoice, Payment
from ninja_api.models.template import TemplatePreview

STATEMENT_INVOICE_STATUSES = (2, 3, 4)  # sent, partial, paid
STATEMENT_PAYMENT_STATUSES = (4, 5, 6)  # completed, partially refunded, refunded
PREVIEW_LIFETIME = timedelta(hours=1)


def clients_by_id(session: Session, company_id: int, client_ids: set[int]) -> dict[int, Client]:
    if not client_ids:
        return {}
    rows = session.scalars(select(Client).where(Client.company_id == company_id, Client.id.in_(client_ids)))
    return {c.id: c for c in rows}


def invoice_numbers(session: Session, company_id: int, invoice_ids: set[int]) -> dict[int, str]:
    if not invoice_ids:
        return {}
    rows = session.execute(select(Invoice.id, Invoice.number)
                           .where(Invoice.company_id == company_id, Invoice.id.in_(invoice_ids)))
    return {i: n or "" for i, n in rows}


def statement_invoices(session: Session, client: Client, start: date, end: date) -> list[Invoice]:
    return list(session.scalars(
        select(Invoice).where(
            Invoice.company_id == client.company_id, Invoice.client_id == client.id, Invoice.is_deleted.is_(False),
            Invoice.status_id.in_(STATEMENT_INVOICE_STATUSES), Invoice.date.between(start, end),
        # Undated invoices first on every database, as MySQL sorts NULLs for upstream.
        ).order_by(Invoice.due_date.is_not(None), Invoice.due_date, Invoice.date, Invoice.id)
    ))


def statement_payments(session: Session, client: Client, start: date, end: date) -> list[Payment]:
    return list(session.scalars(
        select(Payment).where(
            Payment.company_id == client.company_id, Payment.client_id == client.id, Payment.is_deleted.is_(False),
            Payment.status_id.in_(STATEMENT_PAYMENT_STATUSES), Payment.date.between(start, end),
        ).order_by(Payment.date, Payment.id)
    ))


def open_invoices(session: Session, client: Client) -> list[tuple[date | None, object]]:
    """(due date, balance) of the client's unpaid sent invoices, for the aging table."""
    return list(session.execute(
        select(Invoice.due_date, Invoice.balance).where(
            Invoice.company_id == client.company_id, Invoice.client_id == client.id, Invoice.is_deleted.is_(False),
            Invoice.status_id.in_((2, 3)), Invoice.balance > 0,
        )
    ))


def store_preview(session: Session, company_id: int, user_id: int, key: str, pdf: bytes, now: datetime) -> None:
    # Previews nobody fetched would pile up: the stale ones go whenever a new one is stored.
    session.execute(delete(TemplatePreview).where(TemplatePreview.created_at < now - PREVIEW_LIFETIME))
    session.add(TemplatePreview(company_id=company_id, user_id=user_id, hash=key, pdf=pdf, created_at=now))
    session.flush()


def take_preview(session: Session, company_id: int, key: str) -> bytes | None:
    """The PDF stored under the hash, removed as it is handed out (it can be fetched once)."""
    row = session.scalar(select(TemplatePreview).where(TemplatePreview.company_id == company_id,
                                                       TemplatePreview.hash == key))
    if row is None:
        return None
    pdf = row.pdf
    session.delete(row)
    session.flush()
    return pdf
