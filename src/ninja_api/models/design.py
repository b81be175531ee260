"""Designs: the eleven system designs every company shares, and a company's own custom ones."""

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, SoftDeleteMixin, TimestampsMixin
from ninja_api.models.types import JSONText


class Design(TimestampsMixin, SoftDeleteMixin, Base):
    __tablename__ = "designs"
    __table_args__ = (Index("ix_designs_company_id_deleted_at", "company_id", "deleted_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"))
    # NULL for the system designs.
    company_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("companies.id"))
    name: Mapped[str] = mapped_column(String(191), nullable=False)
    is_custom: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true(), nullable=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true(), nullable=False)
    # {includes, header, body, footer, product, task} in the order the client sent them.
    design: Mapped[dict | None] = mapped_column(JSONText())
    is_template: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)
    # Comma list of the entities a template is for ("invoice,quote").
    entities: Mapped[str | None] = mapped_column(Text)
