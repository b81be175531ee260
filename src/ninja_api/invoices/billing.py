"""auto_bill: settle an invoice from what the client already has on file, as upstream's auto-billing does.

Credits first (when `use_credits_payment` is on), then unapplied payments (`use_unapplied_payment`).
Upstream then charges a stored gateway token for whatever is left. This server has no payment
gateways, so no token can be charged and the rest stays on the invoice, as upstream leaves it when
the client has no token.
"""

from sqlalchemy.orm import Session

from ninja_api.billing.settings import ClientSettings
from ninja_api.http.auth import AuthContext
from ninja_api.invoices import actions
from ninja_api.invoices.service import DRAFT, PARTIAL, SENT
from ninja_api.models import Invoice
from ninja_api.payments import service as payments


def auto_bill(session: Session, ctx: AuthContext, invoice: Invoice) -> None:
    client = payments.lock_for_invoice(session, ctx, invoice)
    if invoice.is_deleted or invoice.status_id not in (DRAFT, SENT, PARTIAL):
        return
    actions.mark_sent(session, ctx, invoice)
    if invoice.balance == 0:
        actions.mark_paid(session, ctx, invoice)
        return
    settings = ClientSettings(session, ctx.company, client)
    if settings.get("use_credits_payment", "off") != "off":
        payments.pay_with_credits(session, ctx, invoice, client)
    if settings.get("use_unapplied_payment", "off") != "off":
        payments.apply_unapplied(session, ctx, invoice, client)
    session.flush()
