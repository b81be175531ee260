"""Credit rules: create, update, and what they trigger, on the shared document core; never commits."""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.billing import service as documents
from ninja_api.billing.settings import ClientSettings
from ninja_api.credits import repository
from ninja_api.credits.kind import CREDIT, DRAFT
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ValidationFailed
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import as_decimal
from ninja_api.models import Credit, Invoice

# Credits take inclusive taxes from the client's settings; the request cannot set them.
NOT_WRITABLE = ("uses_inclusive_taxes", "invoice_id")


def blank(session: Session, ctx: AuthContext) -> Credit:
    return documents.blank(ctx, CREDIT)


def _lines_total(items) -> Decimal:
    total = Decimal(0)
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            total += (as_decimal(item.get("cost")) or 0) * (as_decimal(item.get("quantity")) or 0)
    return total


def _reversed_invoice(session: Session, ctx: AuthContext, data: dict) -> Invoice | None:
    """The invoice a credit note reverses: it must have money on it that the credit does not exceed."""
    raw = data.get("invoice_id")
    if not raw:
        return None
    invoice = repository.invoice_in_company(session, ctx.company_id, ids.decode(raw) if isinstance(raw, str) else None)
    if invoice is None:
        raise ValidationFailed({"invoice_id": ["The selected invoice id is invalid."]})
    if invoice.balance >= invoice.amount:
        raise ValidationFailed({"invoice_id": ["Cannot reverse an invoice with no payment applied."]})
    already = repository.credited_amount(session, invoice.id)
    if _lines_total(data.get("line_items")) > invoice.amount - invoice.balance - already:
        raise ValidationFailed({"invoice_id": ["Credit cannot exceed the payment / credits already applied to invoice."]})
    return invoice


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Credit:
    from ninja_api.credits import actions

    # Upstream cleans the lines of every new credit, so a credit sent without any has none.
    inp.data.setdefault("line_items", [])
    invoice = _reversed_invoice(session, ctx, inp.data)
    credit, client, settings = documents.create(session, ctx, CREDIT, inp, deleted_clients=True,
                                                also_drop=NOT_WRITABLE, client_notes_win=False)
    if invoice is not None:
        credit.invoice_id = invoice.id
    # Credits draw their number when saved, whatever counter_number_applied says.
    documents.apply_number(session, ctx, CREDIT, credit, client, settings)
    session.flush()
    run_toggles(session, ctx, credit, inp)
    if credit.invoice_id is not None:
        actions.mark_sent(session, ctx, credit)
        client.paid_to_date -= credit.balance
    session.flush()
    return credit


def update(session: Session, ctx: AuthContext, credit: Credit, inp: RequestInput) -> Credit:
    before = credit.balance
    client, settings = documents.update(session, ctx, CREDIT, credit, inp, also_drop=NOT_WRITABLE)
    if credit.status_id != DRAFT and credit.balance != before:
        client.credit_balance += credit.balance - before
    documents.apply_number(session, ctx, CREDIT, credit, client, settings)
    documents.finish_update(session, ctx, CREDIT, credit, client, inp)
    run_toggles(session, ctx, credit, inp)
    return credit


def run_toggles(session: Session, ctx: AuthContext, credit: Credit, inp: RequestInput) -> None:
    """Actions a create or update asks for in its query or body, in upstream's order."""
    from ninja_api.credits import actions

    if inp.flag("send_email"):
        actions.email(session, ctx, credit)
    if inp.flag("mark_sent"):
        actions.mark_sent(session, ctx, credit)
    documents.save_defaults(ctx, CREDIT, credit, inp)
    if inp.flag("mark_paid"):
        actions.mark_paid(session, ctx, credit)
    session.flush()


def delete(session: Session, ctx: AuthContext, credit: Credit) -> None:
    from ninja_api.credits import actions

    actions.delete(session, ctx, credit)


def settings_of(session: Session, ctx: AuthContext, credit: Credit) -> ClientSettings:
    return ClientSettings(session, ctx.company, documents.client_of(session, credit))
