"""Throttle hits, where every server process sees them (upstream keeps them in its cache)."""

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, utcnow
from ninja_api.models.types import Timestamp


class ThrottleHit(Base):
    __tablename__ = "throttle_hits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(191), nullable=False, index=True)
    at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow, nullable=False, index=True)
