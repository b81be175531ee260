"""When a recurring document sends: frequencies, the next send date, due dates, statuses.

Dates follow Carbon as upstream uses it: months move without overflow (31 January plus a month
is the last day of February, and the schedule carries on from that day), years with overflow
(29 February plus a year is 1 March). A recurring document keeps two dates: the client's day
(`next_send_date_client`, midnight) and the UTC moment it is due (`next_send_date`), which is
that day shifted by the client's send time and the company's offset from UTC.
"""

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ninja_api.billing.keywords import add_months, php_int
from ninja_api.billing.settings import ClientSettings
from ninja_api.statics.data import timezone_names

DRAFT, ACTIVE, PAUSED, COMPLETED, PENDING = 1, 2, 3, 4, -1
ENDLESS = -1
LISTED_WHEN_ENDLESS = 10

# frequency_id → (unit, size)
FREQUENCIES: dict[int, tuple[str, int]] = {
    1: ("days", 1), 2: ("days", 7), 3: ("days", 14), 4: ("days", 28),
    5: ("months", 1), 6: ("months", 2), 7: ("months", 3), 8: ("months", 4), 9: ("months", 6),
    10: ("years", 1), 11: ("years", 2), 12: ("years", 3),
}


def add_years(day: date, years: int) -> date:
    """Carbon's addYears: 29 February in a year without one overflows to 1 March."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return day.replace(year=year)


def advance(day: date, frequency_id) -> date | None:
    """The client's day one period after `day`; None for a frequency upstream does not know."""
    found = FREQUENCIES.get(php_int(frequency_id)) if frequency_id is not None else None
    if found is None:
        return None
    unit, size = found
    try:
        if unit == "days":
            return day + timedelta(days=size)
        if unit == "months":
            return add_months(day, size)
        return add_years(day, size)
    except (OverflowError, ValueError):  # past year 9999: the schedule simply ends
        return None


def _zone(timezone_id) -> ZoneInfo:
    try:
        return ZoneInfo(timezone_names().get(str(timezone_id or "1"), "UTC"))
    except ZoneInfoNotFoundError:
        return ZoneInfo("UTC")


def send_offset(settings: ClientSettings, day: date) -> timedelta:
    """Upstream's client timezone_offset: the send hour less the company's UTC offset.

    A send time of 0 means midnight UTC, whatever the timezone (as upstream). The offset is the one
    the company's timezone has on `day`, so a summer send stays at the same local hour."""
    hour = php_int(settings.get("entity_send_time", 6))
    if hour == 0:
        return timedelta(0)
    zone = _zone((settings.company.settings or {}).get("timezone_id"))
    utc_offset = datetime.combine(day, time(12)).replace(tzinfo=zone).utcoffset() or timedelta(0)
    return timedelta(hours=hour) - utc_offset


def send_moment(settings: ClientSettings, day: date) -> datetime | None:
    """The naive UTC moment a document for the client's `day` is due (None past year 9999)."""
    try:
        return datetime.combine(day, time()) + send_offset(settings, day)
    except (OverflowError, ValueError):
        return None


def client_day(doc) -> date | None:
    value = doc.next_send_date_client
    return value.date() if isinstance(value, datetime) else value


def remaining_after_send(cycles) -> int:
    cycles = cycles or 0
    return cycles if cycles in (0, ENDLESS) else cycles - 1


def due_date(settings: ClientSettings, due_date_days, day: date) -> date | None:
    """Upstream's calculateDueDate for a document dated `day`."""
    rule = "" if due_date_days is None else str(due_date_days).strip()
    numeric = _number(rule)
    if rule in ("terms", "") or numeric == 0:
        terms = settings.get("payment_terms", "")
        if terms is None or str(terms) == "":
            return None
        try:
            return day + timedelta(days=php_int(terms))
        except (OverflowError, ValueError):
            return None
    if rule == "on_receipt":
        return day
    # Anything else names a day of the month; upstream fails on words, this answers no due date.
    return day_of_month(day, int(numeric)) if numeric is not None else None


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) < 1e9 else None


def day_of_month(day: date, wanted: int) -> date:
    """The next `wanted` day of a month strictly after `day` (upstream's setDayOfMonth).

    The day is clamped into `day`'s month; when that is not later than `day` it moves a month on
    (without overflow, from the clamped day); 31 always means the month's last day."""
    last = calendar.monthrange(day.year, day.month)[1]
    target = date(day.year, day.month, min(max(wanted, 1), last))
    if target <= day:
        if (target.year, target.month) == (9999, 12):
            return target
        target = add_months(target, 1)
    if wanted == 31:
        target = target.replace(day=calendar.monthrange(target.year, target.month)[1])
    return target


def is_future(moment: datetime | None, now: datetime) -> bool:
    return moment is not None and moment > now


def calculated_status(doc, now: datetime, *, new: bool) -> int:
    """Upstream's calculateStatus, run on every save."""
    cycles = doc.remaining_cycles or 0
    if cycles == 0:
        return COMPLETED
    if new and doc.status_id == ACTIVE and is_future(doc.next_send_date, now):
        return PENDING
    if doc.status_id == COMPLETED:
        return ACTIVE
    return doc.status_id


def listed_dates(doc, settings: ClientSettings) -> list[dict]:
    """`recurring_dates` (`?show_dates=true`): the coming send dates with their due dates.

    As upstream lists them: from the client's next day, as many as the cycles left (ten when
    endless), each next one worked out from the previous shown day (a day later first when the
    send offset is negative)."""
    day = client_day(doc)
    cycles = doc.remaining_cycles or 0
    if doc.status_id == COMPLETED or cycles == 0 or doc.next_send_date is None or day is None:
        return []
    shown = []
    for _ in range(LISTED_WHEN_ENDLESS if cycles == ENDLESS else cycles):
        due = due_date(settings, doc.due_date_days, day)
        shown.append({"send_date": day.isoformat(), "due_date": due.isoformat() if due else ""})
        offset = send_offset(settings, day)
        start = day + timedelta(days=1) if offset < timedelta(0) and day < date.max else day
        following = advance(start, doc.frequency_id)
        if following is None:
            break
        try:
            day = (datetime.combine(following, time()) + offset).date()
        except OverflowError:
            break
    return shown
