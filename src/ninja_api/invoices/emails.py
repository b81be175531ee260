"""E-mailing an invoice: which template applies (the reminders decide), then the shared document mail."""

from sqlalchemy.orm import Session

from ninja_api.billing import emails
from ninja_api.billing.settings import ClientSettings
from ninja_api.http.auth import AuthContext
from ninja_api.invoices import reminders
from ninja_api.invoices.kind import INVOICE
from ninja_api.models import Client, Invoice

TEMPLATES = ("invoice", "reminder1", "reminder2", "reminder3", "reminder_endless", "custom1", "custom2", "custom3")


def template_name(requested, invoice: Invoice, settings: ClientSettings) -> str:
    if requested in ("endless_reminder", "reminder_endless"):
        return "reminder_endless"
    if requested in TEMPLATES:
        return requested
    return reminders.template_for_today(invoice, settings)


def send(session: Session, ctx: AuthContext, invoice: Invoice, requested_template=None) -> None:
    from ninja_api.invoices import actions

    if invoice.is_deleted:
        return
    # The due date that decides the reminder template is set when the invoice is marked sent.
    actions.mark_sent(session, ctx, invoice)
    settings = ClientSettings(session, ctx.company, session.get(Client, invoice.client_id))
    emails.send(session, ctx, INVOICE, invoice, template_name(requested_template, invoice, settings),
                mark_sent=actions.mark_sent)
