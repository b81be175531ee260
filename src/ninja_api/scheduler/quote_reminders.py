"""Quote reminders, run by the scheduler for a moment `now`, as invoice reminders are (`reminders.py`).

A sent quote (not approved or converted, not archived, of a live client in an enabled company)
whose first-reminder day is today in its client's calendar is claimed once: the claim stamps
`reminder1_sent`, and only a quote without it can be claimed, so the reminder goes out once ever
whichever process gets there first. It is e-mailed with the `quote_reminder1` wording when
`enable_quote_reminder1` and `send_reminders` are on, records activity 142 and fires webhook 64.
As upstream, a disabled reminder is still stamped, and quotes carry no late fee.
"""

from datetime import datetime

from sqlalchemy.orm import Session

from ninja_api.activities.service import QUOTE_REMINDER1_SENT
from ninja_api.billing import emails
from ninja_api.models import Quote
from ninja_api.quotes import actions, reminders
from ninja_api.quotes.kind import QUOTE
from ninja_api.scheduler import reminding
from ninja_api.webhooks import events as webhook_events


def remind(session: Session, quote_id: int, company_id: int, now: datetime) -> str | None:
    """Claim and handle today's reminder of one quote; the template, or None. Does not commit."""
    company, quote, _client, settings = reminding.load(session, Quote, quote_id, company_id)
    today = settings.day_of(now)
    if not reminders.due_today(quote, settings, today):
        return None
    unsent = (Quote.reminder1_sent.is_(None) & (Quote.status_id == actions.SENT) & Quote.is_deleted.is_(False)
              & Quote.deleted_at.is_(None))
    stamp = {"reminder1_sent": today, "reminder_last_sent": today, "last_sent_date": today}
    if not reminding.claim(session, Quote, quote, unsent, stamp):
        return None
    if settings.flag("enable_quote_reminder1") and settings.flag("send_reminders"):
        ctx = reminding.actor(session, company, quote)
        if emails.send(session, ctx, QUOTE, quote, reminders.TEMPLATE, mark_sent=actions.mark_sent,
                       activity=QUOTE_REMINDER1_SENT):
            webhook_events.fire(session, quote, "remind")
    session.flush()
    return reminders.TEMPLATE


def run(session: Session, now: datetime, env) -> dict[str, list[int]]:
    """Every quote reminder due at `now`; commits per quote; never raises for one quote."""
    found = reminding.candidates(session, Quote, Quote.status_id == actions.SENT, Quote.reminder1_sent.is_(None))
    return reminding.run_each(session, found, remind, now, env, "quote")
