"""Bank accounts: manual ones, and those an aggregator (Yodlee, Nordigen) would keep in sync."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, Text, false
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin, utcnow
from ninja_api.models.types import JSONText, Money, Timestamp


class BankIntegration(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "bank_integrations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, ForeignKey("accounts.id"), index=True, nullable=False)
    provider_name: Mapped[str] = mapped_column(Text, default="", nullable=False)
    # The aggregator's ids; upstream's non-strict MySQL stores 0 for a manual account.
    provider_id: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)
    bank_account_id: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)
    bank_account_name: Mapped[str | None] = mapped_column(Text)
    bank_account_number: Mapped[str | None] = mapped_column(Text)
    bank_account_status: Mapped[str | None] = mapped_column(Text)
    bank_account_type: Mapped[str | None] = mapped_column(Text)
    balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    currency: Mapped[str | None] = mapped_column(Text)
    nickname: Mapped[str] = mapped_column(Text, default="", nullable=False)
    from_date: Mapped[dt.date | None] = mapped_column(Date)
    disabled_upstream: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    auto_sync: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    integration_type: Mapped[str | None] = mapped_column(String(191))
    nordigen_account_id: Mapped[str | None] = mapped_column(String(191))
    nordigen_institution_id: Mapped[str | None] = mapped_column(String(191))


class BankTransaction(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    """One line of a bank account's statement, and what it was matched to."""

    __tablename__ = "bank_transactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bank_integration_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("bank_integrations.id"), index=True)
    transaction_id: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)
    nordigen_transaction_id: Mapped[str | None] = mapped_column(String(191))
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    currency_id: Mapped[int | None] = mapped_column(Integer)
    account_type: Mapped[str | None] = mapped_column(String(191))
    category_id: Mapped[int | None] = mapped_column(Integer)
    ninja_category_id: Mapped[int | None] = mapped_column(Integer)
    category_type: Mapped[str | None] = mapped_column(String(191))
    base_type: Mapped[str | None] = mapped_column(String(191))
    date: Mapped[dt.date | None] = mapped_column(Date)
    bank_account_id: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    invoice_ids: Mapped[str | None] = mapped_column(Text)
    expense_id: Mapped[str | None] = mapped_column(Text)
    vendor_id: Mapped[int | None] = mapped_column(Integer)
    status_id: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    bank_transaction_rule_id: Mapped[int | None] = mapped_column(Integer)
    payment_id: Mapped[int | None] = mapped_column(Integer)
    participant: Mapped[str | None] = mapped_column(String(191))
    participant_name: Mapped[str | None] = mapped_column(String(191))


class BankTransactionRule(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    """A rule that matches new statement lines: debits to a vendor and category, credits to invoices."""

    __tablename__ = "bank_transaction_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(191), default="", nullable=False)
    rules: Mapped[list | None] = mapped_column(JSONText)
    auto_convert: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    matches_on_all: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    applies_to: Mapped[str] = mapped_column(String(191), default="CREDIT", nullable=False)
    client_id: Mapped[int | None] = mapped_column(Integer)
    vendor_id: Mapped[int | None] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(Integer)


class CsvUpload(Base):
    """A statement sent to `/preimport`, kept until `/import` reads it (upstream keeps it in its cache)."""

    __tablename__ = "csv_uploads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer, ForeignKey("companies.id"), index=True, nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    entity: Mapped[str] = mapped_column(String(64), nullable=False)
    content: Mapped[str] = mapped_column(Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb"), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp(), default=utcnow, nullable=False)
