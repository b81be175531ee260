from datetime import datetime, timezone

from sqlalchemy import Boolean, ForeignKey, Integer, MetaData, false
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from ninja_api.models.types import Timestamp

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    # Stored naive: every column is UTC, and SQLite would drop the zone anyway.
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class TimestampsMixin:
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(
        Timestamp(), default=utcnow, onupdate=utcnow, nullable=True
    )


class SoftDeleteMixin:
    """Archive = deleted_at set; delete = is_deleted and deleted_at set (upstream semantics)."""

    deleted_at: Mapped[datetime | None] = mapped_column(Timestamp(), nullable=True)
    is_deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class CompanyScoped:
    @declared_attr
    def company_id(cls) -> Mapped[int]:
        return mapped_column(Integer, ForeignKey("companies.id"), index=True)

    @declared_attr
    def user_id(cls) -> Mapped[int]:
        return mapped_column(Integer, ForeignKey("users.id"))
