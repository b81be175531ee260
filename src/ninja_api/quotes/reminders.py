"""The quote's reminder: upstream offers a first one only, with its own settings and wording."""

from datetime import date

from ninja_api.billing.reminders import QUOTE_SCHEDULES, falls_on
from ninja_api.billing.settings import ClientSettings
from ninja_api.models import Quote

TEMPLATE = "quote_reminder1"


def due_today(quote: Quote, settings: ClientSettings, today: date) -> bool:
    return quote.reminder1_sent is None and falls_on(
        quote, QUOTE_SCHEDULES, settings.get("quote_schedule_reminder1"), settings.get("quote_num_days_reminder1"),
        today)
