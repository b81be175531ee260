"""What a document's mail job renders and records, by name (see `mail.outbox`)."""

import io
import zipfile

from sqlalchemy.orm import Session

from ninja_api.activities import service as activities
from ninja_api.billing import downloads
from ninja_api.billing.kind import DocumentKind
from ninja_api.jobs import registry
from ninja_api.mail.message import Mail
from ninja_api.models import Company, SystemLog
from ninja_api.scheduler.actor import actor_by_token

EMAIL_FAILED_ACTIVITY = 57
MAIL_CATEGORY, MAIL_SEND_EVENT, FAILURE_TYPE = 2, 30, 303


def kind_named(entity: str) -> DocumentKind:
    from ninja_api.credits.kind import CREDIT
    from ninja_api.invoices.kind import INVOICE
    from ninja_api.purchase_orders.kind import PURCHASE_ORDER
    from ninja_api.quotes.kind import QUOTE
    from ninja_api.recurring_invoices.kind import RECURRING_INVOICE_DOCUMENT
    from ninja_api.recurring_quotes.kind import RECURRING_QUOTE_DOCUMENT

    kinds = (INVOICE, CREDIT, QUOTE, PURCHASE_ORDER, RECURRING_INVOICE_DOCUMENT, RECURRING_QUOTE_DOCUMENT)
    return next(k for k in kinds if k.entity == entity)


def _documents(session: Session, kind: DocumentKind, doc_ids: list[int]) -> list:
    rows = [session.get(kind.model, doc_id) for doc_id in doc_ids]
    return [row for row in rows if row is not None]


def pdf(kind: DocumentKind, doc) -> dict:
    """The attachment of `doc`'s PDF, rendered when the mail leaves."""
    return {"fn": "billing.pdf", "entity": kind.entity, "ids": [doc.id]}


def pdf_zip(kind: DocumentKind, docs: list, name: str) -> dict:
    return {"fn": "billing.pdf_zip", "entity": kind.entity, "ids": [d.id for d in docs], "name": name}


@registry.named("billing.pdf")
def render_pdfs(session: Session, args: dict) -> list[tuple[str, bytes, str]]:
    kind = kind_named(args["entity"])
    return [(downloads.filename(kind, doc), downloads.pdf_of(session, session.get(Company, doc.company_id), kind, doc),
             "application/pdf") for doc in _documents(session, kind, args["ids"])]


@registry.named("billing.pdf_zip")
def render_zip(session: Session, args: dict) -> list[tuple[str, bytes, str]]:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content, _ in render_pdfs(session, args):
            zipped.writestr(name, content)
    return [(args["name"], archive.getvalue(), "application/zip")]


def failed(token_id: int, kind: DocumentKind, doc, invitation) -> tuple[str, dict]:
    return "billing.mail_failed", {"token_id": token_id, "entity": kind.entity, "id": doc.id,
                                   "invitation_id": invitation.id}


@registry.named("billing.mail_failed")
def record_failure(session: Session, args: dict, mail: Mail, error: str) -> None:
    """Upstream's record of a mail that did not leave: an activity, a system log, a bounced invitation."""
    kind = kind_named(args["entity"])
    doc = session.get(kind.model, args["id"])
    invitation = session.get(kind.invitation_model, args["invitation_id"])
    ctx = actor_by_token(session, args["token_id"])
    if doc is None or ctx is None:
        return
    client_id = getattr(doc, "client_id", None)
    refs = {kind.parent_key: doc.id}
    if invitation is not None:
        refs[kind.contact_key] = getattr(invitation, kind.contact_key)
        invitation.email_status = "bounced"
        invitation.email_error = error
    activities.record(session, ctx, EMAIL_FAILED_ACTIVITY, notes=error, client_id=client_id, **refs)
    session.add(SystemLog(company_id=ctx.company_id, user_id=ctx.user_id, client_id=client_id,
                          category_id=MAIL_CATEGORY, event_id=MAIL_SEND_EVENT, type_id=FAILURE_TYPE, log=error))
