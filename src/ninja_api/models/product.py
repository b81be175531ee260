"""Products, tax rates and payment terms: the company's price list and its two small lookup tables."""

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.types import Money


class Product(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "products"
    __table_args__ = (
        Index("ix_products_product_key_company_id", "product_key", "company_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assigned_user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
    # Columns upstream has but never renders; no tables to point at yet.
    project_id: Mapped[int | None] = mapped_column(Integer)
    vendor_id: Mapped[int | None] = mapped_column(Integer)
    custom_value1: Mapped[str | None] = mapped_column(Text)
    custom_value2: Mapped[str | None] = mapped_column(Text)
    custom_value3: Mapped[str | None] = mapped_column(Text)
    custom_value4: Mapped[str | None] = mapped_column(Text)
    product_key: Mapped[str | None] = mapped_column(String(191))
    notes: Mapped[str | None] = mapped_column(Text)
    cost: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    price: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    tax_name1: Mapped[str | None] = mapped_column(String(191))
    tax_rate1: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    tax_name2: Mapped[str | None] = mapped_column(String(191))
    tax_rate2: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    tax_name3: Mapped[str | None] = mapped_column(String(191))
    tax_rate3: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    in_stock_quantity: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    # The only column whose database default is "on": upstream's factory leaves it unset.
    stock_notification: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true(), nullable=False)
    stock_notification_threshold: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    max_quantity: Mapped[int | None] = mapped_column(Integer)
    product_image: Mapped[str | None] = mapped_column(String(191))
    tax_id: Mapped[int | None] = mapped_column(Integer)
    hash: Mapped[str | None] = mapped_column(String(191))
    sync: Mapped[str | None] = mapped_column(Text)


class TaxRate(TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "tax_rates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer, ForeignKey("companies.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)


class PaymentTerm(TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "payment_terms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    num_days: Mapped[int | None] = mapped_column(Integer)
    # Stored (the seeded "Net 0"), never rendered: the JSON name is computed from num_days.
    name: Mapped[str | None] = mapped_column(String(191))
    # NULL company: upstream's global seed rows, which company lists do not show.
    company_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("companies.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
