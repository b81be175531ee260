"""Queueing a job: a row in the unit of work that wants it, run only once that unit commits.

The row commits with the change or rolls back with it, so a job exists exactly when the work that
asked for it happened; whoever committed hands the new ids to the dispatcher (`committed`).
"""

from datetime import timedelta

from sqlalchemy.orm import Session

from ninja_api.jobs import registry
from ninja_api.models import Job
from ninja_api.models.base import utcnow

_KEY = "ninja_jobs"
_ONCE_KEY = "ninja_jobs_once"


def enqueue(session: Session, name: str, payload: dict, *, max_attempts: int = 5,
            delay: timedelta | None = None) -> Job:
    registry.function(name)  # a misspelt name fails the request that asked, not a worker later
    job = Job(name=name, payload=payload, max_attempts=max_attempts, status="pending", attempts=0,
              run_at=utcnow() + (delay or timedelta(0)))
    session.add(job)
    session.flush()
    if delay is None:
        session.info.setdefault(_KEY, []).append(job.id)
    return job


def enqueue_once(session: Session, name: str) -> None:
    """Queue job `name` (no payload) unless this unit of work already did: a job that works through
    whatever is due (webhook deliveries) needs to run once per commit, however much was added."""
    queued = session.info.setdefault(_ONCE_KEY, set())
    if name not in queued:
        queued.add(name)
        enqueue(session, name, {})


def committed(session: Session) -> list[int]:
    """The jobs the unit of work that just committed queued to run now (and forget them)."""
    session.info.pop(_ONCE_KEY, None)
    return session.info.pop(_KEY, [])


def discard(session: Session) -> None:
    session.info.pop(_KEY, None)
    session.info.pop(_ONCE_KEY, None)
