from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, TimestampsMixin
from ninja_api.models.types import JSONText, Money

# Columns pointing at entities that may live in other tables are plain integers: an activity
# outlives what it describes (purged rows keep their history).


class Activity(TimestampsMixin, Base):
    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer, ForeignKey("companies.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(Integer)
    client_id: Mapped[int | None] = mapped_column(Integer, index=True)
    client_contact_id: Mapped[int | None] = mapped_column(Integer)
    invoice_id: Mapped[int | None] = mapped_column(Integer, index=True)
    quote_id: Mapped[int | None] = mapped_column(Integer)
    payment_id: Mapped[int | None] = mapped_column(Integer)
    credit_id: Mapped[int | None] = mapped_column(Integer)
    expense_id: Mapped[int | None] = mapped_column(Integer)
    task_id: Mapped[int | None] = mapped_column(Integer)
    vendor_id: Mapped[int | None] = mapped_column(Integer)
    vendor_contact_id: Mapped[int | None] = mapped_column(Integer)
    purchase_order_id: Mapped[int | None] = mapped_column(Integer)
    recurring_invoice_id: Mapped[int | None] = mapped_column(Integer)
    recurring_expense_id: Mapped[int | None] = mapped_column(Integer)
    recurring_quote_id: Mapped[int | None] = mapped_column(Integer)
    subscription_id: Mapped[int | None] = mapped_column(Integer)
    token_id: Mapped[int | None] = mapped_column(Integer)
    activity_type_id: Mapped[int] = mapped_column(Integer)
    is_system: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    ip: Mapped[str | None] = mapped_column(String(191))


class CompanyLedger(TimestampsMixin, Base):
    __tablename__ = "company_ledgers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer, ForeignKey("companies.id"), index=True)
    client_id: Mapped[int | None] = mapped_column(Integer, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)
    activity_id: Mapped[int | None] = mapped_column(Integer)
    adjustment: Mapped[Decimal | None] = mapped_column(Money())
    balance: Mapped[Decimal | None] = mapped_column(Money())
    notes: Mapped[str | None] = mapped_column(Text)
    hash: Mapped[str | None] = mapped_column(Text)
    company_ledgerable_id: Mapped[int] = mapped_column(Integer)
    company_ledgerable_type: Mapped[str] = mapped_column(String(191))


class SystemLog(TimestampsMixin, Base):
    __tablename__ = "system_logs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer, ForeignKey("companies.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)
    client_id: Mapped[int | None] = mapped_column(Integer, index=True)
    category_id: Mapped[int | None] = mapped_column(Integer)
    event_id: Mapped[int | None] = mapped_column(Integer)
    type_id: Mapped[int | None] = mapped_column(Integer)
    log: Mapped[dict | list | None] = mapped_column(JSONText)
