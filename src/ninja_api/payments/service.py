"""Payments the invoice transitions create (mark paid, amount paid)."""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api.activities import service as activities
from ninja_api.http.auth import AuthContext
from ninja_api.billing.settings import ClientSettings
from ninja_api.models import Client, Invoice, Payment, Paymentable
from ninja_api.models.payment import INVOICE_TYPE
from ninja_api.numbering import next_number
from ninja_api.payments.repository import COMPLETED


def manual_payment(session: Session, ctx: AuthContext, client: Client, invoice: Invoice, *, amount: Decimal,
                   applied: Decimal, pivot: Decimal, reference: str | None) -> Payment:
    settings = ClientSettings(session, ctx.company, client)
    type_id = settings.get("payment_type_id", "0")
    payment = Payment(
        company_id=ctx.company_id,
        user_id=ctx.user_id,
        client_id=client.id,
        status_id=COMPLETED,
        amount=amount,
        applied=applied,
        refunded=Decimal(0),
        is_manual=True,
        transaction_reference=reference or "Manual entry",
        type_id=int(type_id) if str(type_id).isdigit() and int(type_id) > 0 else None,
        date=settings.today(),
        currency_id=int(settings.currency_id),
        exchange_rate=Decimal(1),
        is_deleted=False,
    )
    session.add(payment)
    session.flush()
    payment.number = next_number(session, ctx.company, "payment", Payment, client=client, group=settings.group,
                                 user_id=ctx.user_id, append_counter=True)
    session.add(Paymentable(payment_id=payment.id, paymentable_id=invoice.id, paymentable_type=INVOICE_TYPE,
                            amount=pivot, refunded=Decimal(0)))
    activities.record(session, ctx, activities.CREATE_PAYMENT, client_id=client.id, invoice_id=invoice.id,
                      payment_id=payment.id)
    return payment


def apply_to_invoice(session: Session, payment: Payment, invoice: Invoice, amount: Decimal) -> None:
    """Put `amount` of an existing payment's unapplied money on `invoice`."""
    payment.applied += amount
    session.add(Paymentable(payment_id=payment.id, paymentable_id=invoice.id, paymentable_type=INVOICE_TYPE,
                            amount=amount, refunded=Decimal(0)))
