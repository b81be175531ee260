import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, SmallInteger, String, Text, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.types import JSONText, Money, Timestamp


class Vendor(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "vendors"
    __table_args__ = (UniqueConstraint("company_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assigned_user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
    currency_id: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(191))
    address1: Mapped[str | None] = mapped_column(String(191))
    address2: Mapped[str | None] = mapped_column(String(191))
    city: Mapped[str | None] = mapped_column(String(191))
    state: Mapped[str | None] = mapped_column(String(191))
    postal_code: Mapped[str | None] = mapped_column(String(191))
    country_id: Mapped[int | None] = mapped_column(Integer)
    language_id: Mapped[int | None] = mapped_column(Integer)
    phone: Mapped[str | None] = mapped_column(String(191))
    website: Mapped[str | None] = mapped_column(String(191))
    vat_number: Mapped[str | None] = mapped_column(String(191))
    transaction_name: Mapped[str | None] = mapped_column(String(191))
    number: Mapped[str | None] = mapped_column(String(191))
    id_number: Mapped[str | None] = mapped_column(String(191))
    classification: Mapped[str | None] = mapped_column(String(191))
    private_notes: Mapped[str | None] = mapped_column(Text)
    public_notes: Mapped[str | None] = mapped_column(Text)
    custom_value1: Mapped[str | None] = mapped_column(Text)
    custom_value2: Mapped[str | None] = mapped_column(Text)
    custom_value3: Mapped[str | None] = mapped_column(Text)
    custom_value4: Mapped[str | None] = mapped_column(Text)
    vendor_hash: Mapped[str | None] = mapped_column(Text)
    last_login: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    is_tax_exempt: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    routing_id: Mapped[str | None] = mapped_column(String(191))


class VendorContact(CompanyScoped, TimestampsMixin, Base):
    __tablename__ = "vendor_contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int] = mapped_column(Integer, ForeignKey("vendors.id"), index=True)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    first_name: Mapped[str | None] = mapped_column(String(191))
    last_name: Mapped[str | None] = mapped_column(String(191))
    email: Mapped[str | None] = mapped_column(String(191), index=True)
    phone: Mapped[str | None] = mapped_column(String(191))
    custom_value1: Mapped[str | None] = mapped_column(Text)
    custom_value2: Mapped[str | None] = mapped_column(Text)
    custom_value3: Mapped[str | None] = mapped_column(Text)
    custom_value4: Mapped[str | None] = mapped_column(Text)
    send_email: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    email_verified_at: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    confirmation_code: Mapped[str | None] = mapped_column(String(191))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    last_login: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    failed_logins: Mapped[int | None] = mapped_column(SmallInteger)
    password: Mapped[str] = mapped_column(String(191), default="")
    is_locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    contact_key: Mapped[str | None] = mapped_column(String(191), index=True)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(Timestamp())


class ExpenseCategory(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "expense_categories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(191))
    color: Mapped[str] = mapped_column(String(191), default="#fff", server_default="#fff")
    bank_category_id: Mapped[int | None] = mapped_column(Integer)


def _money(default: int | None = 0) -> Mapped[Decimal]:
    if default is None:
        return mapped_column(Money(), nullable=False)
    return mapped_column(Money(), default=Decimal(default), server_default=str(default), nullable=False)


class ExpenseColumns:
    """What an expense and the recurring expense that generates expenses both hold."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("vendors.id"), index=True)
    assigned_user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
    invoice_id: Mapped[int | None] = mapped_column(Integer, index=True)
    client_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("clients.id"), index=True)
    bank_id: Mapped[int | None] = mapped_column(Integer)
    invoice_currency_id: Mapped[int | None] = mapped_column(Integer)
    currency_id: Mapped[int | None] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("expense_categories.id"), index=True)
    payment_type_id: Mapped[int | None] = mapped_column(Integer)
    recurring_expense_id: Mapped[int | None] = mapped_column(Integer)
    project_id: Mapped[int | None] = mapped_column(Integer, index=True)
    amount: Mapped[Decimal] = _money(None)
    foreign_amount: Mapped[Decimal] = _money(None)
    exchange_rate: Mapped[Decimal] = _money(1)
    tax_name1: Mapped[str | None] = mapped_column(String(191))
    tax_rate1: Mapped[Decimal] = _money()
    tax_name2: Mapped[str | None] = mapped_column(String(191))
    tax_rate2: Mapped[Decimal] = _money()
    tax_name3: Mapped[str | None] = mapped_column(String(191))
    tax_rate3: Mapped[Decimal] = _money()
    date: Mapped[dt.date | None] = mapped_column(Date)
    payment_date: Mapped[dt.date | None] = mapped_column(Date)
    private_notes: Mapped[str | None] = mapped_column(Text)
    public_notes: Mapped[str | None] = mapped_column(Text)
    transaction_reference: Mapped[str | None] = mapped_column(Text)
    should_be_invoiced: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    invoice_documents: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    transaction_id: Mapped[int | None] = mapped_column(Integer)
    custom_value1: Mapped[str | None] = mapped_column(Text)
    custom_value2: Mapped[str | None] = mapped_column(Text)
    custom_value3: Mapped[str | None] = mapped_column(Text)
    custom_value4: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String(191))
    tax_amount1: Mapped[Decimal] = _money(1)
    tax_amount2: Mapped[Decimal] = _money(1)
    tax_amount3: Mapped[Decimal] = _money(1)
    uses_inclusive_taxes: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    calculate_tax_by_amount: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    e_invoice: Mapped[dict | None] = mapped_column(JSONText)


class Expense(ExpenseColumns, CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "expenses"
    __table_args__ = (UniqueConstraint("company_id", "number"),)


class RecurringExpense(ExpenseColumns, CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "recurring_expenses"
    __table_args__ = (UniqueConstraint("company_id", "number"),)

    status_id: Mapped[int] = mapped_column(Integer, default=1)
    frequency_id: Mapped[int] = mapped_column(Integer, default=5)
    remaining_cycles: Mapped[int] = mapped_column(Integer, default=-1)
    last_sent_date: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    next_send_date: Mapped[dt.datetime | None] = mapped_column(Timestamp(), index=True)
    next_send_date_client: Mapped[dt.datetime | None] = mapped_column(Timestamp())
