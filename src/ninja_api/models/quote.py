import datetime as dt

from sqlalchemy import ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.invoice import BillingDocumentColumns, InvitationColumns
from ninja_api.models.types import Timestamp


class Quote(BillingDocumentColumns, CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "quotes"
    __table_args__ = (UniqueConstraint("company_id", "number"),)

    # The invoice this quote was converted to.
    invoice_id: Mapped[int | None] = mapped_column(Integer)
    # Upstream keeps the quote's validity and partial due dates as DATETIME.
    due_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    partial_due_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())


class QuoteInvitation(InvitationColumns, CompanyScoped, TimestampsMixin, Base):
    __tablename__ = "quote_invitations"
    __table_args__ = (UniqueConstraint("client_contact_id", "quote_id"),)

    quote_id: Mapped[int] = mapped_column(Integer, ForeignKey("quotes.id"), index=True)
