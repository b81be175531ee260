"""Every dashboard sum, as SQL aggregates: rows come back grouped, never one per document.

Each query groups by currency and exchange rate as well as what the answer groups by, so the
service can render per-currency sums and the all-currencies (company currency) sums from the
same rows without dividing in SQL (SQLite keeps money as integer millionths, where SQL
division would truncate).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from ninja_api.models import Client, Expense, Invoice, Payment
from ninja_api.models.types import Money
from ninja_api.portable_sql import json_text

# Invoice statuses: 2 sent, 3 partial, 4 paid. Payment statuses: 1 pending, 4 completed,
# 5 partially refunded, 6 refunded.
INVOICED = (2, 3, 4)
OUTSTANDING = (2, 3)
REVENUE_PAYMENTS = (1, 4, 5, 6)
CHARTED_PAYMENTS = (4, 5, 6)


@dataclass(frozen=True)
class Scope:
    company_id: int
    start: date
    end: date
    # Users who are not admins see only what they created.
    user_id: int | None = None


def _sum(expression):
    return func.sum(type_coerce(expression, Money()), type_=Money())


def _client_currency():
    return json_text(Client.settings, "currency_id")


def _invoices(scope: Scope, statuses):
    conditions = [
        Invoice.company_id == scope.company_id,
        Invoice.is_deleted.is_(False),
        Client.is_deleted.is_(False),
        Invoice.status_id.in_(statuses),
        Invoice.date.between(scope.start, scope.end),
    ]
    if scope.user_id is not None:
        conditions.append(Client.user_id == scope.user_id)
    return conditions


def _payments(scope: Scope, statuses):
    conditions = [
        Payment.company_id == scope.company_id,
        Payment.is_deleted.is_(False),
        Payment.status_id.in_(statuses),
        Payment.date.between(scope.start, scope.end),
    ]
    if scope.user_id is not None:
        conditions.append(Payment.user_id == scope.user_id)
    return conditions


def _expenses(scope: Scope):
    conditions = [
        Expense.company_id == scope.company_id,
        Expense.is_deleted.is_(False),
        Expense.date.between(scope.start, scope.end),
    ]
    if scope.user_id is not None:
        conditions.append(Expense.user_id == scope.user_id)
    return conditions


# --- the currencies the company deals in ---


def client_currency_values(session: Session, company_id: int, user_id: int | None) -> list:
    """Distinct `currency_id` values of the clients' own settings (archived clients too)."""
    query = select(_client_currency()).distinct().where(Client.company_id == company_id,
                                                        Client.is_deleted.is_(False))
    if user_id is not None:
        query = query.where(Client.user_id == user_id)
    return list(session.scalars(query))


def expense_currency_ids(session: Session, company_id: int, user_id: int | None) -> list:
    query = select(Expense.currency_id).distinct().where(Expense.company_id == company_id,
                                                         Expense.is_deleted.is_(False))
    if user_id is not None:
        query = query.where(Expense.user_id == user_id)
    return list(session.scalars(query))


# --- totals: (currency, exchange rate) → sums ---


def invoiced_totals(session: Session, scope: Scope) -> list[tuple]:
    """(client currency as stored, exchange rate, sum of amounts) of sent, partial and paid invoices."""
    currency = _client_currency()
    query = (
        select(currency, Invoice.exchange_rate, _sum(Invoice.amount))
        .join(Client, Client.id == Invoice.client_id)
        .where(*_invoices(scope, INVOICED), Invoice.amount > 0)
        .group_by(currency, Invoice.exchange_rate)
    )
    return [tuple(row) for row in session.execute(query)]


def outstanding_totals(session: Session, scope: Scope) -> list[tuple]:
    """(client currency as stored, exchange rate, sum of balances, count) of open invoices."""
    currency = _client_currency()
    query = (
        select(currency, Invoice.exchange_rate, _sum(Invoice.balance), func.count(Invoice.id))
        .join(Client, Client.id == Invoice.client_id)
        .where(*_invoices(scope, OUTSTANDING), Invoice.balance > 0)
        .group_by(currency, Invoice.exchange_rate)
    )
    return [tuple(row) for row in session.execute(query)]


def revenue_totals(session: Session, scope: Scope) -> list[tuple]:
    """(payment currency, exchange rate, sum of amounts less refunds), clients not deleted."""
    query = (
        select(Payment.currency_id, Payment.exchange_rate, _sum(Payment.amount - Payment.refunded))
        .join(Client, Client.id == Payment.client_id)
        .where(*_payments(scope, REVENUE_PAYMENTS), Client.is_deleted.is_(False))
        .group_by(Payment.currency_id, Payment.exchange_rate)
    )
    return [tuple(row) for row in session.execute(query)]


def expense_totals(session: Session, scope: Scope) -> list[tuple]:
    """(expense currency, exchange rate, sum of amounts)."""
    query = (
        select(Expense.currency_id, Expense.exchange_rate, _sum(Expense.amount))
        .where(*_expenses(scope))
        .group_by(Expense.currency_id, Expense.exchange_rate)
    )
    return [tuple(row) for row in session.execute(query)]


# --- chart series: (date, currency, exchange rate) → sums ---


def invoice_series(session: Session, scope: Scope) -> list[tuple]:
    """(date, client currency as stored, exchange rate, sum of amounts, sum of balances)."""
    currency = _client_currency()
    query = (
        select(Invoice.date, currency, Invoice.exchange_rate, _sum(Invoice.amount), _sum(Invoice.balance))
        .join(Client, Client.id == Invoice.client_id)
        .where(*_invoices(scope, INVOICED))
        .group_by(Invoice.date, currency, Invoice.exchange_rate)
    )
    return [tuple(row) for row in session.execute(query)]


def payment_series(session: Session, scope: Scope) -> list[tuple]:
    """(date, payment currency, exchange rate, sum of amounts less refunds) of completed payments."""
    query = (
        select(Payment.date, Payment.currency_id, Payment.exchange_rate,
               _sum(Payment.amount - Payment.refunded))
        .where(*_payments(scope, CHARTED_PAYMENTS))
        .group_by(Payment.date, Payment.currency_id, Payment.exchange_rate)
    )
    return [tuple(row) for row in session.execute(query)]


def expense_series(session: Session, scope: Scope) -> list[tuple]:
    """(date, expense currency, exchange rate, sum of amounts)."""
    query = (
        select(Expense.date, Expense.currency_id, Expense.exchange_rate, _sum(Expense.amount))
        .where(*_expenses(scope))
        .group_by(Expense.date, Expense.currency_id, Expense.exchange_rate)
    )
    return [tuple(row) for row in session.execute(query)]


def as_decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(0 if value is None else str(value))
