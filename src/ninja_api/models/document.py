from sqlalchemy import Boolean, Index, Integer, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, CompanyScoped, SoftDeleteMixin, TimestampsMixin


class Document(CompanyScoped, TimestampsMixin, SoftDeleteMixin, Base):
    """An uploaded file of one entity (`documentable`), as upstream stores it; the bytes live in storage."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_documentable", "documentable_type", "documentable_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assigned_user_id: Mapped[int | None] = mapped_column(Integer)
    project_id: Mapped[int | None] = mapped_column(Integer)
    vendor_id: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(String(191))
    preview: Mapped[str | None] = mapped_column(String(191))
    name: Mapped[str | None] = mapped_column(String(191))
    type: Mapped[str | None] = mapped_column(String(191))
    disk: Mapped[str | None] = mapped_column(String(191))
    hash: Mapped[str | None] = mapped_column(String(191))
    size: Mapped[int | None] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    is_public: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    documentable_id: Mapped[int] = mapped_column(Integer)
    documentable_type: Mapped[str] = mapped_column(String(191))
    # The storage key of the bytes (a path under the documents root).
    path: Mapped[str | None] = mapped_column(Text)
