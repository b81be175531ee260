"""Activity and ledger rows, written in the same unit of work as the change they describe."""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api.http.auth import AuthContext
from ninja_api.models import Activity, Client, CompanyLedger

CREATE_CLIENT = 1
ARCHIVE_CLIENT = 2
DELETE_CLIENT = 3
CREATE_INVOICE = 4
UPDATE_INVOICE = 5
EMAIL_INVOICE = 6
ARCHIVE_INVOICE = 8
DELETE_INVOICE = 9
CREATE_PAYMENT = 10
CREATE_CREDIT = 14
UPDATE_CREDIT = 15
ARCHIVE_CREDIT = 16
DELETE_CREDIT = 17
CREATE_QUOTE = 18
UPDATE_QUOTE = 19
EMAIL_QUOTE = 20
ARCHIVE_QUOTE = 22
DELETE_QUOTE = 23
RESTORE_QUOTE = 24
RESTORE_CREDIT = 28
RESTORE_INVOICE = 25
RESTORE_CLIENT = 26
MARK_SENT_INVOICE = 53
PAID_INVOICE = 54
REVERSED_INVOICE = 58
CANCELLED_INVOICE = 59
UPDATE_CLIENT = 61
CREATE_RECURRING_INVOICE = 100
UPDATE_RECURRING_INVOICE = 101
ARCHIVE_RECURRING_INVOICE = 102
DELETE_RECURRING_INVOICE = 103
RESTORE_RECURRING_INVOICE = 104
CREATE_RECURRING_QUOTE = 110
UPDATE_RECURRING_QUOTE = 111
ARCHIVE_RECURRING_QUOTE = 112
DELETE_RECURRING_QUOTE = 113
RESTORE_RECURRING_QUOTE = 114
CREATE_VENDOR = 30
UPDATE_VENDOR = 62
CREATE_EXPENSE = 34
UPDATE_EXPENSE = 47
ARCHIVE_EXPENSE = 35
DELETE_EXPENSE = 36
RESTORE_EXPENSE = 37
CREATE_RECURRING_EXPENSE = 120
UPDATE_RECURRING_EXPENSE = 121
ARCHIVE_RECURRING_EXPENSE = 122
DELETE_RECURRING_EXPENSE = 123
RESTORE_RECURRING_EXPENSE = 124
USER_NOTE = 141
QUOTE_REMINDER1_SENT = 142
CREATE_PURCHASE_ORDER = 130
UPDATE_PURCHASE_ORDER = 131
ARCHIVE_PURCHASE_ORDER = 132
DELETE_PURCHASE_ORDER = 133
RESTORE_PURCHASE_ORDER = 134
EMAIL_PURCHASE_ORDER = 135
ACCEPT_PURCHASE_ORDER = 137


def record(session: Session, ctx: AuthContext, type_id: int, *, ip: str | None = None, notes: str = "", **refs) -> Activity:
    activity = Activity(
        company_id=ctx.company_id,
        account_id=ctx.account_id,
        user_id=ctx.user_id,
        token_id=ctx.token.id,
        activity_type_id=type_id,
        is_system=False,
        notes=notes,
        ip=ip,
        **refs,
    )
    session.add(activity)
    return activity


def ledger(session: Session, ctx: AuthContext, client: Client, adjustment: Decimal, ledgerable_id: int,
           ledgerable_type: str, notes: str = "") -> CompanyLedger:
    """A row of the client's running balance: what changed and where it landed."""
    entry = CompanyLedger(
        company_id=ctx.company_id,
        client_id=client.id,
        user_id=ctx.user_id,
        adjustment=adjustment,
        balance=client.balance,
        notes=notes,
        company_ledgerable_id=ledgerable_id,
        company_ledgerable_type=ledgerable_type,
    )
    session.add(entry)
    return entry
