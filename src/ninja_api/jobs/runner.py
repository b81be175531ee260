"""Running one job: claim it, run it in a unit of work of its own, record how it went.

The claim is an UPDATE committed before the work starts: it moves the row to `running` with a
lease, and only one claimant can win it. The work's own writes commit together with the row
becoming `done`, and only if the claim is still the runner's (same attempt): a runner that
outlived its lease and lost the job to another rolls its writes back. So the database side of a
job happens exactly once however often its message is delivered; what it sends out (a mail, a
webhook) happens at least once. A job that raises is tried again later, up to its attempts.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from ninja_api.jobs import queue, registry
from ninja_api.models import Job
from ninja_api.models.base import utcnow

log = logging.getLogger("ninja_api.jobs")

# Seconds before attempt n + 1, after attempt n failed; the last figure repeats.
BACKOFF_SECONDS = (10, 60, 300, 1800, 7200)


class Env:
    """What a job runs with: the process's sessionmaker, mail transport, settings and dispatcher,
    read from an app's `state` (or a worker's stand-in) when used, so tests may swap them."""

    def __init__(self, state) -> None:
        self.state = state

    @property
    def sessionmaker(self):
        return self.state.sessionmaker

    @property
    def mailer(self):
        return self.state.mailer

    @property
    def settings(self):
        return self.state.settings

    def commit(self, session: Session) -> None:
        """Commit `session` and hand the jobs it queued to the dispatcher."""
        session.commit()
        self.state.jobs.submit(queue.committed(session))


@dataclass(frozen=True)
class Claimed:
    id: int
    name: str
    payload: dict
    attempt: int
    max_attempts: int


def _claimable(now: datetime):
    return and_(Job.run_at <= now, or_(Job.status == "pending", and_(Job.status == "running", Job.locked_until < now)))


def claim(sessionmaker, job_id: int, now: datetime, lease: timedelta) -> Claimed | None:
    with sessionmaker() as session:
        won = session.execute(
            update(Job).where(Job.id == job_id, _claimable(now))
            .values(status="running", attempts=Job.attempts + 1, locked_until=now + lease)
            .execution_options(synchronize_session=False))
        if won.rowcount != 1:
            session.rollback()
            return None
        job = session.get(Job, job_id)
        claimed = Claimed(job.id, job.name, job.payload, job.attempts, job.max_attempts)
        session.commit()
        return claimed


def _still_ours(job: Claimed):
    return update(Job).where(Job.id == job.id, Job.status == "running", Job.attempts == job.attempt) \
        .execution_options(synchronize_session=False)


def run(env: Env, job_id: int, now: datetime | None = None) -> str | None:
    """Run job `job_id` if it is due and nobody holds it: "done", "retry" or "failed"; None when
    there was nothing to run (done already, held by another runner, not due, gone)."""
    now = now or utcnow()
    job = claim(env.sessionmaker, job_id, now, timedelta(seconds=env.settings.job_lease_seconds))
    if job is None:
        return None
    with env.sessionmaker() as session:
        try:
            registry.function(job.name)(session, job.payload, env)
            finished = session.execute(_still_ours(job).values(
                status="done", finished_at=utcnow(), locked_until=None, last_error=None))
            if finished.rowcount != 1:
                session.rollback()
                log.warning("job %s (%s) lost its claim while it ran; its writes were rolled back", job.id, job.name)
                return None
            env.commit(session)
            return "done"
        except Exception as exc:  # a job's failure is recorded on the job, never raised to its runner
            session.rollback()
            queue.discard(session)
            error = f"{exc.__class__.__name__}: {exc}"
            log.exception("job %s (%s) attempt %s failed", job.id, job.name, job.attempt)
    final = job.attempt >= job.max_attempts
    delay = BACKOFF_SECONDS[min(job.attempt, len(BACKOFF_SECONDS)) - 1]
    with env.sessionmaker() as session:
        session.execute(_still_ours(job).values(
            status="failed" if final else "pending", locked_until=None, last_error=error[:4000],
            run_at=now + timedelta(seconds=0 if final else delay), finished_at=utcnow() if final else None))
        session.commit()
    return "failed" if final else "retry"


def due(session: Session, now: datetime, limit: int = 100) -> list[int]:
    """Jobs that should run at `now` and are not running: new, retried, or left by a runner that died."""
    return list(session.scalars(select(Job.id).where(_claimable(now)).order_by(Job.run_at, Job.id).limit(limit)))


def run_due(env: Env, now: datetime | None = None, limit: int = 100) -> dict[int, str | None]:
    """Run every due job here and now, in order; what became of each."""
    now = now or utcnow()
    with env.sessionmaker() as session:
        found = due(session, now, limit)
    return {job_id: run(env, job_id, now) for job_id in found}
