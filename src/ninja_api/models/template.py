from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, utcnow
from ninja_api.models.types import Timestamp


class TemplatePreview(Base):
    """A rendered template waiting to be fetched once by its hash (upstream keeps a file)."""

    __tablename__ = "template_previews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer, ForeignKey("companies.id"), index=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.id"))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # BLOB tops out at 64 KiB on MariaDB; a PDF needs the long kind.
    pdf: Mapped[bytes] = mapped_column(LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb"))
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
