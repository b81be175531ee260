from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ninja_api.models.base import Base, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.types import JSONText, LongText, Timestamp


class User(TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, ForeignKey("accounts.id"), index=True)
    first_name: Mapped[str | None] = mapped_column(String(191))
    last_name: Mapped[str | None] = mapped_column(String(191))
    phone: Mapped[str | None] = mapped_column(String(191))
    email: Mapped[str] = mapped_column(String(100), unique=True)
    email_verified_at: Mapped[datetime | None] = mapped_column(Timestamp())
    password: Mapped[str] = mapped_column(String(191), default="")
    has_password: Mapped[bool] = mapped_column(Boolean, default=False)
    last_login: Mapped[datetime | None] = mapped_column(Timestamp())
    signature: Mapped[str | None] = mapped_column(LongText())
    custom_value1: Mapped[str | None] = mapped_column(Text)
    custom_value2: Mapped[str | None] = mapped_column(Text)
    custom_value3: Mapped[str | None] = mapped_column(Text)
    custom_value4: Mapped[str | None] = mapped_column(Text)
    oauth_user_id: Mapped[str | None] = mapped_column(String(100))
    oauth_provider_id: Mapped[str | None] = mapped_column(String(191))
    oauth_user_token: Mapped[str | None] = mapped_column(Text)
    last_confirmed_email_address: Mapped[str | None] = mapped_column(String(191))
    google_2fa_secret: Mapped[str | None] = mapped_column(Text)
    verified_phone_number: Mapped[bool] = mapped_column(Boolean, default=False)
    language_id: Mapped[str | None] = mapped_column(String(191))
    user_logged_in_notification: Mapped[bool] = mapped_column(Boolean, default=True)
    referral_code: Mapped[str | None] = mapped_column(String(191))
    referral_meta: Mapped[dict | None] = mapped_column(JSONText)


class CompanyUser(TimestampsMixin, Base):
    __tablename__ = "company_user"
    __table_args__ = (UniqueConstraint("company_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer, ForeignKey("companies.id"), index=True)
    account_id: Mapped[int] = mapped_column(Integer, ForeignKey("accounts.id"))
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.id"), index=True)
    permissions: Mapped[str | None] = mapped_column(LongText())
    notifications: Mapped[dict | None] = mapped_column(JSONText)
    settings: Mapped[dict | None] = mapped_column(JSONText)
    react_settings: Mapped[dict | None] = mapped_column(JSONText)
    slack_webhook_url: Mapped[str] = mapped_column(String(191), default="")
    is_owner: Mapped[bool] = mapped_column(Boolean, default=False)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    permissions_updated_at: Mapped[datetime | None] = mapped_column(Timestamp())
    ninja_portal_url: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(Timestamp())

    user: Mapped[User] = relationship(lazy="raise")
    company = relationship("Company", lazy="raise")
    account = relationship("Account", lazy="raise")
