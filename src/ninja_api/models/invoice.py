import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, validates

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.sort_keys import digits_key
from ninja_api.models.types import JSONText, LongText, Money, Timestamp


def _money(default: str | None = "0", nullable: bool = False) -> Mapped[Decimal]:
    return mapped_column(Money(), default=Decimal(default) if default is not None else None, nullable=nullable)


class BillingDocumentColumns:
    """Columns invoices, quotes and (later) credits share, as upstream's tables do."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(Integer, ForeignKey("clients.id"), index=True)
    assigned_user_id: Mapped[int | None] = mapped_column(Integer)
    status_id: Mapped[int] = mapped_column(Integer, default=1)
    project_id: Mapped[int | None] = mapped_column(Integer)
    vendor_id: Mapped[int | None] = mapped_column(Integer)
    recurring_id: Mapped[int | None] = mapped_column(Integer)
    design_id: Mapped[int | None] = mapped_column(Integer)
    subscription_id: Mapped[int | None] = mapped_column(Integer)
    location_id: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(191))
    discount: Mapped[Decimal] = _money()
    is_amount_discount: Mapped[bool] = mapped_column(Boolean, default=False)
    po_number: Mapped[str | None] = mapped_column(String(191))
    date: Mapped[dt.date | None] = mapped_column(Date)
    last_sent_date: Mapped[dt.date | None] = mapped_column(Date)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    partial_due_date: Mapped[dt.date | None] = mapped_column(Date)
    next_send_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    last_viewed: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    line_items: Mapped[list | None] = mapped_column(JSONText)
    backup: Mapped[dict | None] = mapped_column(JSONText)
    footer: Mapped[str | None] = mapped_column(Text)
    public_notes: Mapped[str | None] = mapped_column(Text)
    private_notes: Mapped[str | None] = mapped_column(Text)
    terms: Mapped[str | None] = mapped_column(Text)
    tax_name1: Mapped[str | None] = mapped_column(String(191))
    tax_name2: Mapped[str | None] = mapped_column(String(191))
    tax_name3: Mapped[str | None] = mapped_column(String(191))
    tax_rate1: Mapped[Decimal] = _money()
    tax_rate2: Mapped[Decimal] = _money()
    tax_rate3: Mapped[Decimal] = _money()
    total_taxes: Mapped[Decimal] = _money()
    uses_inclusive_taxes: Mapped[bool] = mapped_column(Boolean, default=False)
    custom_value1: Mapped[str | None] = mapped_column(Text)
    custom_value2: Mapped[str | None] = mapped_column(Text)
    custom_value3: Mapped[str | None] = mapped_column(Text)
    custom_value4: Mapped[str | None] = mapped_column(Text)
    custom_surcharge1: Mapped[Decimal | None] = _money(None, True)
    custom_surcharge2: Mapped[Decimal | None] = _money(None, True)
    custom_surcharge3: Mapped[Decimal | None] = _money(None, True)
    custom_surcharge4: Mapped[Decimal | None] = _money(None, True)
    custom_surcharge_tax1: Mapped[bool] = mapped_column(Boolean, default=False)
    custom_surcharge_tax2: Mapped[bool] = mapped_column(Boolean, default=False)
    custom_surcharge_tax3: Mapped[bool] = mapped_column(Boolean, default=False)
    custom_surcharge_tax4: Mapped[bool] = mapped_column(Boolean, default=False)
    exchange_rate: Mapped[Decimal] = _money("1")
    amount: Mapped[Decimal] = _money()
    balance: Mapped[Decimal] = _money()
    partial: Mapped[Decimal | None] = _money(None, True)
    paid_to_date: Mapped[Decimal] = _money()
    reminder1_sent: Mapped[dt.date | None] = mapped_column(Date)
    reminder2_sent: Mapped[dt.date | None] = mapped_column(Date)
    reminder3_sent: Mapped[dt.date | None] = mapped_column(Date)
    reminder_last_sent: Mapped[dt.date | None] = mapped_column(Date)
    tax_data: Mapped[dict | None] = mapped_column(JSONText)
    e_invoice: Mapped[dict | None] = mapped_column(JSONText)


class Invoice(BillingDocumentColumns, CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("company_id", "number"),
        # Sorts and range filters of the list read these in order instead of the whole company.
        Index("ix_invoices_company_id_date", "company_id", "date"),
        Index("ix_invoices_company_id_due_date", "company_id", "due_date"),
        Index("ix_invoices_company_id_balance", "company_id", "balance"),
        Index("ix_invoices_company_id_status_id", "company_id", "status_id"),
        Index("ix_invoices_company_id_updated_at", "company_id", "updated_at"),
        Index("ix_invoices_company_id_number_sort", "company_id", "number_sort"),
    )

    # Kept with `number` by the ORM, which every write of an invoice goes through.
    number_sort: Mapped[str | None] = mapped_column(String(200))

    @validates("number")
    def _keep_number_sort(self, key, number):
        self.number_sort = digits_key(number)
        return number

    auto_bill_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_bill_tries: Mapped[int] = mapped_column(SmallInteger, default=0)
    is_proforma: Mapped[bool] = mapped_column(Boolean, default=False)
    gateway_fee: Mapped[Decimal] = mapped_column(Money(13, 6), default=Decimal(0))


class InvitationBase:
    """Columns every invitation table shares, whoever its contact is."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(191), index=True)
    transaction_reference: Mapped[str | None] = mapped_column(String(191))
    message_id: Mapped[str | None] = mapped_column(String(191))
    email_error: Mapped[str | None] = mapped_column(LongText())
    signature_base64: Mapped[str | None] = mapped_column(Text)
    signature_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    sent_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    viewed_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    opened_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    signature_ip: Mapped[str | None] = mapped_column(Text)
    email_status: Mapped[str | None] = mapped_column(String(20))
    deleted_at: Mapped[dt.datetime | None] = mapped_column(Timestamp())


class InvitationColumns(InvitationBase):
    """An invitation of a client's contact (invoice, quote, credit, recurring ...)."""

    client_contact_id: Mapped[int] = mapped_column(Integer, ForeignKey("client_contacts.id"))


class InvoiceInvitation(InvitationColumns, CompanyScoped, TimestampsMixin, Base):
    __tablename__ = "invoice_invitations"
    __table_args__ = (UniqueConstraint("client_contact_id", "invoice_id"),)

    invoice_id: Mapped[int] = mapped_column(Integer, ForeignKey("invoices.id"), index=True)
