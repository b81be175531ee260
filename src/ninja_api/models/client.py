from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.types import JSONText, Money, Timestamp


class Client(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "clients"
    __table_args__ = (
        UniqueConstraint("company_id", "number"),
        # A page sorted by name reads the index in order instead of sorting the company's clients.
        Index("ix_clients_company_id_name", "company_id", "name"),
        Index("ix_clients_company_id_balance", "company_id", "balance"),
        # The apps' `updated_at` sync reads only what changed.
        Index("ix_clients_company_id_updated_at", "company_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assigned_user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
    name: Mapped[str | None] = mapped_column(String(191))
    website: Mapped[str | None] = mapped_column(String(191))
    private_notes: Mapped[str | None] = mapped_column(Text)
    public_notes: Mapped[str | None] = mapped_column(Text)
    client_hash: Mapped[str | None] = mapped_column(Text)
    logo: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(255))
    balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    paid_to_date: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    credit_balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    payment_balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    last_login: Mapped[datetime | None] = mapped_column(Timestamp())
    industry_id: Mapped[int | None] = mapped_column(Integer)
    size_id: Mapped[int | None] = mapped_column(Integer)
    address1: Mapped[str | None] = mapped_column(String(191))
    address2: Mapped[str | None] = mapped_column(String(191))
    city: Mapped[str | None] = mapped_column(String(191))
    state: Mapped[str | None] = mapped_column(String(191))
    postal_code: Mapped[str | None] = mapped_column(String(191))
    country_id: Mapped[int | None] = mapped_column(Integer)
    custom_value1: Mapped[str | None] = mapped_column(Text)
    custom_value2: Mapped[str | None] = mapped_column(Text)
    custom_value3: Mapped[str | None] = mapped_column(Text)
    custom_value4: Mapped[str | None] = mapped_column(Text)
    shipping_address1: Mapped[str | None] = mapped_column(String(191))
    shipping_address2: Mapped[str | None] = mapped_column(String(191))
    shipping_city: Mapped[str | None] = mapped_column(String(191))
    shipping_state: Mapped[str | None] = mapped_column(String(191))
    shipping_postal_code: Mapped[str | None] = mapped_column(String(191))
    shipping_country_id: Mapped[int | None] = mapped_column(Integer)
    settings: Mapped[dict | None] = mapped_column(JSONText)
    group_settings_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("group_settings.id"))
    vat_number: Mapped[str | None] = mapped_column(String(191))
    number: Mapped[str | None] = mapped_column(String(191))
    id_number: Mapped[str | None] = mapped_column(String(191))
    routing_id: Mapped[str | None] = mapped_column(String(191))
    tax_data: Mapped[dict | None] = mapped_column(JSONText)
    is_tax_exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    has_valid_vat_number: Mapped[bool] = mapped_column(Boolean, default=False)
    classification: Mapped[str | None] = mapped_column(String(191))
    e_invoice: Mapped[dict | None] = mapped_column(JSONText)

    contacts: Mapped[list["ClientContact"]] = relationship(
        back_populates="client",
        lazy="raise",
        order_by="ClientContact.id",
        primaryjoin="and_(ClientContact.client_id == Client.id, ClientContact.deleted_at.is_(None))",
        viewonly=True,
    )


class ClientContact(CompanyScoped, TimestampsMixin, Base):
    __tablename__ = "client_contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(Integer, ForeignKey("clients.id"), index=True)
    first_name: Mapped[str | None] = mapped_column(String(191))
    last_name: Mapped[str | None] = mapped_column(String(191))
    phone: Mapped[str | None] = mapped_column(String(191))
    custom_value1: Mapped[str | None] = mapped_column(Text)
    custom_value2: Mapped[str | None] = mapped_column(Text)
    custom_value3: Mapped[str | None] = mapped_column(Text)
    custom_value4: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(100), index=True)
    email_verified_at: Mapped[datetime | None] = mapped_column(Timestamp())
    confirmation_code: Mapped[str | None] = mapped_column(String(191))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    last_login: Mapped[datetime | None] = mapped_column(Timestamp())
    failed_logins: Mapped[int | None] = mapped_column(SmallInteger)
    password: Mapped[str] = mapped_column(String(191), default="")
    is_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    send_email: Mapped[bool] = mapped_column(Boolean, default=True)
    contact_key: Mapped[str | None] = mapped_column(String(191), index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(Timestamp())

    client: Mapped[Client] = relationship(back_populates="contacts", lazy="raise")


class GroupSetting(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "group_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(191))
    settings: Mapped[dict | None] = mapped_column(JSONText)


class ClientGatewayToken(TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "client_gateway_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer, ForeignKey("companies.id"), index=True)
    client_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("clients.id"), index=True)
    token: Mapped[str | None] = mapped_column(Text)
    routing_number: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict | None] = mapped_column(JSONText)
    company_gateway_id: Mapped[int] = mapped_column(Integer)
    gateway_customer_reference: Mapped[str | None] = mapped_column(String(191))
    gateway_type_id: Mapped[int] = mapped_column(Integer)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
