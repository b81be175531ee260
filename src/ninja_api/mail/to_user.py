"""Mail to the user who made the request: files they asked for (zips, rendered templates)."""

from html import escape

from sqlalchemy.orm import Session

from ninja_api.http.auth import AuthContext
from ninja_api.mail import outbox
from ninja_api.mail.message import Mail
from ninja_api.settings import get_settings


def queue_for_user(session: Session, ctx: AuthContext, *, subject: str, text: str, attachments: list[dict]) -> None:
    """`attachments` are rendered by the mail job (see `mail.outbox`)."""
    app = get_settings()
    company_name = str((ctx.company.settings or {}).get("name") or "")
    outbox.queue(session, Mail(
        to=ctx.user.email, to_name=" ".join(p for p in (ctx.user.first_name, ctx.user.last_name) if p),
        subject=subject, html=f"<p>{escape(text)}</p>", text=text, from_address=app.mail_from_address,
        from_name=company_name or app.mail_from_name,
    ), attachments=attachments)
