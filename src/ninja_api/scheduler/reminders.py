"""Invoice reminders, run by the scheduler for a moment `now`: no HTTP, a session and the jobs environment.

An open invoice (sent or partial, with a balance, not archived, of a live client in an enabled
company) whose reminder window is today in its client's calendar gets that reminder once: the
reminder is claimed with an UPDATE that only matches while the invoice has not had a reminder
today, so two processes running at once send it once. A claimed reminder adds the late fee its
settings ask for (a "Fee" line, the balance and ledger follow) and, when the reminder is enabled
and `send_reminders` is on, is e-mailed to the invoice's contacts after the commit.

Unlike upstream, which stores the next reminder moment on each invoice, the window is worked out
from the settings on every run; each run therefore reads every open invoice once.
"""

from datetime import datetime

from sqlalchemy import or_
from sqlalchemy.orm import Session

from ninja_api import formatting
from ninja_api.billing.settings import ClientSettings
from ninja_api.billing.totals import recalculate
from ninja_api.calc import late_fee
from ninja_api.http.validation import as_decimal
from ninja_api.invoices import emails, reminders
from ninja_api.invoices.service import refresh_client_balance
from ninja_api.models import Invoice
from ninja_api.scheduler import reminding
from ninja_api.webhooks import events as webhook_events
from ninja_api.statics.data import date_format

SENT, PARTIAL = 2, 3
FEE_SETTINGS = {"reminder1": "late_fee_amount1", "reminder2": "late_fee_amount2", "reminder3": "late_fee_amount3",
                "reminder_endless": "late_fee_endless_amount"}


def open_invoices(session: Session) -> list[tuple[int, int]]:
    return reminding.candidates(session, Invoice, Invoice.status_id.in_((SENT, PARTIAL)), Invoice.balance > 0)


def _fee(settings: ClientSettings, template: str, invoice: Invoice):
    amount_key = FEE_SETTINGS[template]
    percent_key = amount_key.replace("amount", "percent")
    return late_fee(as_decimal(settings.get(amount_key, 0)) or 0, as_decimal(settings.get(percent_key, 0)) or 0,
                    partial=invoice.partial or 0, balance=invoice.balance)


def remind(session: Session, invoice_id: int, company_id: int, now: datetime) -> str | None:
    """Claim and handle today's reminder of one invoice; the template sent, or None. Does not commit."""
    company, invoice, client, settings = reminding.load(session, Invoice, invoice_id, company_id)
    today = settings.day_of(now)
    template = reminders.template_for_today(invoice, settings, today)
    if template not in FEE_SETTINGS:
        return None
    stamp = {"reminder_last_sent": today}
    if template != "reminder_endless":
        stamp[f"{template}_sent"] = today
    not_today = or_(Invoice.reminder_last_sent.is_(None), Invoice.reminder_last_sent != today)
    if not reminding.claim(session, Invoice, invoice, not_today, stamp):
        return None
    ctx = reminding.actor(session, company, invoice)
    fee = _fee(settings, template, invoice)
    if fee is not None and fee > 0:
        fmt = date_format(str(settings.get("date_format_id", "1") or "1"))
        invoice.line_items = [*(invoice.line_items or []), {
            "type_id": "5", "product_key": "Fee", "quantity": "1", "cost": format(fee, "f"),
            "notes": f"Late fee added on {formatting.day(today, fmt)}"}]
        recalculate(invoice, settings)
        refresh_client_balance(session, ctx, client, invoice, f"Late Fee Adjustment for invoice {invoice.number}")
    if settings.flag(f"enable_{template}") and settings.flag("send_reminders"):
        emails.send(session, ctx, invoice, template)
        webhook_events.fire(session, invoice, "remind")
    session.flush()
    return template


def run(session: Session, now: datetime, env) -> dict[str, list[int]]:
    """Every reminder due at `now`; commits per invoice; never raises for one invoice."""
    return reminding.run_each(session, open_invoices(session), remind, now, env, "invoice")
