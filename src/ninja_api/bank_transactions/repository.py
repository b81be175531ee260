"""Every query bank matching needs; always scoped to one company."""

from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ninja_api.expenses.repository import related  # noqa: F401  (the includes of transactions and rules)
from ninja_api.models import (BankTransaction, BankTransactionRule, Client, ClientContact, Expense, Invoice,
                              Payment)

OPEN_INVOICE_STATUSES = (1, 2, 3)  # draft, sent, partial
UNAPPLIED_PAYMENT_STATUSES = (1, 4)  # pending, completed


def live_in_company(session: Session, model, company_id: int, key: int) -> bool:
    return session.scalar(select(model.id).where(model.id == key, model.company_id == company_id,
                                                 model.is_deleted.is_(False))) is not None


def transactions(session: Session, company_id: int, keys, *, lock: bool = False) -> list[BankTransaction]:
    """Live transactions of the company among `keys`, by id (locked for a match)."""
    query = select(BankTransaction).where(BankTransaction.company_id == company_id, BankTransaction.id.in_(keys),
                                          BankTransaction.is_deleted.is_(False)).order_by(BankTransaction.id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return list(session.scalars(query))


def among(company_id: int, keys: list[int]):
    """The query of the company's transactions among `keys` (what `/match` answers with)."""
    return select(BankTransaction).where(BankTransaction.company_id == company_id,
                                         BankTransaction.id.in_(keys or [0]))


def unmatched(session: Session, company_id: int) -> list[BankTransaction]:
    return list(session.scalars(select(BankTransaction).where(
        BankTransaction.company_id == company_id, BankTransaction.status_id == 1,
        BankTransaction.is_deleted.is_(False)).order_by(BankTransaction.id)))


def invoices_of(session: Session, company_id: int, keys) -> list[Invoice]:
    """The company's invoices among `keys`, locked and read again, by id (trashed ones too, as upstream)."""
    return list(session.scalars(select(Invoice).where(Invoice.company_id == company_id, Invoice.id.in_(keys))
                                .order_by(Invoice.id).with_for_update().execution_options(populate_existing=True)))


def payment_in_company(session: Session, company_id: int, key: int) -> Payment | None:
    return session.scalar(select(Payment).where(Payment.id == key, Payment.company_id == company_id)
                          .with_for_update())


def expenses_of(session: Session, company_id: int, keys) -> list[Expense]:
    return list(session.scalars(select(Expense).where(Expense.company_id == company_id, Expense.id.in_(keys))
                                .order_by(Expense.id)))


def release_expenses(session: Session, company_id: int, keys) -> None:
    session.execute(update(Expense).where(Expense.company_id == company_id, Expense.id.in_(keys))
                    .values(transaction_id=None).execution_options(synchronize_session="fetch"))


def payment_of_transaction(session: Session, company_id: int, key: int | None) -> Payment | None:
    if key is None:
        return None
    return session.scalar(select(Payment).where(Payment.id == key, Payment.company_id == company_id))


def active_rules(session: Session, company_id: int, applies_to: str) -> list[BankTransactionRule]:
    """Rules neither archived nor deleted, oldest first (upstream's soft-delete scope hides the rest)."""
    return list(session.scalars(select(BankTransactionRule).where(
        BankTransactionRule.company_id == company_id, BankTransactionRule.applies_to == applies_to,
        BankTransactionRule.deleted_at.is_(None)).order_by(BankTransactionRule.id)))


# --- what a credit line may name ------------------------------------------------------------------


def _open_invoices(company_id: int):
    return select(Invoice).where(Invoice.company_id == company_id, Invoice.is_deleted.is_(False),
                                 Invoice.status_id.in_(OPEN_INVOICE_STATUSES))


def invoice_named_in(session: Session, company_id: int, text: str) -> Invoice | None:
    """The first open invoice whose number the text contains (as upstream scans them, by id).

    The containment is tested in SQL so that a company's millions of invoices never load."""
    flat = text.replace("\n", "")
    named = (_position(session, text, Invoice.number) > 0) | (_position(session, flat, Invoice.number) > 0)
    query = _open_invoices(company_id).where(Invoice.number.is_not(None), Invoice.number != "", named)
    return session.scalar(query.order_by(Invoice.id).limit(1))


def _position(session: Session, haystack: str, needle):
    # A function, not LIKE: an invoice number may hold % or _.
    if session.get_bind().dialect.name == "postgresql":
        return func.strpos(haystack, needle)
    return func.instr(haystack, needle)


def invoices_with_po_number(session: Session, company_id: int, po_number: str) -> list[Invoice]:
    return list(session.scalars(_open_invoices(company_id).where(Invoice.po_number == po_number)
                                .order_by(Invoice.id).limit(100)))


def invoices_by_amount(session: Session, company_id: int, operator: str, amount: Decimal) -> list[Invoice]:
    return list(session.scalars(_open_invoices(company_id).where(_compare(Invoice.amount, operator, amount))
                                .order_by(Invoice.id).limit(100)))


def unlinked_payments_by_amount(session: Session, company_id: int, operator: str, amount: Decimal) -> list[Payment]:
    return list(session.scalars(_unlinked_payments(company_id).where(_compare(Payment.amount, operator, amount))
                                .order_by(Payment.id).limit(100)))


def unlinked_payments_by_reference(session: Session, company_id: int, text: str, contains: bool) -> list[Payment]:
    column = Payment.transaction_reference
    clause = column.contains(text, autoescape=True) if contains else column == text
    return list(session.scalars(_unlinked_payments(company_id).where(clause).order_by(Payment.id).limit(100)))


def _unlinked_payments(company_id: int):
    return select(Payment).where(Payment.company_id == company_id, Payment.is_deleted.is_(False),
                                 Payment.status_id.in_(UNAPPLIED_PAYMENT_STATUSES), Payment.transaction_id.is_(None))


def clients_by_id_number(session: Session, company_id: int, text: str, contains: bool) -> list[Client]:
    clause = Client.id_number.contains(text, autoescape=True) if contains else Client.id_number == text
    return list(session.scalars(select(Client).where(Client.company_id == company_id, clause)
                                .order_by(Client.id).limit(100)))


def clients_by_contact_email(session: Session, company_id: int, email: str) -> list[Client]:
    return list(session.scalars(select(Client).where(
        Client.company_id == company_id,
        Client.id.in_(select(ClientContact.client_id).where(ClientContact.company_id == company_id,
                                                            ClientContact.email == email)))
        .order_by(Client.id).limit(100)))


def _compare(column, operator: str, value: Decimal):
    return {">": column > value, ">=": column >= value, "<": column < value, "<=": column <= value}.get(
        operator, column == value)
