"""Reminder rules: which e-mail template applies today, and the schedule as upstream describes it."""

import calendar
from datetime import date, timedelta

from ninja_api.billing.reminders import INVOICE_SCHEDULES, falls_on
from ninja_api.billing.settings import ClientSettings
from ninja_api.models import Invoice

# Recurring frequency id → (label, how far the next endless reminder lies).
FREQUENCIES = {
    "1": ("Daily", ("days", 1)), "2": ("Weekly", ("days", 7)), "3": ("Two weeks", ("days", 14)),
    "4": ("Four weeks", ("days", 28)), "5": ("Monthly", ("months", 1)), "6": ("Two months", ("months", 2)),
    "7": ("Three months", ("months", 3)), "8": ("Four months", ("months", 4)), "9": ("Six months", ("months", 6)),
    "10": ("Annually", ("months", 12)), "11": ("Two years", ("months", 24)), "12": ("Three Years", ("months", 36)),
}
SCHEDULES = {"after_invoice_date": "After the invoice date", "before_due_date": "Before the due date",
             "after_due_date": "After the due date"}
LABELS = ("First Reminder", "Second Reminder", "Third Reminder")


def add_months(day: date, months: int) -> date:
    """Carbon's addMonthsNoOverflow: the 31st plus a month is the last day of the shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_endless(last: date | None, frequency_id) -> date | None:
    found = FREQUENCIES.get(str(frequency_id or ""))
    if last is None or found is None:
        return None
    unit, size = found[1]
    return last + timedelta(days=size) if unit == "days" else add_months(last, size)


def template_for_today(invoice: Invoice, settings: ClientSettings, today: date | None = None) -> str:
    """The next reminder whose window is today and that has not gone out, else the invoice e-mail.

    Upstream does not look at enable_reminderN here: the schedule alone decides.
    """
    today = today or settings.today()
    for n in (1, 2, 3):
        schedule, days = settings.get(f"schedule_reminder{n}"), settings.get(f"num_days_reminder{n}")
        if not getattr(invoice, f"reminder{n}_sent") and falls_on(invoice, INVOICE_SCHEDULES, schedule, days, today):
            return f"reminder{n}"
    if next_endless(invoice.reminder_last_sent, settings.get("endless_reminder_frequency_id")) == today:
        return "reminder_endless"
    return "invoice"


def schedule_text(settings: ClientSettings) -> str:
    """`reminder_schedule`: one line per reminder, in upstream's English wording."""
    def sends(flag: str) -> str:
        return "Send Email Enabled" if settings.flag(flag) else "Send Email Disabled"

    lines = []
    for n, label in enumerate(LABELS, start=1):
        schedule = str(settings.get(f"schedule_reminder{n}") or "")
        if schedule in ("", "disabled") or schedule not in SCHEDULES:
            lines.append(f"{label}: Disabled")
        else:
            # Upstream reads enable_reminder2 for all three numbered reminders; kept as it answers.
            lines.append(f"{label}: {settings.get(f'num_days_reminder{n}')} Days {SCHEDULES[schedule]} "
                         f"[{sends('enable_reminder2')}]")
    frequency = str(settings.get("endless_reminder_frequency_id") or "")
    if not settings.flag("enable_reminder_endless") or frequency in ("", "0"):
        lines.append("Endless Reminders: Disabled")
    else:
        label = FREQUENCIES.get(frequency, ("", None))[0]
        lines.append(f"Endless Reminders: {label} [{sends('enable_reminder_endless')}]")
    return "".join(f"{line}<br>" for line in lines)
