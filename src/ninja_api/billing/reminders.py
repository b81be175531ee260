"""The day a document's reminder falls on: so many days after its date, or before or after its due date."""

from datetime import date, datetime, timedelta

# A schedule setting's value → the date it counts from and which way `num_days` goes.
INVOICE_SCHEDULES = {"after_invoice_date": ("date", 1), "before_due_date": ("due_date", -1),
                     "after_due_date": ("due_date", 1)}
QUOTE_SCHEDULES = {"after_quote_date": ("date", 1), "before_valid_until_date": ("due_date", -1),
                   "after_valid_until_date": ("due_date", 1)}


def _day(value) -> date | None:
    # A quote keeps its valid-until date as DATETIME.
    return value.date() if isinstance(value, datetime) else value


def falls_on(doc, schedules: dict, schedule, days, today: date) -> bool:
    try:
        offset = int(days or 0)
    except (TypeError, ValueError):
        return False
    found = schedules.get(schedule) if isinstance(schedule, str) else None
    if found is None:
        return False
    base_name, direction = found
    if base_name == "date":
        base = doc.date
    else:
        # A partial payment's own due date replaces the document's, as upstream reads it.
        base = doc.partial_due_date if (doc.partial or 0) > 0 and doc.partial_due_date else doc.due_date
    base = _day(base)
    return base is not None and base + timedelta(days=direction * offset) == today
