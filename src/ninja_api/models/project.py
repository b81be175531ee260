"""Projects, tasks (time tracking), task statuses and client locations."""

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.types import JSONText, Money


class Project(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("company_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assigned_user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
    client_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("clients.id"), index=True)
    name: Mapped[str] = mapped_column(String(191), default="")
    task_rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    due_date: Mapped[date | None] = mapped_column(Date)
    private_notes: Mapped[str | None] = mapped_column(Text)
    public_notes: Mapped[str | None] = mapped_column(Text)
    budgeted_hours: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    custom_value1: Mapped[str | None] = mapped_column(Text)
    custom_value2: Mapped[str | None] = mapped_column(Text)
    custom_value3: Mapped[str | None] = mapped_column(Text)
    custom_value4: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String(191))
    color: Mapped[str] = mapped_column(String(191), default="#fff", server_default="#fff", nullable=False)
    current_hours: Mapped[int | None] = mapped_column(Integer, default=0)


class TaskStatus(TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "task_statuses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("companies.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
    name: Mapped[str | None] = mapped_column(String(191))
    color: Mapped[str] = mapped_column(String(191), default="#fff", server_default="#fff", nullable=False)
    status_sort_order: Mapped[int | None] = mapped_column(Integer)
    status_order: Mapped[int | None] = mapped_column(Integer)


class Task(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("company_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assigned_user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
    client_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("clients.id"), index=True)
    invoice_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("invoices.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("projects.id"), index=True)
    status_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("task_statuses.id"), index=True)
    status_sort_order: Mapped[int | None] = mapped_column(Integer)
    custom_value1: Mapped[str | None] = mapped_column(Text)
    custom_value2: Mapped[str | None] = mapped_column(Text)
    custom_value3: Mapped[str | None] = mapped_column(Text)
    custom_value4: Mapped[str | None] = mapped_column(Text)
    duration: Mapped[int | None] = mapped_column(Integer, default=0)
    description: Mapped[str | None] = mapped_column(Text)
    is_running: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    time_log: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String(191))
    rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), nullable=False)
    invoice_documents: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    is_date_based: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    status_order: Mapped[int | None] = mapped_column(Integer)
    calculated_start_date: Mapped[date | None] = mapped_column(Date)
    hash: Mapped[str | None] = mapped_column(String(191))
    meta: Mapped[dict | None] = mapped_column(JSONText)


class Location(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("clients.id"), index=True)
    vendor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    name: Mapped[str | None] = mapped_column(String(191))
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
    is_shipping_location: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    tax_data: Mapped[dict | None] = mapped_column(JSONText)
