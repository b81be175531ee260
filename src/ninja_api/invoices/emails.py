"""E-mailing an invoice to its invitations' contacts: template choice, wording, delivery records."""

from html import escape

from sqlalchemy.orm import Session

from ninja_api import formatting
from ninja_api.activities import service as activities
from ninja_api.http.auth import AuthContext
from ninja_api.billing import repository as documents
from ninja_api.invoices import downloads, reminders
from ninja_api.invoices.kind import INVOICE
from ninja_api.billing.settings import ClientSettings
from ninja_api.billing.schemas import portal_base
from ninja_api.mail import outbox
from ninja_api.mail.message import Mail
from ninja_api.models import Client, ClientContact, Invoice, InvoiceInvitation, SystemLog
from ninja_api.settings import get_settings
from ninja_api.statics.data import date_format

TEMPLATES = ("invoice", "reminder1", "reminder2", "reminder3", "reminder_endless", "custom1", "custom2", "custom3")

# Our own default wording; a company replaces it with its email_subject_* / email_template_* settings.
DEFAULT_SUBJECTS = {
    "invoice": "New invoice $number from $company.name",
    "reminder1": "Reminder: Invoice $number from $company.name",
    "reminder2": "Reminder: Invoice $number from $company.name",
    "reminder3": "Reminder: Invoice $number from $company.name",
    "reminder_endless": "Reminder: Invoice $number from $company.name",
}
DEFAULT_BODY = (
    "<p>$contact.first_name,</p>"
    "<p>Your invoice $number for $balance from $company.name is ready. Use the link below to view it.</p>"
    "<p>$view_button</p>"
)
TEXT_BODY = "Your invoice $number for $balance from $company.name is ready.\n\n$view_url"

EMAIL_FAILED_ACTIVITY = 57
MAIL_CATEGORY, MAIL_SEND_EVENT, FAILURE_TYPE = 2, 30, 303

def template_name(requested, invoice: Invoice, settings: ClientSettings) -> str:
    if requested in ("endless_reminder", "reminder_endless"):
        return "reminder_endless"
    if requested in TEMPLATES:
        return requested
    return reminders.template_for_today(invoice, settings)


def variables_of(ctx: AuthContext, invoice: Invoice, client: Client, contact: ClientContact, settings: ClientSettings,
            link: str) -> dict[str, str]:
    money = settings.money
    fmt = date_format(str(settings.get("date_format_id", "1") or "1"))
    company_name = str((ctx.company.settings or {}).get("name") or "")
    contact_name = " ".join(p for p in (contact.first_name, contact.last_name) if p)
    invoice_values = {
        "number": invoice.number or "",
        "po_number": invoice.po_number or "",
        "amount": money(invoice.amount),
        "balance": money(invoice.balance),
        "balance_due": money(invoice.balance),
        "paid_to_date": money(invoice.paid_to_date),
        "date": formatting.day(invoice.date, fmt),
        "due_date": formatting.day(invoice.due_date, fmt),
    }
    values = {f"${k}": v for k, v in invoice_values.items()}
    values.update({f"$invoice.{k}": v for k, v in invoice_values.items()})
    values.update({
        "$client.name": client.name or contact_name, "$client": client.name or contact_name,
        "$client_name": client.name or contact_name,
        "$contact.first_name": contact.first_name or "", "$first_name": contact.first_name or "",
        "$contact.last_name": contact.last_name or "", "$last_name": contact.last_name or "",
        "$contact.name": contact_name, "$contact.full_name": contact_name, "$contact.email": contact.email or "",
        "$company.name": company_name, "$company": company_name,
        "$view_url": link, "$invitation.link": link,
    })
    return values


def _fill(template: str, values: dict[str, str], *, html: bool) -> str:
    # Longest names first, so `$invoice.number` is not read as `$invoice` followed by `.number`.
    for name in sorted(values, key=len, reverse=True):
        template = template.replace(name, escape(values[name]) if html else values[name])
    return template


