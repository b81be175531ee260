"""Reserved date keywords in document text (`:MONTH`, `:YEAR+1`, `[MONTHYEAR|MONTHYEAR+2]` ...).

Upstream expands them in a document's notes, terms and footer relative to a moment in the client's
timezone, formatting dates with the client's date format. The rules below follow its
`processReservedKeywords`, including how it reads arithmetic (`:MONTH+1` is next month's name,
`:YEAR-1` last year, `:QUARTER+1` a bare number) and that only the first occurrence of each token
is replaced per token found. Month names are English (the only locale this server carries) and
month arithmetic never overflows into the following month (31 March less a month is 29 February,
where Carbon's default would give 2 March).
"""

import calendar
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ninja_api import formatting
from ninja_api.billing.settings import ClientSettings
from ninja_api.statics.data import date_format, timezone_names

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# Upstream's order matters: the first key a token starts with is the one it stands for.
KEYS = (":MONTH_BEFORE", ":YEAR_BEFORE", ":MONTH_AFTER", ":YEAR_AFTER", ":MONTHYEAR", ":MONTH", ":YEAR",
        ":QUARTER", ":WEEK_BEFORE", ":WEEK_AHEAD", ":WEEK")
_HINTS = (":MONTH", ":YEAR", ":QUARTER", ":WEEK")
_OPERATORS = "-+/*"
_OPERATION = re.compile(r"(?!^-)[+*/-](\s?-)?")
_RANGE = re.compile(r"\[(.*?)]")
_TOKEN = re.compile(r":([^:\s]+)")
_PHP_INT = re.compile(r"^\s*([+-]?\d+)")


def add_months(day: date, months: int) -> date:
    """Carbon's addMonthsNoOverflow: a day the target month lacks becomes its last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def php_int(text) -> int:
    """PHP's (int) cast of a string: its leading integer, else 0."""
    found = _PHP_INT.match(str(text))
    return int(found.group(1)) if found else 0


def _php_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def client_moment(settings: ClientSettings, moment: datetime) -> datetime:
    """A naive UTC moment as the client's clock reads it."""
    name = timezone_names().get(str(settings.get("timezone_id", "1") or "1"), "UTC")
    try:
        zone = ZoneInfo(name)
    except ZoneInfoNotFoundError:
        zone = ZoneInfo("UTC")
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)


def expand(value: str | None, settings: ClientSettings, moment: datetime) -> str:
    """`value` with its keywords resolved for the client at `moment` (naive UTC)."""
    if not value or not _has_keywords(value):
        return value or ""
    return expand_at(value, client_moment(settings, moment).date(),
                     date_format(str(settings.get("date_format_id", "1") or "1")))


def _has_keywords(value: str) -> bool:
    # Upstream looks for these (any case) before anything else; without them nothing changes,
    # not even a `[MONTHYEAR|...]` range.
    upper = value.upper()
    return any(hint in upper for hint in _HINTS)


def _literals(day: date, fmt: str) -> dict[str, str]:
    def shown(d: date) -> str:
        return formatting.day(d, fmt)

    def span(start: date, end: date) -> str:
        return f"{shown(start)} to {shown(end)}"

    year_later = add_months(day, 12)
    return {
        ":MONTH_BEFORE": span(add_months(day, -1), day - timedelta(days=1)),
        ":YEAR_BEFORE": span(add_months(day, -12), day - timedelta(days=1)),
        ":MONTH_AFTER": span(day, add_months(day, 1) - timedelta(days=1)),
        ":YEAR_AFTER": span(day, year_later - timedelta(days=1)),
        ":MONTHYEAR": f"{MONTHS[day.month - 1]} {day.year}",
        ":MONTH": MONTHS[day.month - 1],
        ":YEAR": str(day.year),
        ":QUARTER": f"Q{(day.month - 1) // 3 + 1}",
        ":WEEK_BEFORE": span(day - timedelta(days=7), day - timedelta(days=1)),
        ":WEEK_AHEAD": span(day + timedelta(days=7), day + timedelta(days=13)),
        ":WEEK": span(day, day + timedelta(days=6)),
    }


def _raw(key: str, day: date) -> int:
    """The number a key stands for in arithmetic: upstream swaps the key's known prefix for it."""
    numbers = {":MONTHYEAR": day.month, ":MONTH": day.month, ":YEAR": day.year, ":QUARTER": (day.month - 1) // 3 + 1}
    for name in sorted(numbers, key=len, reverse=True):
        if key.startswith(name):
            return php_int(f"{numbers[name]}{key[len(name):]}")
    return php_int(key)


def _month_year(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _ranges(value: str, day: date) -> str:
    """`[MONTHYEAR|MONTHYEAR+2]` → "March 2024 to May 2024"."""
    first = day.replace(day=1)
    for match in [m.group(0) for m in _RANGE.finditer(value)]:
        if "|" not in match:
            continue
        parts = match.split("|")
        left, right = parts[0][1:], parts[1][:-1]
        if left != "MONTHYEAR":
            continue
        plain = right.replace("</", "")
        end = ""
        if not any(op in plain for op in _OPERATORS):
            end = _month_year(first)
        if "+" in plain:
            operation = _OPERATION.search(right).group(0)
            end = _month_year(add_months(first, php_int(right.split(operation)[1])))
        value = value.replace(match, f"{_month_year(first)} to {end}", 1)
    return value


def expand_at(value: str, day: date, fmt: str) -> str:
    """The keywords of `value` for the client's calendar day `day`, dates shown in PHP format `fmt`."""
    if not value or not _has_keywords(value):
        return value or ""
    try:
        return _expanded(value, day, fmt)
    except (OverflowError, ValueError):  # a date next to year 1 or 9999: the text stays as written
        return value


def _expanded(value: str, day: date, fmt: str) -> str:
    literals = _literals(day, fmt)
    value = _ranges(value, day)
    for token in [m.group(0) for m in _TOKEN.finditer(value)]:
        key = next((k for k in KEYS if token.startswith(k)), None)
        if key is None:
            continue
        if not any(op in token.replace("</", "") for op in _OPERATORS):
            value = value.replace(key, literals[key], 1)
            continue
        operation = _OPERATION.search(token).group(0)
        operand = token.split(operation)[1]
        raw, amount = _raw(key, day), php_int(operand)
        output: int | float | str = raw + amount
        if operation == "-":
            output = raw - amount
        if operation == "/" and amount != 0:
            output = raw / amount if raw % amount else raw // amount
        if operation == "*":
            output = raw * amount
        if key == ":MONTH":
            output = MONTHS[(int(output) - 1) % 12]
        if key == ":MONTHYEAR":
            output = _month_year(add_months(day, int(output) - day.month))
        value = value.replace(f"{key}{operation}{re.sub(r'[^0-9]', '', operand)}", _php_text(output), 1)
    return value
