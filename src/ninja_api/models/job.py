"""Work that must not run inside a request, recorded where every process sees it.

The row is the job's truth whatever runs it (a thread of the server, or a queue worker fed by a
broker): a message only says "look at job N", so a message lost, repeated or redelivered can
neither drop nor double the work.
"""

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ninja_api.models.base import Base, utcnow
from ninja_api.models.types import JSONText, Timestamp


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_due", "status", "run_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    payload: Mapped[dict] = mapped_column(JSONText(), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")  # pending, running, done, failed
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=5)
    # When it may run next; while running, until when its claim holds.
    run_at: Mapped[datetime] = mapped_column(Timestamp(), nullable=False, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(Timestamp())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), nullable=False, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(Timestamp())
