import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.types import JSONText, LongText, Timestamp


class Webhook(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    """A subscription: the company's URL called for one event."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int | None] = mapped_column(Integer)
    target_url: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(String(191), default="JSON")
    rest_method: Mapped[str | None] = mapped_column(Text)
    headers: Mapped[dict | list | None] = mapped_column(JSONText)
    # Ours: the key of each delivery's X-Ninja-Signature.
    signing_secret: Mapped[str] = mapped_column(String(64), default="")


class WebhookDelivery(TimestampsMixin, Base):
    """One event sent to one webhook: the exact body, and how its attempts went."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer, ForeignKey("companies.id"), index=True)
    webhook_id: Mapped[int] = mapped_column(Integer, ForeignKey("webhooks.id"), index=True)
    event_id: Mapped[int] = mapped_column(Integer)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(LongText())
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, delivered, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(Timestamp())
    response_status: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(Timestamp())
