"""E-mailing a document to its invitations' contacts: wording, variables, delivery records."""

from collections.abc import Callable
from html import escape

from sqlalchemy.orm import Session

from ninja_api import formatting
from ninja_api.activities import service as activities
from ninja_api.billing import mail_jobs, repository
from ninja_api.billing.kind import DocumentKind
from ninja_api.billing.schemas import portal_link
from ninja_api.billing.service import party_refs
from ninja_api.billing.settings import ClientSettings, settings_for
from ninja_api.emails import history
from ninja_api.http.auth import AuthContext
from ninja_api.mail import outbox
from ninja_api.mail.message import Mail
from ninja_api.models import Client, ClientContact
from ninja_api.settings import get_settings
from ninja_api.statics.data import date_format

REMINDERS = ("reminder1", "reminder2", "reminder3", "reminder_endless", "quote_reminder1")
# Upstream names the quote reminder's wording settings apart from every other template's.
WORDING_KEYS = {"quote_reminder1": ("email_quote_subject_reminder1", "email_quote_template_reminder1")}


def wording_keys(template: str) -> tuple[str, str]:
    """The settings holding `template`'s own subject and body."""
    return WORDING_KEYS.get(template, (f"email_subject_{template}", f"email_template_{template}"))


def default_subject(kind: DocumentKind, template: str) -> str:
    """Our own default wording; a company replaces it with its email_subject_* settings."""
    if template in REMINDERS:
        return f"Reminder: {kind.label} $number from $company.name"
    return f"New {kind.entity} $number from $company.name"


# A quote owes nothing yet: its reminder names the amount.
QUOTE_REMINDER = "A reminder: quote $number for $amount from $company.name is waiting for your answer."


def default_body(kind: DocumentKind, template: str) -> str:
    if template == "quote_reminder1":
        return (f"<p>$contact.first_name,</p><p>{QUOTE_REMINDER} Use the link below to view it.</p>"
                "<p>$view_button</p>")
    return (f"<p>$contact.first_name,</p><p>Your {kind.entity} $number for $balance from $company.name is ready. "
            "Use the link below to view it.</p><p>$view_button</p>")


def default_text(kind: DocumentKind, template: str) -> str:
    if template == "quote_reminder1":
        return f"{QUOTE_REMINDER}\n\n$view_url"
    return f"Your {kind.entity} $number for $balance from $company.name is ready.\n\n$view_url"


def variables_of(ctx: AuthContext, kind: DocumentKind, doc, client: Client, contact: ClientContact,
                 settings: ClientSettings, link: str) -> dict[str, str]:
    money = settings.money
    fmt = date_format(str(settings.get("date_format_id", "1") or "1"))
    company_name = str((ctx.company.settings or {}).get("name") or "")
    contact_name = " ".join(p for p in (contact.first_name, contact.last_name) if p)
    own = {
        "number": doc.number or "",
        "po_number": doc.po_number or "",
        "amount": money(doc.amount),
        "balance": money(doc.balance),
        "balance_due": money(doc.balance),
        "paid_to_date": money(doc.paid_to_date),
        "date": formatting.day(doc.date, fmt),
        "due_date": formatting.day(doc.due_date, fmt),
    }
    values = {f"${k}": v for k, v in own.items()}
    values.update({f"${kind.entity}.{k}": v for k, v in own.items()})
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


def compose(ctx: AuthContext, kind: DocumentKind, doc, client: Client, invitation, contact: ClientContact,
            settings: ClientSettings, template: str) -> Mail:
    link = portal_link(ctx, kind, invitation)
    values = variables_of(ctx, kind, doc, client, contact, settings, link)
    subject_key, body_key = wording_keys(template)
    subject = str(settings.get(subject_key) or "") or default_subject(kind, template)
    body = str(settings.get(body_key) or "") or default_body(kind, template)
    button = f'<a href="{escape(link)}">View {kind.label}</a>'
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
        text=_fill(default_text(kind, template), values, html=False), from_address=app.mail_from_address,
        from_name=from_name,
        reply_to=reply_to, reply_to_name=str(settings.get("reply_to_name") or "") or reply_to, bcc=bcc,
        headers={"X-Invitation": invitation.key},
    )


def send(session: Session, ctx: AuthContext, kind: DocumentKind, doc, template: str, *,
         mark_sent: Callable[[Session, AuthContext, object], object], activity: int | None = None) -> int:
    """Mark the document sent and queue one e-mail per live invitation; delivery follows the commit.

    Records `activity` (by default the kind's e-mail activity); answers how many e-mails were queued."""
    if doc.is_deleted:
        return 0
    mark_sent(session, ctx, doc)
    party = repository.party_of(session, kind, doc)
    settings = settings_for(session, ctx.company, party)
    invitations = repository.invitations_of(session, kind, [doc.id]).get(doc.id, [])
    attachments = [mail_jobs.pdf(kind, doc)] if invitations and settings.flag("pdf_email_attachment") else []
    contacts = {c.id: c for c in repository.party_contacts(session, kind.party, party.id)}
    queued = 0
    for invitation in invitations:
        contact = contacts.get(getattr(invitation, kind.contact_key))
        if contact is None or not contact.email or "@" not in contact.email:
            continue
        mail = compose(ctx, kind, doc, party, invitation, contact, settings, template)
        outbox.queue(session, mail, attachments=attachments,
                     on_failure=mail_jobs.failed(ctx.token.id, kind, doc, invitation),
                     on_sent=history.sent(ctx.company_id, ctx.user_id, getattr(doc, "client_id", None), kind.entity,
                                          doc.id))
        queued += 1
    activity = activity or kind.activities.email
    if invitations and activity:
        activities.record(session, ctx, activity, **party_refs(kind, doc),
                          **{kind.contact_key: getattr(invitations[0], kind.contact_key)})
    session.flush()
    return queued
