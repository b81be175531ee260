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

import logging
from datetime import datetime

from sqlalchemy import exists, or_, select, update
from sqlalchemy.orm import Session

from ninja_api import formatting
from ninja_api.billing.settings import ClientSettings
from ninja_api.billing.totals import recalculate
from ninja_api.calc import late_fee
from ninja_api.http.validation import as_decimal
from ninja_api.invoices import emails, reminders
from ninja_api.invoices.service import refresh_client_balance
from ninja_api.jobs import queue
from ninja_api.models import Client, Company, Invoice
from ninja_api.scheduler.actor import actor_for
from ninja_api.webhooks import events as webhook_events
from ninja_api.statics.data import date_format

log = logging.getLogger("ninja_api.scheduler")

SENT, PARTIAL = 2, 3
FEE_SETTINGS = {"reminder1": "late_fee_amount1", "reminder2": "late_fee_amount2", "reminder3": "late_fee_amount3",
                "reminder_endless": "late_fee_endless_amount"}


def open_invoices(session: Session) -> list[tuple[int, int]]:
    live_client = exists().where(Client.id == Invoice.client_id, Client.is_deleted.is_(False),
                                 Client.deleted_at.is_(None))
    enabled = exists().where(Company.id == Invoice.company_id, Company.is_disabled.is_(False))
    query = (select(Invoice.id, Invoice.company_id)
             .where(Invoice.status_id.in_((SENT, PARTIAL)), Invoice.is_deleted.is_(False),
                    Invoice.deleted_at.is_(None), Invoice.balance > 0, live_client, enabled)
             .order_by(Invoice.id))
    return [(row.id, row.company_id) for row in session.execute(query)]


def _fee(settings: ClientSettings, template: str, invoice: Invoice):
    amount_key = FEE_SETTINGS[template]
    percent_key = amount_key.replace("amount", "percent")
    return late_fee(as_decimal(settings.get(amount_key, 0)) or 0, as_decimal(settings.get(percent_key, 0)) or 0,
                    partial=invoice.partial or 0, balance=invoice.balance)


def remind(session: Session, invoice_id: int, company_id: int, now: datetime) -> str | None:
    """Claim and handle today's reminder of one invoice; the template sent, or None. Does not commit."""
    company = session.scalars(select(Company).where(Company.id == company_id).with_for_update()
                              .execution_options(populate_existing=True)).one()
    invoice = session.scalars(select(Invoice).where(Invoice.id == invoice_id)
                              .execution_options(populate_existing=True)).one()
    client = session.get(Client, invoice.client_id)
    settings = ClientSettings(session, company, client)
    today = settings.day_of(now)
    template = reminders.template_for_today(invoice, settings, today)
    if template not in FEE_SETTINGS:
        return None
    stamp = {"reminder_last_sent": today}
    if template != "reminder_endless":
        stamp[f"{template}_sent"] = today
    claim = (update(Invoice)
             .where(Invoice.id == invoice.id,
                    or_(Invoice.reminder_last_sent.is_(None), Invoice.reminder_last_sent != today))
             .values(**stamp).execution_options(synchronize_session=False))
    if session.execute(claim).rowcount != 1:
        return None
    session.refresh(invoice)
    ctx = actor_for(session, company, invoice.user_id)
    if ctx is None:
        raise LookupError("no active user with a token can act for this company")
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
    sent: dict[str, list[int]] = {}
    candidates = open_invoices(session)
    session.rollback()
    for invoice_id, company_id in candidates:
        try:
            template = remind(session, invoice_id, company_id, now)
            env.commit(session)
        except Exception:  # one broken invoice must not stop the others
            queue.discard(session)
            session.rollback()
            log.exception("invoice %s: reminder failed", invoice_id)
            continue
        if template is not None:
            sent.setdefault(template, []).append(invoice_id)
    return sent
