import datetime as dt

from sqlalchemy import ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.invoice import BillingDocumentColumns, InvitationColumns
from ninja_api.models.types import Timestamp


class Credit(BillingDocumentColumns, CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "credits"
    __table_args__ = (UniqueConstraint("company_id", "number"),)

    # The invoice this credit note reverses.
    invoice_id: Mapped[int | None] = mapped_column(Integer)
    # Upstream keeps these two as DATETIME on credits.
    last_sent_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    partial_due_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())


class CreditInvitation(InvitationColumns, CompanyScoped, TimestampsMixin, Base):
    __tablename__ = "credit_invitations"
    __table_args__ = (UniqueConstraint("client_contact_id", "credit_id"),)

    credit_id: Mapped[int] = mapped_column(Integer, ForeignKey("credits.id"), index=True)
