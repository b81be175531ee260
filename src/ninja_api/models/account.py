from decimal import Decimal

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, TimestampsMixin
from ninja_api.models.types import Money


class Account(TimestampsMixin, Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    default_company_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    plan: Mapped[str | None] = mapped_column(String(191))
    plan_term: Mapped[str | None] = mapped_column(String(191))
    plan_price: Mapped[Decimal | None] = mapped_column(Money(7, 2))
    num_users: Mapped[int] = mapped_column(Integer, default=1)
    referral_code: Mapped[str | None] = mapped_column(String(191))
    latest_version: Mapped[str] = mapped_column(String(191), default="")
    report_errors: Mapped[bool] = mapped_column(Boolean, default=False)
    is_scheduler_running: Mapped[bool] = mapped_column(Boolean, default=False)
    is_migrated: Mapped[bool] = mapped_column(Boolean, default=False)
    set_react_as_default_ap: Mapped[bool] = mapped_column(Boolean, default=False)
    account_sms_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    hosted_client_count: Mapped[int | None] = mapped_column(Integer)
    hosted_company_count: Mapped[int | None] = mapped_column(Integer)
    user_agent: Mapped[str | None] = mapped_column(Text)
