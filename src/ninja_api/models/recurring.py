import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.invoice import BillingDocumentColumns, InvitationColumns
from ninja_api.models.types import Timestamp


class RecurringColumns(BillingDocumentColumns):
    """What recurring invoices and recurring quotes add to a billing document: the schedule."""

    frequency_id: Mapped[int] = mapped_column(Integer, default=5)
    # -1 recurs forever; 0 means nothing is left to send.
    remaining_cycles: Mapped[int | None] = mapped_column(Integer, default=-1)
    last_sent_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    # The UTC moment the next document is due (the client's day shifted by the send time) ...
    next_send_date: Mapped[dt.datetime | None] = mapped_column(Timestamp(), index=True)
    # ... and that day as the client reads it (midnight).
    next_send_date_client: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    auto_bill: Mapped[str] = mapped_column(String(191), default="off", server_default=text("'off'"))
    auto_bill_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    due_date_days: Mapped[str | None] = mapped_column(String(191))
    is_proforma: Mapped[bool] = mapped_column(Boolean, default=False)


class RecurringInvoice(RecurringColumns, CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "recurring_invoices"
    __table_args__ = (UniqueConstraint("company_id", "number"),)


class RecurringInvoiceInvitation(InvitationColumns, CompanyScoped, TimestampsMixin, Base):
    __tablename__ = "recurring_invoice_invitations"
    __table_args__ = (UniqueConstraint("client_contact_id", "recurring_invoice_id"),)

    recurring_invoice_id: Mapped[int] = mapped_column(Integer, ForeignKey("recurring_invoices.id"), index=True)


class RecurringQuote(RecurringColumns, CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "recurring_quotes"
    __table_args__ = (UniqueConstraint("company_id", "number"),)


class RecurringQuoteInvitation(InvitationColumns, CompanyScoped, TimestampsMixin, Base):
    __tablename__ = "recurring_quote_invitations"
    __table_args__ = (UniqueConstraint("client_contact_id", "recurring_quote_id"),)

    recurring_quote_id: Mapped[int] = mapped_column(Integer, ForeignKey("recurring_quotes.id"), index=True)
