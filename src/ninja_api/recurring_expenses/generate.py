"""A recurring expense's schedule: the dates it lists and the expense each due cycle books.

One cycle books one expense: the recurring row's columns copied, its notes' keywords (`:MONTH`,
`:YEAR`...) resolved for the cycle's day, dated that day, numbered from the expense counter, paid
that day when the company marks expenses paid, at the day's exchange rate into the company's
currency. The schedule then moves one period on from the schedule's day. Upstream moves it on
from the UTC moment instead, which shifts a client's day when its send time crosses midnight UTC;
here the day stays the client's.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ninja_api.activities import service as activities
from ninja_api.billing import keywords
from ninja_api.billing.settings import ClientSettings
from ninja_api.models import Client, Company, Expense, RecurringExpense
from ninja_api.numbering import next_number
from ninja_api.recurring import schedule
from ninja_api.scheduler.actor import actor_for
from ninja_api.statics.data import exchange_rate

COPIED = (
    "user_id", "assigned_user_id", "client_id", "vendor_id", "invoice_id", "currency_id", "company_id", "bank_id",
    "should_be_invoiced", "tax_name1", "tax_rate1", "tax_name2", "tax_rate2", "tax_name3", "tax_rate3", "amount",
    "transaction_reference", "custom_value1", "custom_value2", "custom_value3", "custom_value4", "category_id",
    "payment_type_id", "project_id", "invoice_documents", "uses_inclusive_taxes", "calculate_tax_by_amount",
    "invoice_currency_id", "foreign_amount", "tax_amount1", "tax_amount2", "tax_amount3",
)
SIX_MONTHS = 9


def _settings(session: Session, company: Company, row: RecurringExpense) -> ClientSettings:
    return ClientSettings(session, company, session.get(Client, row.client_id) if row.client_id else None)


def listed_dates(row: RecurringExpense, settings: ClientSettings) -> list[dict]:
    """`recurring_dates` (`?show_dates=true`) as upstream lists them: starting one period after the
    next send, each from the previous one's day plus the client's send offset (six-monthly
    schedules keep the time of day, so their offsets add up)."""
    cycles = row.remaining_cycles or 0
    if row.status_id == schedule.COMPLETED or cycles == 0 or row.next_send_date is None:
        return []
    offset = schedule.send_offset(settings, row.next_send_date.date()) if settings.client else timedelta(0)
    moment, shown = row.next_send_date, []
    for _ in range(schedule.LISTED_WHEN_ENDLESS if cycles == schedule.ENDLESS else max(cycles, 0)):
        following = schedule.advance(moment.date(), row.frequency_id)
        if following is None:
            break
        kept = moment.time() if row.frequency_id == SIX_MONTHS else time()
        try:
            moment = datetime.combine(following, kept) + offset
        except OverflowError:
            break
        shown.append({"send_date": moment.date().isoformat()})
    return shown


def _day(row: RecurringExpense):
    value = row.next_send_date_client or row.next_send_date
    return value.date()


def following(row: RecurringExpense, settings: ClientSettings, now: datetime) -> dict:
    """The schedule after this cycle: a period on, one cycle fewer, sent now."""
    day = schedule.advance(_day(row), row.frequency_id)
    moment = None
    if day is not None:
        moment = schedule.send_moment(settings, day) if settings.client else datetime.combine(day, time())
    return {
        "next_send_date": moment,
        "next_send_date_client": datetime.combine(day, time()) if day is not None and moment else None,
        "last_sent_date": now,
        "remaining_cycles": schedule.remaining_after_send(row.remaining_cycles),
    }


def book(session: Session, ctx, row: RecurringExpense, settings: ClientSettings, cycle: dict) -> Expense:
    """The expense of the cycle whose day and moment `cycle` holds; does not commit."""
    expense = Expense(**{name: getattr(row, name) for name in COPIED})
    expense.is_deleted = False
    expense.recurring_expense_id = row.id
    expense.date = cycle["day"]
    for name in ("public_notes", "private_notes"):
        setattr(expense, name, keywords.expand(getattr(row, name), settings, cycle["moment"]))
    company_currency = str((ctx.company.settings or {}).get("currency_id") or "1")
    own = str(row.currency_id or company_currency)
    expense.exchange_rate = exchange_rate(own, company_currency) if own != company_currency else 1
    if ctx.company.mark_expenses_paid:
        expense.payment_date = cycle["day"]
    expense.number = next_number(session, ctx.company, "expense", Expense, user_id=row.user_id)
    session.add(expense)
    session.flush()
    activities.record(session, ctx, activities.CREATE_EXPENSE, expense_id=expense.id, vendor_id=expense.vendor_id,
                      client_id=expense.client_id)
    return expense


@dataclass(frozen=True)
class RecurringExpenseSource:
    """What the scheduler runs for recurring expenses (see `scheduler.jobs`)."""

    entity: str = "recurring_expense"
    target: str = "expense"

    def due_rows(self, session: Session, now: datetime) -> list[tuple[int, int]]:
        from ninja_api.scheduler.jobs import due_filter

        model = RecurringExpense
        enabled = exists().where(Company.id == model.company_id, Company.is_disabled.is_(False))
        query = (select(model.id, model.company_id).where(*due_filter(model, now), enabled)
                 .order_by(model.next_send_date, model.id))
        return [(r.id, r.company_id) for r in session.execute(query)]

    def send_cycle(self, session: Session, recurring_id: int, company_id: int, now: datetime):
        from ninja_api.scheduler.jobs import claim, due_filter, lock_company_row

        company = lock_company_row(session, company_id)
        model = RecurringExpense
        row = session.scalars(select(model).where(model.id == recurring_id, *due_filter(model, now))
                              .execution_options(populate_existing=True)).one_or_none()
        if row is None:
            return None
        ctx = actor_for(session, company, row.user_id)
        if ctx is None:
            raise LookupError("no active user with a token can act for this company")
        settings = _settings(session, company, row)
        cycle = {"day": _day(row), "moment": row.next_send_date}
        if not claim(session, model, row, following(row, settings, now)):
            return None
        return book(session, ctx, row, settings, cycle)


RECURRING_EXPENSES = RecurringExpenseSource()
