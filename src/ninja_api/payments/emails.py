"""Payment receipts (and refund notices) mailed to the client's contact; delivery follows the commit.

Upstream mails the contact of the payment's first invoice (the first invitation whose contact takes
e-mail, else the client's first such contact) and mails nobody for a payment with no invoice. The
wording is a company's `email_subject_payment` / `email_template_payment`, else our own default.
"""

from html import escape

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api import formatting
from ninja_api.activities import service as activities
from ninja_api.billing.settings import ClientSettings
from ninja_api.http.auth import AuthContext
from ninja_api.mail import outbox
from ninja_api.mail.message import Mail
from ninja_api.models import Client, ClientContact, Invoice, InvoiceInvitation, Payment, Paymentable
from ninja_api.models.payment import INVOICE_TYPE
from ninja_api.settings import get_settings
from ninja_api.statics.data import date_format

PAYMENT_EMAILED = 138
DEFAULT_SUBJECT = "Payment Received"
DEFAULT_BODY = "<p>$client<br><br>Thank you for your payment of $amount.<br><br>$invoices</p>"
REFUND_SUBJECT = "Refund processed"
REFUND_BODY = "<p>$client<br><br>A refund of $refunded was made on payment $number.</p>"


def _invoices(session: Session, payment: Payment) -> list[Invoice]:
    return list(session.scalars(
        select(Invoice).join(Paymentable, Paymentable.paymentable_id == Invoice.id)
        .where(Paymentable.paymentable_type == INVOICE_TYPE, Paymentable.payment_id == payment.id)
        .order_by(Paymentable.id)
    ))


def _contact(session: Session, client: Client, invoice: Invoice) -> ClientContact | None:
    invited = session.scalar(
        select(ClientContact).join(InvoiceInvitation, InvoiceInvitation.client_contact_id == ClientContact.id)
        .where(InvoiceInvitation.invoice_id == invoice.id, ClientContact.send_email.is_(True),
               ClientContact.deleted_at.is_(None))
        .order_by(InvoiceInvitation.id).limit(1)
    )
    if invited is not None:
        return invited
    return session.scalar(
        select(ClientContact).where(ClientContact.client_id == client.id, ClientContact.deleted_at.is_(None))
        .order_by(ClientContact.send_email.desc(), ClientContact.is_primary.desc(), ClientContact.id).limit(1)
    )


def _fill(template: str, values: dict[str, str], *, html: bool) -> str:
    for name in sorted(values, key=len, reverse=True):
        template = template.replace(name, escape(values[name]) if html else values[name])
    return template


def _mail(ctx: AuthContext, settings: ClientSettings, contact: ClientContact, values: dict[str, str],
          subject: str, body: str) -> Mail:
    app = get_settings()
    html = _fill(body, values, html=True)
    signature = str(settings.get("email_signature") or "")
    if signature:
        html += f"<p>{_fill(signature, values, html=True)}</p>"
    reply_to = str(settings.get("reply_to_email") or "")
    return Mail(
        to=contact.email, to_name=values["$contact.name"], subject=" ".join(_fill(subject, values, html=False).split()),
        html=html, text=_fill(body.replace("<br>", "\n"), values, html=False),
        from_address=app.mail_from_address,
        from_name=str(settings.get("email_from_name") or "") or values["$company.name"] or app.mail_from_name,
        reply_to=reply_to, reply_to_name=str(settings.get("reply_to_name") or "") or reply_to,
        bcc=[a.strip() for a in str(settings.get("bcc_email") or "").split(",") if "@" in a],
    )


def _values(ctx: AuthContext, payment: Payment, client: Client, contact: ClientContact, settings: ClientSettings,
            invoices: list[Invoice]) -> dict[str, str]:
    fmt = date_format(str(settings.get("date_format_id", "1") or "1"))
    contact_name = " ".join(p for p in (contact.first_name, contact.last_name) if p)
    company_name = str((ctx.company.settings or {}).get("name") or "")
    numbers = ", ".join(i.number or "" for i in invoices)
    own = {"number": payment.number or "", "amount": settings.money(payment.amount),
           "date": formatting.day(payment.date, fmt), "transaction_reference": payment.transaction_reference or "",
           "refunded": settings.money(payment.refunded)}
    values = {f"${k}": v for k, v in own.items()}
    values.update({f"$payment.{k}": v for k, v in own.items()})
    values.update({
        "$invoices": numbers, "$invoice.number": invoices[0].number or "" if invoices else "",
        "$client": client.name or contact_name, "$client.name": client.name or contact_name,
        "$contact.first_name": contact.first_name or "", "$contact.last_name": contact.last_name or "",
        "$contact.name": contact_name, "$contact.email": contact.email or "",
        "$company.name": company_name, "$company": company_name,
    })
    return values


def _send(session: Session, ctx: AuthContext, payment: Payment, client: Client, subject_key: str, default_subject: str,
          body_key: str | None, default_body: str, extra: dict[str, str] | None = None) -> bool:
    invoices = _invoices(session, payment)
    if not invoices:
        return False
    contact = _contact(session, client, invoices[0])
    if contact is None or not contact.email or "@" not in contact.email:
        return False
    settings = ClientSettings(session, ctx.company, client)
    values = _values(ctx, payment, client, contact, settings, invoices)
    values.update(extra or {})
    subject = str(settings.get(subject_key) or "") or default_subject
    body = (str(settings.get(body_key) or "") if body_key else "") or default_body
    outbox.queue(session, _mail(ctx, settings, contact, values, subject, body))
    activities.record(session, ctx, PAYMENT_EMAILED, client_id=client.id, client_contact_id=contact.id,
                      payment_id=payment.id)
    return True


def send_receipt(session: Session, ctx: AuthContext, payment: Payment, client: Client) -> bool:
    session.flush()
    return _send(session, ctx, payment, client, "email_subject_payment", DEFAULT_SUBJECT, "email_template_payment",
                 DEFAULT_BODY)


def send_refund(session: Session, ctx: AuthContext, payment: Payment, client: Client, total) -> bool:
    session.flush()
    settings = ClientSettings(session, ctx.company, client)
    return _send(session, ctx, payment, client, "email_subject_payment_refund", REFUND_SUBJECT, None, REFUND_BODY,
                 {"$refunded": settings.money(total)})
