"""Every query the payment rules need.

Rows a request will change are read with `lock`: SELECT ... FOR UPDATE in id order, refreshing any
copy the session already holds. A locking read sees the latest committed row (also under MariaDB's
REPEATABLE READ), and two requests that lock the same rows in the same order queue instead of
deadlocking.
"""

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ninja_api.models import Client, Credit, Invoice, Payment, Paymentable
from ninja_api.models.payment import CREDIT_TYPE, INVOICE_TYPE

PENDING, CANCELLED, FAILED, COMPLETED, PARTIALLY_REFUNDED, REFUNDED = 1, 2, 3, 4, 5, 6
# Statuses whose unapplied money counts in the client's payment balance.
BALANCE_STATUSES = (PENDING, COMPLETED, PARTIALLY_REFUNDED, REFUNDED)


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


def _group(pairs) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for key, row in pairs:
        grouped[key].append(row)
    return grouped


# --- locking reads --------------------------------------------------------------------------------


def lock(session: Session, model, row_ids, company_id: int | None = None) -> dict:
    """Lock these rows (of one company, when given) in id order and return them by id."""
    wanted = sorted({i for i in row_ids if isinstance(i, int)})
    if not wanted:
        return {}
    query = select(model).where(model.id.in_(wanted))
    if company_id is not None:
        query = query.where(model.company_id == company_id)
    rows = session.scalars(
        query.order_by(model.id).with_for_update().execution_options(populate_existing=True)
    )
    return {row.id: row for row in rows}


def lock_one(session: Session, model, row_id: int | None):
    return lock(session, model, [row_id]).get(row_id) if row_id is not None else None


def pivots(session: Session, payment_id: int, kind: str | None = None, include_trashed: bool = False,
           for_update: bool = False) -> list[Paymentable]:
    query = select(Paymentable).where(Paymentable.payment_id == payment_id)
    if kind is not None:
        query = query.where(Paymentable.paymentable_type == kind)
    if not include_trashed:
        query = query.where(Paymentable.deleted_at.is_(None))
    query = query.order_by(Paymentable.id)
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    return list(session.scalars(query))


def invoice_pivots(session: Session, invoice_id: int, include_trashed: bool = False) -> list[Paymentable]:
    query = select(Paymentable).where(Paymentable.paymentable_type == INVOICE_TYPE,
                                      Paymentable.paymentable_id == invoice_id)
    if not include_trashed:
        query = query.where(Paymentable.deleted_at.is_(None))
    return list(session.scalars(
        query.order_by(Paymentable.id).with_for_update().execution_options(populate_existing=True)
    ))


# --- validation look-ups ----------------------------------------------------------------------------


def client_in_company(session: Session, company_id: int, client_id) -> Client | None:
    if not isinstance(client_id, int):
        return None
    return session.scalar(select(Client).where(Client.id == client_id, Client.company_id == company_id))


def existing_ids(session: Session, model, row_ids) -> set[int]:
    """Which of these ids exist at all, in any company (upstream's rules look them up unscoped)."""
    wanted = {i for i in row_ids if isinstance(i, int)}
    if not wanted:
        return set()
    return set(session.scalars(select(model.id).where(model.id.in_(wanted))))


def number_taken(session: Session, company_id: int, number: str, exclude_id: int | None = None) -> bool:
    query = select(Payment.id).where(Payment.company_id == company_id, Payment.number == number)
    if exclude_id is not None:
        query = query.where(Payment.id != exclude_id)
    return session.scalar(query.limit(1)) is not None


def idempotency_key_taken(session: Session, company_id: int, key: str) -> bool:
    query = select(Payment.id).where(Payment.company_id == company_id, Payment.idempotency_key == key)
    return session.scalar(query.limit(1)) is not None


# --- money the client has on file ------------------------------------------------------------------


def unapplied(session: Session, client_id: int) -> list[Payment]:
    """The client's completed payments with money not yet applied to an invoice, oldest first."""
    return list(session.scalars(
        select(Payment)
        .where(Payment.client_id == client_id, Payment.status_id == COMPLETED, Payment.is_deleted.is_(False),
               Payment.amount > Payment.applied, Payment.amount > 0)
        .order_by(Payment.created_at, Payment.id)
        .with_for_update().execution_options(populate_existing=True)
    ))


def unapplied_total(session: Session, client_id: int) -> Decimal:
    """The client's payment balance: what its live payments hold beyond what they applied or refunded."""
    total = session.scalar(
        select(func.coalesce(func.sum(Payment.amount - Payment.applied - Payment.refunded), 0))
        .where(Payment.client_id == client_id, Payment.is_deleted.is_(False),
               Payment.status_id.in_(BALANCE_STATUSES))
    )
    return _decimal(total)


def usable_credits(session: Session, client_id: int) -> list[Credit]:
    """Credits auto-billing may spend: live (not archived or deleted) with a positive balance, oldest first."""
    return list(session.scalars(
        select(Credit)
        .where(Credit.client_id == client_id, Credit.is_deleted.is_(False), Credit.deleted_at.is_(None),
               Credit.balance > 0)
        .order_by(Credit.created_at, Credit.id)
        .with_for_update().execution_options(populate_existing=True)
    ))


# --- includes ------------------------------------------------------------------------------------


def paymentables_by_payment(session: Session, payment_ids: list[int]) -> dict[int, list[Paymentable]]:
    """The live pivot rows of each payment (trashed ones are not rendered)."""
    rows = session.scalars(
        select(Paymentable).where(Paymentable.payment_id.in_(payment_ids), Paymentable.deleted_at.is_(None))
        .order_by(Paymentable.id)
    )
    return _group((row.payment_id, row) for row in rows)


def _linked(session: Session, model, kind: str, payment_ids: list[int]) -> dict[int, list]:
    # Upstream's relation ignores the pivot's own deleted_at and includes archived and deleted rows.
    rows = session.execute(
        select(Paymentable.payment_id, model)
        .join(model, model.id == Paymentable.paymentable_id)
        .where(Paymentable.paymentable_type == kind, Paymentable.payment_id.in_(payment_ids))
        .order_by(Paymentable.id)
    )
    return _group(rows)


def invoices_by_payment(session: Session, payment_ids: list[int]) -> dict[int, list[Invoice]]:
    return _linked(session, Invoice, INVOICE_TYPE, payment_ids)


def credits_by_payment(session: Session, payment_ids: list[int]) -> dict[int, list[Credit]]:
    return _linked(session, Credit, CREDIT_TYPE, payment_ids)


def invoice_numbers(session: Session, payment_id: int) -> list[str]:
    rows = session.scalars(
        select(Invoice.number).join(Paymentable, Paymentable.paymentable_id == Invoice.id)
        .where(Paymentable.paymentable_type == INVOICE_TYPE, Paymentable.payment_id == payment_id)
        .order_by(Paymentable.id)
    )
    return [n or "" for n in rows]


def payments_by_invoice(session: Session, invoice_ids: list[int]) -> dict[int, list[Payment]]:
    rows = session.execute(
        select(Paymentable.paymentable_id, Payment)
        .join(Payment, Payment.id == Paymentable.payment_id)
        .where(Paymentable.paymentable_type == INVOICE_TYPE, Paymentable.paymentable_id.in_(invoice_ids))
        .order_by(Paymentable.id)
    )
    return _group(rows)


def payments_by_client(session: Session, client_ids: list[int]) -> dict[int, list[Payment]]:
    rows = session.scalars(select(Payment).where(Payment.client_id.in_(client_ids)).order_by(Payment.id))
    return _group((row.client_id, row) for row in rows)
