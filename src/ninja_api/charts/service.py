"""The dashboard's totals and chart series, shaped as upstream's ChartService answers them.

Upstream returns raw MySQL rows: sums of DECIMAL(20,6) columns are strings with six places,
quotients (amount / exchange rate) ten, products (amount * exchange rate) twelve; counts are
numbers. The key `999` holds every currency converted to the company's.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from ninja_api.charts import repository as repo
from ninja_api.charts.repository import Scope
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import unauthorized
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_date
from ninja_api.statics.data import statics

ALL_CURRENCIES = "999"
DATE_RANGES = ("last7_days", "last30_days", "last365_days", "this_month", "last_month", "this_quarter",
               "last_quarter", "this_year", "last_year", "all_time", "custom")
SUM_PLACES = 6       # SUM(DECIMAL(20,6))
QUOTIENT_PLACES = 10  # DECIMAL(20,6) / DECIMAL(20,6): MySQL adds div_precision_increment (4)
PRODUCT_PLACES = 12   # DECIMAL(20,6) * DECIMAL(20,6)


def today() -> date:
    """Upstream's now(): the application clock, UTC."""
    return datetime.now(timezone.utc).date()


@dataclass(frozen=True)
class Period:
    start: str
    end: str
    first: date
    last: date


# --- the request: date_range / start_date / end_date ---


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _months_back(day: date, months: int) -> date:
    """Carbon's sub*NoOverflow: the same day-of-month, clamped to the target month's length."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _financial_year_start(now: date, first_month, previous: bool) -> date:
    try:
        month = int(first_month)
    except (TypeError, ValueError):
        month = now.month  # Carbon's createFromDate with no month keeps the current one
    if not 1 <= month <= 12:
        month = now.month
    start = date(now.year, month, 1)
    if not previous:
        return start.replace(year=start.year - 1) if now < start else start
    start = start.replace(year=start.year - 1)
    try:
        year_ago = now.replace(year=now.year - 1)
    except ValueError:  # 29 February
        year_ago = now.replace(year=now.year - 1, day=28)
    return start.replace(year=start.year - 1) if year_ago < start else start


def range_dates(name, given_start, given_end, first_month_of_year, now: date) -> tuple:
    """MakesDates::calculateStartAndEndDates: Y-m-d strings (custom passes the given ones through)."""
    def ymd(value: date) -> str:
        return value.isoformat()

    if name == "last7_days":
        return ymd(now - timedelta(days=7)), ymd(now)
    if name == "last30_days":
        return ymd(now - timedelta(days=30)), ymd(now)
    if name == "last365_days":
        return ymd(now - timedelta(days=365)), ymd(now)
    if name == "last_month":
        previous = _months_back(now, 1)
        return ymd(previous.replace(day=1)), ymd(_month_end(previous))
    if name == "this_quarter":
        start = _quarter_start(now)
        return ymd(start), ymd(_month_end(_months_back(start, -2)))
    if name == "last_quarter":
        start = _quarter_start(_months_back(now, 3))
        return ymd(start), ymd(_month_end(_months_back(start, -2)))
    if name in ("this_year", "last_year"):
        start = _financial_year_start(now, first_month_of_year, name == "last_year")
        return ymd(start), ymd(start.replace(year=start.year + 1) - timedelta(days=1))
    if name == "custom":
        return given_start, given_end
    # this_month, all_time and anything else: the current month
    return ymd(now.replace(day=1)), ymd(_month_end(now))


def period(inp: RequestInput, ctx: AuthContext, now: date | None = None) -> Period:
    """ShowChartRequest: authorises, fills the dates in, then validates them (422 in Laravel's bag)."""
    if not (ctx.is_admin or ctx.has_permission("view_dashboard")):
        raise unauthorized()
    now = now or today()
    date_range, start, end = inp.get("date_range"), inp.get("start_date"), inp.get("end_date")
    if date_range is not None:
        start, end = range_dates(date_range, start, end, ctx.company.first_month_of_year, now)
    if start is None:
        start = (now - timedelta(days=20)).isoformat()
    if end is None:
        end = now.isoformat()
    errors = Errors()
    if date_range is not None:
        if not isinstance(date_range, str):
            errors.must_be("date_range", "a string")
        elif date_range not in DATE_RANGES:
            errors.invalid_choice("date_range")
    first, last = _as_day(start), _as_day(end)
    if first is None:
        errors.add("start_date", "The start date is not a valid date.")
    if last is None:
        errors.add("end_date", "The end date is not a valid date.")
    errors.raise_if_any()
    return Period(start=start, end=end, first=first, last=last)


def _as_day(value) -> date | None:
    return as_date(value) if isinstance(value, str) else None


# --- currencies ---


def _company_currency(ctx: AuthContext) -> int:
    return _signed((ctx.company.settings or {}).get("currency_id")) or 1


def _signed(value) -> int:
    """MySQL's CAST(text AS SIGNED): the leading integer of the text, 0 when there is none."""
    text = str(value).strip() if value is not None else ""
    sign, digits = 1, ""
    if text[:1] in "+-" and text:
        sign, text = (-1 if text[0] == "-" else 1), text[1:]
    for char in text:
        if not char.isdigit():
            break
        digits += char
    return sign * int(digits) if digits else 0


def _loose_id(value) -> int | None:
    """A stored id as PHP's loose comparison against integers sees it (None when it matches none)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except ArithmeticError:
        return None
    return int(number) if number.is_finite() and number == number.to_integral_value() else None


def _client_currency(raw, company_currency: int) -> int:
    return company_currency if raw is None else _signed(raw)


def currency_codes(session: Session, ctx: AuthContext) -> dict[int, str]:
    """The company's currency, its clients' and its expenses', in upstream's order (by name)."""
    user_id = None if ctx.is_admin else ctx.user_id
    wanted = {_loose_id(v) for v in repo.client_currency_values(session, ctx.company_id, user_id)}
    wanted.add(_company_currency(ctx))
    wanted.update(repo.expense_currency_ids(session, ctx.company_id, user_id))
    found = [c for c in statics()["currencies"] if int(c["id"]) in wanted]
    found.sort(key=lambda c: c["name"].casefold())
    return {int(c["id"]): c["code"] for c in found}


# --- rendering ---


def _places(value: Decimal | None, places: int) -> str | None:
    if value is None:
        return None
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if value == 0:
        value = value.copy_abs()
    return format(value, "f")


def _divided(amount, rate) -> Decimal | None:
    """amount / rate as MySQL computes it per row (NULL when the rate is zero)."""
    rate = repo.as_decimal(rate)
    if rate == 0:
        return None
    return (repo.as_decimal(amount) / rate).quantize(Decimal(1).scaleb(-QUOTIENT_PLACES), rounding=ROUND_HALF_UP)


def _add(total: Decimal | None, part: Decimal | None) -> Decimal | None:
    """SQL SUM: NULL parts are skipped, and a sum of nothing but NULL is NULL."""
    if part is None:
        return total
    return part if total is None else total + part


def _scope(ctx: AuthContext, when: Period) -> Scope:
    return Scope(company_id=ctx.company_id, start=when.first, end=when.last,
                 user_id=None if ctx.is_admin else ctx.user_id)


# --- totals ---


def totals(session: Session, ctx: AuthContext, when: Period) -> dict:
    scope = _scope(ctx, when)
    company_currency = _company_currency(ctx)
    currencies = currency_codes(session, ctx)
    invoiced = repo.invoiced_totals(session, scope)
    outstanding = repo.outstanding_totals(session, scope)
    revenue = repo.revenue_totals(session, scope)
    expenses = repo.expense_totals(session, scope)

    invoiced_by = defaultdict(Decimal)
    for raw, _rate, amount in invoiced:
        invoiced_by[_client_currency(raw, company_currency)] += repo.as_decimal(amount)
    outstanding_by: dict[int, list] = defaultdict(lambda: [Decimal(0), 0])
    for raw, _rate, balance, count in outstanding:
        bucket = outstanding_by[_client_currency(raw, company_currency)]
        bucket[0] += repo.as_decimal(balance)
        bucket[1] += int(count)
    revenue_by = defaultdict(Decimal)
    for currency_id, _rate, amount in revenue:
        if currency_id is not None:
            revenue_by[int(currency_id)] += repo.as_decimal(amount)
    expenses_by = defaultdict(Decimal)
    for currency_id, _rate, amount in expenses:
        expenses_by[company_currency if currency_id is None else int(currency_id)] += repo.as_decimal(amount)

    data: dict = {"currencies": {str(k): v for k, v in currencies.items()},
                  "start_date": when.start, "end_date": when.end}
    for currency_id, code in currencies.items():
        ident = str(currency_id)
        entry = {}
        entry["invoices"] = ({"invoiced_amount": _places(invoiced_by[currency_id], SUM_PLACES),
                              "currency_id": ident, "code": code} if currency_id in invoiced_by else {})
        entry["revenue"] = ({"paid_to_date": _places(revenue_by[currency_id], SUM_PLACES),
                             "currency_id": ident, "code": code} if currency_id in revenue_by else {})
        if currency_id in outstanding_by:
            balance, count = outstanding_by[currency_id]
            entry["outstanding"] = {"amount": _places(balance, SUM_PLACES), "outstanding_count": int(count),
                                    "currency_id": ident, "code": code}
        else:
            entry["outstanding"] = {}
        entry["expenses"] = ({"amount": _places(expenses_by[currency_id], SUM_PLACES),
                              "currency_id": ident, "code": code} if currency_id in expenses_by else {})
        data[ident] = entry

    # All currencies in the company's: upstream reset()s an empty result to false.
    company_ident = str(company_currency)
    all_invoiced = None
    for _raw, rate, amount in invoiced:
        all_invoiced = _add(all_invoiced, _divided(amount, rate))
    all_expenses = None
    for currency_id, rate, amount in expenses:
        amount = repo.as_decimal(amount)
        all_expenses = _add(all_expenses, amount if currency_id == company_currency
                            else amount * repo.as_decimal(rate))
    all_outstanding, outstanding_count = None, 0
    for _raw, rate, balance, count in outstanding:
        all_outstanding = _add(all_outstanding, _divided(balance, rate))
        outstanding_count += int(count)
    all_revenue = None
    for _currency_id, rate, amount in revenue:
        all_revenue = _add(all_revenue, _divided(amount, rate))
    data[ALL_CURRENCIES] = {
        "invoices": ({"invoiced_amount": _places(all_invoiced, QUOTIENT_PLACES), "currency_id": company_ident}
                     if invoiced else False),
        "expense": {"amount": _places(all_expenses, PRODUCT_PLACES)} if expenses else False,
        "outstanding": {"amount": _places(all_outstanding, QUOTIENT_PLACES), "outstanding_count": outstanding_count,
                        "currency_id": company_ident if outstanding else None},
        "revenue": {"paid_to_date": _places(all_revenue, QUOTIENT_PLACES)} if revenue else False,
    }
    return data


# --- chart series ---


def _series(rows, currency_of, amount_of, places: int, label: str = "total",
            extra: int | str | None = None) -> list[dict]:
    """Sums `amount_of(row)` per day (days ascending) over the rows `currency_of` keeps."""
    by_day: dict[date, Decimal | None] = {}
    for row in rows:
        if not currency_of(row):
            continue
        day = row[0]
        by_day[day] = _add(by_day.get(day), amount_of(row)) if day in by_day else amount_of(row)
    result = []
    for day in sorted(by_day):
        item = {label: _places(by_day[day], places), "date": day.isoformat()}
        if extra is not None:
            item["currency_id"] = extra
        result.append(item)
    return result


def chart_summary(session: Session, ctx: AuthContext, when: Period) -> dict:
    scope = _scope(ctx, when)
    company_currency = _company_currency(ctx)
    currencies = currency_codes(session, ctx)
    invoices = repo.invoice_series(session, scope)
    payments = repo.payment_series(session, scope)
    expenses = repo.expense_series(session, scope)

    def in_currency(currency_id: int):
        return lambda row: _client_currency(row[1], company_currency) == currency_id

    def own_currency(currency_id: int):
        return lambda row: (company_currency if row[1] is None else int(row[1])) == currency_id

    def amount(index: int):
        return lambda row: repo.as_decimal(row[index])

    everything = lambda row: True  # noqa: E731

    data: dict = {"start_date": when.start, "end_date": when.end}
    for currency_id in currencies:
        # Invoice series carry the currency as a number, payment and expense series as text
        # (upstream binds the company currency as an integer in one and as a string in the other).
        data[str(currency_id)] = {
            "invoices": _series(invoices, in_currency(currency_id), amount(3), SUM_PLACES, extra=currency_id),
            "outstanding": _series(invoices, in_currency(currency_id), amount(4), SUM_PLACES, extra=currency_id),
            "payments": _series(payments, own_currency(currency_id), amount(3), SUM_PLACES,
                                extra=str(currency_id)),
            "expenses": _series(expenses, own_currency(currency_id), amount(3), SUM_PLACES,
                                extra=str(currency_id)),
        }

    def converted_expense(row):
        value = repo.as_decimal(row[3])
        return value if row[1] == company_currency else value * repo.as_decimal(row[2])

    data[ALL_CURRENCIES] = {
        "invoices": _series(invoices, everything, lambda row: _divided(row[3], row[2]), QUOTIENT_PLACES),
        "outstanding": _series(invoices, everything, lambda row: _divided(row[4], row[2]), QUOTIENT_PLACES),
        "payments": _series(payments, everything, lambda row: _divided(row[3], row[2]), QUOTIENT_PLACES,
                            extra=str(company_currency)),
        "expenses": _series(expenses, everything, converted_expense, PRODUCT_PLACES, label="amount"),
    }
    return data
