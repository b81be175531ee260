import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.types import JSONText, Money, Timestamp

# The polymorphic type column stores "invoices" for invoices (upstream's morph map) and the PHP
# class name for everything else.
INVOICE_TYPE = "invoices"
CREDIT_TYPE = "App\\Models\\Credit"


class Payment(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("company_id", "number"),
        UniqueConstraint("company_id", "idempotency_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(Integer, ForeignKey("clients.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(Integer)
    vendor_id: Mapped[int | None] = mapped_column(Integer)
    assigned_user_id: Mapped[int | None] = mapped_column(Integer)
    client_contact_id: Mapped[int | None] = mapped_column(Integer)
    invitation_id: Mapped[int | None] = mapped_column(Integer)
    company_gateway_id: Mapped[int | None] = mapped_column(Integer)
    gateway_type_id: Mapped[int | None] = mapped_column(Integer)
    type_id: Mapped[int | None] = mapped_column(Integer)
    status_id: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    refunded: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    applied: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    date: Mapped[dt.date | None] = mapped_column(Date)
    transaction_reference: Mapped[str | None] = mapped_column(String(191))
    payer_id: Mapped[str | None] = mapped_column(String(191))
    number: Mapped[str | None] = mapped_column(String(191))
    private_notes: Mapped[str | None] = mapped_column(Text)
    is_manual: Mapped[bool] = mapped_column(Boolean, default=False)
    exchange_rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(1))
    currency_id: Mapped[int] = mapped_column(Integer)
    exchange_currency_id: Mapped[int | None] = mapped_column(Integer)
    meta: Mapped[dict | None] = mapped_column(JSONText)
    custom_value1: Mapped[str | None] = mapped_column(Text)
    custom_value2: Mapped[str | None] = mapped_column(Text)
    custom_value3: Mapped[str | None] = mapped_column(Text)
    custom_value4: Mapped[str | None] = mapped_column(Text)
    transaction_id: Mapped[int | None] = mapped_column(BigInteger)
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    refund_meta: Mapped[list | None] = mapped_column(JSONText)
    category_id: Mapped[int | None] = mapped_column(Integer)


class Paymentable(TimestampsMixin, Base):
    __tablename__ = "paymentables"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payment_id: Mapped[int] = mapped_column(Integer, ForeignKey("payments.id"), index=True)
    paymentable_id: Mapped[int] = mapped_column(Integer)
    paymentable_type: Mapped[str] = mapped_column(String(191))
    amount: Mapped[Decimal] = mapped_column(Money(16, 4), default=Decimal(0))
    refunded: Mapped[Decimal] = mapped_column(Money(16, 4), default=Decimal(0))
    deleted_at: Mapped[dt.datetime | None] = mapped_column(Timestamp())
