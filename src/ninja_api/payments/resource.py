"""The payment entity as the shared machinery sees it."""

from ninja_api.billing.resource import ids_of
from ninja_api.documents.include import DOCUMENTS
from ninja_api.http.resource import Include, Resource
from ninja_api.invoices import repository
from ninja_api.models import Payment, Paymentable
from ninja_api.payments.schemas import serialize_payment, serialize_paymentable

paymentable_resource = Resource(
    name="paymentables", label="Paymentable", model=Paymentable, serialize=serialize_paymentable,
    permission="payment", has_assigned_user=False,
)
payment_resource = Resource(
    name="payments", label="Payment", model=Payment, serialize=serialize_payment, permission="payment",
    default_includes=[
        Include("paymentables", lambda: paymentable_resource,
                lambda s, rows, ctx: repository.paymentables_by_payment(s, ids_of(rows))),
        DOCUMENTS,
    ],
)
