from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ninja_api.models.base import Base, SoftDeleteMixin, TimestampsMixin


class CompanyToken(TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "company_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer, ForeignKey("companies.id"), index=True)
    account_id: Mapped[int] = mapped_column(Integer, ForeignKey("accounts.id"))
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.id"))
    token: Mapped[str] = mapped_column(String(191), unique=True)
    name: Mapped[str | None] = mapped_column(String(191))
    is_system: Mapped[bool] = mapped_column(Boolean, default=False)

    user = relationship("User", lazy="raise")
    company = relationship("Company", lazy="raise")
