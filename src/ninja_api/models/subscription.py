"""Subscriptions: what the client portal sells (products, recurring products, a price)."""

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.types import JSONText, Money


class Subscription(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "subscriptions"
    # Upstream's rule and index: a name once per company, archived and deleted ones included.
    __table_args__ = (UniqueConstraint("company_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assigned_user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
    group_id: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(191), nullable=False)
    # Comma lists of hashed product ids, stored as sent.
    product_ids: Mapped[str | None] = mapped_column(Text)
    recurring_product_ids: Mapped[str | None] = mapped_column(Text)
    optional_product_ids: Mapped[str | None] = mapped_column(Text)
    optional_recurring_product_ids: Mapped[str | None] = mapped_column(Text)
    frequency_id: Mapped[int | None] = mapped_column(Integer)
    auto_bill: Mapped[str | None] = mapped_column(Text, default="")
    promo_code: Mapped[str | None] = mapped_column(Text, default="")
    # double(8,2) upstream.
    promo_discount: Mapped[Decimal] = mapped_column(Money(8, 2), default=Decimal(0), nullable=False)
    is_amount_discount: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    allow_cancellation: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true(), nullable=False)
    per_seat_enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    # Upstream's NOT NULL columns without a default, which its non-strict MySQL fills with 0.
    min_seats_limit: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    max_seats_limit: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    trial_enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    trial_duration: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    allow_query_overrides: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    allow_plan_changes: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    plan_map: Mapped[str | None] = mapped_column(Text)
    refund_period: Mapped[int | None] = mapped_column(Integer)
    webhook_configuration: Mapped[dict | list | None] = mapped_column(JSONText)
    currency_id: Mapped[int | None] = mapped_column(Integer)
    price: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    promo_price: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    registration_required: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    use_inventory_management: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(),
                                                           nullable=False)
    steps: Mapped[str | None] = mapped_column(String(191))
