"""Credit state transitions with their effects on the client's credit balance and paid to date."""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api.activities import service as activities
from ninja_api.billing import emails, invitations
from ninja_api.billing.clone import copy_of
from ninja_api.billing import service as documents
from ninja_api.billing.settings import ClientSettings
from ninja_api.credits import repository
from ninja_api.credits.kind import APPLIED, CREDIT, DRAFT, SENT
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.models import Client, Credit
from ninja_api.webhooks import events as webhook_events
from ninja_api.numbering import lock_company


def refresh_credit_balance(session: Session, client: Client) -> None:
    """The client's credit balance: what its live credits still hold.

    Upstream adjusts it step by step; every step it takes keeps it equal to this sum, which cannot
    drift when two requests change the same client's credits."""
    session.flush()
    client.credit_balance = repository.open_credit(session, client.id)


def mark_sent(session: Session, ctx: AuthContext, credit: Credit) -> bool:
    if credit.status_id != DRAFT or credit.is_deleted:
        return False
    lock_company(session, ctx.company)
    client = documents.client_of(session, credit)
    invitations.mark_sent_now(session, CREDIT, credit)
    credit.status_id = SENT
    documents.apply_number(session, ctx, CREDIT, credit, client, ClientSettings(session, ctx.company, client))
    credit.balance = (credit.balance or Decimal(0)) + credit.amount
    refresh_credit_balance(session, client)
    webhook_events.fire(session, credit, "sent")
    return True


def mark_paid(session: Session, ctx: AuthContext, credit: Credit) -> None:
    """A credit that owes the client nothing more (balance ≤ 0) is settled by a payment of its balance."""
    from ninja_api.payments.service import settle_credit

    if credit.balance > 0 or credit.is_deleted:
        return
    mark_sent(session, ctx, credit)
    client = documents.client_of(session, credit)
    adjustment = credit.balance
    credit.balance -= adjustment
    credit.paid_to_date = (credit.paid_to_date or Decimal(0)) + adjustment
    credit.status_id = APPLIED
    # The settling payment adds its (negative) amount to the client's paid to date.
    settle_credit(session, ctx, credit, client, adjustment)
    refresh_credit_balance(session, client)


def email(session: Session, ctx: AuthContext, credit: Credit) -> None:
    emails.send(session, ctx, CREDIT, credit, "credit", mark_sent=mark_sent)


def archive(session: Session, ctx: AuthContext, credit: Credit) -> None:
    if lifecycle.archive(credit):
        activities.record(session, ctx, CREDIT.activities.archive, client_id=credit.client_id, credit_id=credit.id)


def delete(session: Session, ctx: AuthContext, credit: Credit) -> None:
    """A deleted credit no longer counts in the client's credit; a credit note's balance is paid back."""
    if credit.is_deleted:
        return
    client = documents.client_of(session, credit)
    if credit.invoice_id is not None:
        client.paid_to_date += credit.balance
    lifecycle.delete(credit)
    refresh_credit_balance(session, client)
    activities.record(session, ctx, CREDIT.activities.delete, client_id=client.id, credit_id=credit.id)


def restore(session: Session, ctx: AuthContext, credit: Credit) -> None:
    if credit.deleted_at is None and not credit.is_deleted:
        return
    client = documents.client_of(session, credit)
    if credit.is_deleted and credit.invoice_id is not None:
        client.paid_to_date -= credit.balance
    lifecycle.restore(credit)
    refresh_credit_balance(session, client)
    activities.record(session, ctx, CREDIT.activities.restore, client_id=client.id, credit_id=credit.id)


def clone(credit: Credit) -> Credit:
    """An unsaved draft copy, as `clone_to_credit` renders it: no id, number or dates."""
    return copy_of(credit, Credit, skip=("number", "date", "due_date", "partial_due_date"), status_id=DRAFT)
