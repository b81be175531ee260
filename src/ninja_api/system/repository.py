"""The job counts the health check reports, over every company as upstream's queue tables."""

from typing_extensions import TypedDict  # pydantic reads it (typing.TypedDict only from 3.12)

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ninja_api.models import Job


class QueueData(TypedDict):
    failed: int
    pending: int
    last_error: str


def queue_data(session: Session) -> QueueData:
    """Upstream counts its `jobs` (waiting or reserved) and `failed_jobs` tables and shows the
    newest failure's exception; here those are job rows pending or running, and failed."""
    counts = dict(session.execute(select(Job.status, func.count()).group_by(Job.status)).all())
    last_error = session.scalar(
        select(Job.last_error).where(Job.status == "failed")
        .order_by(Job.finished_at.desc(), Job.id.desc()).limit(1)
    )
    return {"failed": counts.get("failed", 0), "pending": counts.get("pending", 0) + counts.get("running", 0),
            "last_error": last_error or ""}
