"""Recurring expense rules: blank, create, update, start and stop; never commits.

A recurring expense holds an expense's columns, so its input goes through the expense rules
(`expenses.service.prepare`, `check`, `fill`); on top come the schedule fields and upstream's
recurring request rules (a frequency on create, a known currency).
"""

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api.activities import service as activities
from ninja_api.billing.settings import ClientSettings
from ninja_api.expenses import service as expenses
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_int
from ninja_api.models import Client, RecurringExpense
from ninja_api.models.base import utcnow
from ninja_api.numbering import lock_company, next_number
from ninja_api.recurring import schedule
from ninja_api.recurring.service import INT_MAX, check_frequency, parse_day
from ninja_api.statics.data import currency

# Upstream's recurring expense requests override the `unique` message with the attribute "email".
NUMBER_TAKEN = "The email has already been taken."


def blank(session: Session, ctx: AuthContext) -> RecurringExpense:
    """Upstream's factory: a draft, endless, due today, taxes inclusive and by amount."""
    today = datetime.combine(utcnow().date(), time())
    row = RecurringExpense(
        company_id=ctx.company_id, user_id=ctx.user_id, status_id=schedule.DRAFT, is_deleted=False,
        invoice_documents=False, should_be_invoiced=False,
        tax_name1="", tax_rate1=Decimal(0), tax_name2="", tax_rate2=Decimal(0), tax_name3="", tax_rate3=Decimal(0),
        tax_amount1=Decimal(0), tax_amount2=Decimal(0), tax_amount3=Decimal(0),
        date=today.date(), next_send_date=today, next_send_date_client=today, payment_date=None,
        amount=Decimal(0), foreign_amount=Decimal(0), private_notes="", public_notes="", transaction_reference="",
        custom_value1="", custom_value2="", custom_value3="", custom_value4="",
        uses_inclusive_taxes=True, calculate_tax_by_amount=True, remaining_cycles=schedule.ENDLESS,
        frequency_id=None,
    )
    # Upstream answers a create from the unsaved model: no exchange rate unless the request set one.
    row.fresh_defaults = {"exchange_rate"}
    return row


def settings_of(session: Session, ctx: AuthContext, row: RecurringExpense) -> ClientSettings:
    client = session.get(Client, row.client_id) if row.client_id else None
    return ClientSettings(session, ctx.company, client)


def _check(session: Session, ctx: AuthContext, data: dict, row: RecurringExpense | None) -> None:
    errors = expenses.check(session, ctx, data, RecurringExpense, row)
    if "number" in errors.bag:
        errors.bag["number"] = [NUMBER_TAKEN]
    _check_schedule(errors, data, creating=row is None)
    value = data.get("currency_id")
    if as_int(value) is not None and currency(str(as_int(value))) is None:
        errors.invalid_choice("currency_id")
    errors.raise_if_any()


def _check_schedule(errors: Errors, data: dict, *, creating: bool) -> None:
    check_frequency(errors, data, required=creating)
    # Upstream stores these unchecked (a database error on nonsense); here they answer 422.
    cycles = data.get("remaining_cycles")
    if cycles is not None and as_int(cycles) is None:
        errors.must_be("remaining_cycles", "an integer")
    elif cycles is not None and not -INT_MAX <= as_int(cycles) <= INT_MAX:
        errors.add("remaining_cycles", f"The remaining cycles must not be greater than {INT_MAX}.")
    for field in ("next_send_date", "last_sent_date"):
        if data.get(field) not in (None, "") and parse_day(data[field]) is None:
            errors.add(field, f"The {field.replace('_', ' ')} is not a valid date.")


def _fill_schedule(row: RecurringExpense, data: dict) -> None:
    if data.get("frequency_id") is not None:
        row.frequency_id = as_int(data["frequency_id"])
    if data.get("remaining_cycles") is not None:
        row.remaining_cycles = as_int(data["remaining_cycles"])
    moment = parse_day(data.get("next_send_date"))
    if moment is not None:
        # The request's day is the schedule's day; its UTC moment follows in `_send_moment`.
        row.next_send_date = moment
        row.next_send_date_client = datetime.combine(moment.date(), time())
    if "last_sent_date" in data:
        row.last_sent_date = parse_day(data["last_sent_date"])


def _send_moment(session: Session, ctx: AuthContext, row: RecurringExpense) -> None:
    """With a client, the schedule runs at the client's send time on its day (as upstream)."""
    if row.client_id and row.next_send_date_client is not None:
        moment = schedule.send_moment(settings_of(session, ctx, row), row.next_send_date_client.date())
        if moment is not None:
            row.next_send_date = moment


def _toggles(session: Session, ctx: AuthContext, row: RecurringExpense, inp: RequestInput) -> None:
    # `send_now` is for recurring invoices only; upstream ignores it here too.
    if inp.flag("start"):
        start(session, ctx, row, inp)
    if inp.flag("stop"):
        stop(session, ctx, row, inp)


def _save(session: Session, ctx: AuthContext, row: RecurringExpense, inp: RequestInput, creating: bool):
    lock_company(session, ctx.company)
    data = expenses.prepare(session, ctx, inp.data)
    _check(session, ctx, data, None if creating else row)
    expenses.fill(row, data)
    _fill_schedule(row, data)
    _toggles(session, ctx, row, inp)
    _send_moment(session, ctx, row)
    if not row.number:
        row.number = next_number(session, ctx.company, "recurring_expense", RecurringExpense, user_id=ctx.user_id)
    session.add(row)
    session.flush()
    activities.record(session, ctx,
                      activities.CREATE_RECURRING_EXPENSE if creating else activities.UPDATE_RECURRING_EXPENSE,
                      recurring_expense_id=row.id, vendor_id=row.vendor_id, client_id=row.client_id)
    return row


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> RecurringExpense:
    return _save(session, ctx, blank(session, ctx), inp, creating=True)


def update(session: Session, ctx: AuthContext, row: RecurringExpense, inp: RequestInput) -> RecurringExpense:
    row.updated_at = utcnow()
    return _save(session, ctx, row, inp, creating=False)


# --- actions ----------------------------------------------------------------------------------


def _record(session: Session, ctx: AuthContext, row: RecurringExpense, type_id: int) -> None:
    activities.record(session, ctx, type_id, recurring_expense_id=row.id, vendor_id=row.vendor_id,
                      client_id=row.client_id)


def start(session: Session, ctx: AuthContext, row: RecurringExpense, inp=None) -> None:
    """Active again (an archived one is restored first); nothing happens once no cycles are left."""
    if (row.remaining_cycles or 0) == 0 or row.is_deleted:
        return
    if row.deleted_at is not None:
        restore(session, ctx, row)
    row.status_id = schedule.ACTIVE


def stop(session: Session, ctx: AuthContext, row: RecurringExpense, inp=None) -> None:
    if (row.status_id or schedule.DRAFT) < schedule.PAUSED:
        row.status_id = schedule.PAUSED


def archive(session: Session, ctx: AuthContext, row: RecurringExpense, inp=None) -> None:
    if lifecycle.archive(row):
        _record(session, ctx, row, activities.ARCHIVE_RECURRING_EXPENSE)


def restore(session: Session, ctx: AuthContext, row: RecurringExpense, inp=None) -> None:
    if lifecycle.restore(row):
        _record(session, ctx, row, activities.RESTORE_RECURRING_EXPENSE)


def delete(session: Session, ctx: AuthContext, row: RecurringExpense, inp=None) -> None:
    if lifecycle.delete(row):
        _record(session, ctx, row, activities.DELETE_RECURRING_EXPENSE)