def compose(ctx: AuthContext, invoice: Invoice, client: Client, invitation: InvoiceInvitation,
            contact: ClientContact, settings: ClientSettings, template: str) -> Mail:
    link = f"{portal_base(ctx)}/client/invoice/{invitation.key}"
    values = variables_of(ctx, invoice, client, contact, settings, link)
    subject = str(settings.get(f"email_subject_{template}") or "") or DEFAULT_SUBJECTS.get(template, "") \
        or DEFAULT_SUBJECTS["invoice"]
    body = str(settings.get(f"email_template_{template}") or "") or DEFAULT_BODY
    button = f'<a href="{escape(link)}">View Invoice</a>'
    html = _fill(body, values, html=True).replace("$view_button", button).replace("$view_link", button)
    signature = str(settings.get("email_signature") or "")
    if signature:
        html += f"<p>{_fill(signature, values, html=True)}</p>"
    app = get_settings()
    from_name = str(settings.get("email_from_name") or "") or values["$company.name"] or app.mail_from_name
    reply_to = str(settings.get("reply_to_email") or "")
    bcc = [a.strip() for a in str(settings.get("bcc_email") or "").split(",") if "@" in a]
    return Mail(
        # A line break in a header would be refused by the mail library: the subject is one line.
        to=contact.email, to_name=values["$contact.name"], subject=" ".join(_fill(subject, values, html=False).split()),
        html=html,
        text=_fill(TEXT_BODY, values, html=False), from_address=app.mail_from_address, from_name=from_name,
        reply_to=reply_to, reply_to_name=str(settings.get("reply_to_name") or "") or reply_to, bcc=bcc,
        headers={"X-Invitation": invitation.key},
    )


def _failure_recorder(ctx: AuthContext, invoice: Invoice, invitation: InvoiceInvitation):
    def record(session: Session, error: str) -> None:
        activities.record(session, ctx, EMAIL_FAILED_ACTIVITY, notes=error, client_id=invoice.client_id,
                          client_contact_id=invitation.client_contact_id, invoice_id=invoice.id)
        session.add(SystemLog(company_id=ctx.company_id, user_id=ctx.user_id, client_id=invoice.client_id,
                              category_id=MAIL_CATEGORY, event_id=MAIL_SEND_EVENT, type_id=FAILURE_TYPE, log=error))
        stored = session.get(InvoiceInvitation, invitation.id)
        if stored is not None:
            stored.email_status = "bounced"
            stored.email_error = error

    return record


def send(session: Session, ctx: AuthContext, invoice: Invoice, requested_template=None) -> None:
    """Mark the invoice sent and queue one e-mail per live invitation; delivery follows the commit."""
    from ninja_api.invoices import actions

    if invoice.is_deleted:
        return
    actions.mark_sent(session, ctx, invoice)
    client = session.get(Client, invoice.client_id)
    settings = ClientSettings(session, ctx.company, client)
    template = template_name(requested_template, invoice, settings)
    invitations = documents.invitations_of(session, INVOICE, [invoice.id]).get(invoice.id, [])
    attachments = []
    if invitations and settings.flag("pdf_email_attachment"):
        attachments.append((downloads.filename(invoice), downloads.pdf_of(session, ctx, invoice), "application/pdf"))
    contacts = {c.id: c for c in documents.live_contacts(session, client.id)}
    for invitation in invitations:
        contact = contacts.get(invitation.client_contact_id)
        if contact is None or not contact.email or "@" not in contact.email:
            continue
        mail = compose(ctx, invoice, client, invitation, contact, settings, template)
        mail.attachments = list(attachments)
        outbox.queue(session, mail, _failure_recorder(ctx, invoice, invitation))
    if invitations:
        activities.record(session, ctx, activities.EMAIL_INVOICE, client_id=client.id, invoice_id=invoice.id,
                          client_contact_id=invitations[0].client_contact_id)
    session.flush()
