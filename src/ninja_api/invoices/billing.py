"""auto_bill: settle an invoice from what the client already paid, as upstream's auto-billing does.

Upstream then charges a stored gateway token for whatever is left. This server has no payment
gateways, so no token can be charged and the rest stays on the invoice, as upstream leaves it when
the client has no token.
"""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api.calc import calculated_status
from ninja_api.http.auth import AuthContext
from ninja_api.invoices import actions
from ninja_api.billing.settings import ClientSettings
from ninja_api.invoices.service import DRAFT, PARTIAL, SENT, adjust_client
from ninja_api.models import Client, Invoice
from ninja_api.payments import repository as payments
from ninja_api.payments.service import apply_to_invoice


def auto_bill(session: Session, ctx: AuthContext, invoice: Invoice) -> None:
    if invoice.is_deleted or invoice.status_id not in (DRAFT, SENT, PARTIAL):
        return
    actions.mark_sent(session, ctx, invoice)
    if invoice.balance == 0:
        actions.mark_paid(session, ctx, invoice)
        return
    client = session.get(Client, invoice.client_id)
    if ClientSettings(session, ctx.company, client).get("use_unapplied_payment", "off") != "off":
        _apply_unapplied(session, ctx, client, invoice)
    session.flush()


def _apply_unapplied(session: Session, ctx: AuthContext, client: Client, invoice: Invoice) -> None:
    for payment in payments.unapplied(session, client.id):
        wanted = invoice.partial if invoice.partial and invoice.partial > 0 else invoice.balance
        if wanted <= 0:
            return
        amount = min(payment.amount - payment.applied, wanted)
        apply_to_invoice(session, payment, invoice, amount)
        invoice.balance -= amount
        invoice.paid_to_date = (invoice.paid_to_date or Decimal(0)) + amount
        if invoice.partial and invoice.partial > 0:
            invoice.partial = max(Decimal(0), invoice.partial - amount)
            if invoice.partial == 0:
                invoice.partial, invoice.partial_due_date = None, None
        invoice.status_id = calculated_status(invoice.balance, invoice.amount)
        # The payment already counted in the client's paid_to_date when it was made.
        adjust_client(session, ctx, client, invoice, balance=-amount, note="Unapplied payment applied")
