import datetime as dt

from sqlalchemy import ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.invoice import BillingDocumentColumns, InvitationBase
from ninja_api.models.types import Timestamp


class PurchaseOrder(BillingDocumentColumns, CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    """An order to a vendor. Upstream's table has no unique index on number: the request rule checks it."""

    __tablename__ = "purchase_orders"

    # The vendor is who the order is for; a client is an optional link.
    client_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("clients.id"), index=True, nullable=True)
    vendor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("vendors.id"), index=True)
    invoice_id: Mapped[int | None] = mapped_column(Integer)
    expense_id: Mapped[int | None] = mapped_column(Integer)
    currency_id: Mapped[int | None] = mapped_column(Integer)
    last_sent_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    partial_due_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())


class PurchaseOrderInvitation(InvitationBase, CompanyScoped, TimestampsMixin, Base):
    __tablename__ = "purchase_order_invitations"
    __table_args__ = (UniqueConstraint("vendor_contact_id", "purchase_order_id"),)

    vendor_contact_id: Mapped[int] = mapped_column(Integer, ForeignKey("vendor_contacts.id"))
    purchase_order_id: Mapped[int] = mapped_column(Integer, ForeignKey("purchase_orders.id"), index=True)
