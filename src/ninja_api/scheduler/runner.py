"""Running the scheduled work: once (`ninja-api run-scheduled`), or as a job every minute.

The tick (`Ticker`) only queues the job `scheduler.run`; whoever runs jobs runs it: the server's
own threads on the embedded default, a `ninja-api worker` when QUEUE_URL names a broker (there
the tick lives in `ninja-api scheduler`, the server runs none). Several ticks at once (server
processes with `--workers 2`) are harmless: the work's claims keep every cycle to one document.
"""

import logging
import threading
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import delete
from sqlalchemy.orm import Session

from ninja_api.jobs import dispatch, registry, runner
from ninja_api.jobs.queue import enqueue
from ninja_api.models import Job
from ninja_api.models.base import utcnow
from ninja_api.scheduler import jobs

log = logging.getLogger("ninja_api.scheduler")

INTERVAL_SECONDS = 60
RUN_JOB = "scheduler.run"
# Finished jobs are kept this long, for whoever looks at what ran.
KEEP_DONE = timedelta(days=7)
KEEP_FAILED = timedelta(days=30)


def run_once(env: runner.Env, now: datetime | None = None) -> jobs.Report:
    """The scheduled work, then every webhook delivery that is due (retries included)."""
    from ninja_api.webhooks.delivery import deliver_due

    now = now or utcnow()
    with env.sessionmaker() as session:
        report = jobs.run(session, now, env)
        session.execute(delete(Job).where(Job.status == "done", Job.finished_at < now - KEEP_DONE))
        session.execute(delete(Job).where(Job.status == "failed", Job.finished_at < now - KEEP_FAILED))
        session.commit()
    report.webhooks = deliver_due(env.sessionmaker, now)
    return report


@registry.named(RUN_JOB)
def _run_job(session: Session, payload: dict, env: runner.Env) -> None:
    # The work commits cycle by cycle in sessions of its own (its claims make a second run harmless).
    report = run_once(env)
    if report.generated or report.failed or report.reminded:
        log.info("scheduled run: %s generated, %d failed, %s reminders",
                 {k: len(v) for k, v in report.generated.items()}, len(report.failed),
                 {k: len(v) for k, v in report.reminded.items()})


def tick(env: runner.Env) -> None:
    with env.sessionmaker() as session:
        enqueue(session, RUN_JOB, {}, max_attempts=1)  # the next tick is the retry
        env.commit(session)


class Ticker:
    """Calls `each` every `interval` seconds on a daemon thread until stopped."""

    def __init__(self, each, interval: float = INTERVAL_SECONDS, name: str = "ninja-scheduler") -> None:
        self.each, self.interval = each, interval
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30) -> None:
        self._stopped.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stopped.is_set():
            try:
                self.each()
            except Exception:  # the database may be briefly unreachable; try again next time
                log.exception("scheduled tick failed")
            self._stopped.wait(self.interval)


@asynccontextmanager
async def lifespan(app: FastAPI):
    """`serve`: jobs run on the server's threads (or go to the broker), and the tick runs here
    unless a broker is configured (then `ninja-api scheduler` ticks)."""
    settings, state = app.state.settings, app.state
    ticker = None
    if settings.run_scheduler:
        state.jobs = dispatch.for_settings(runner.Env(state), settings, background=True)
        state.jobs.start()
        if not settings.queue_url:
            ticker = Ticker(lambda: tick(runner.Env(state)))
            ticker.start()
    try:
        yield
    finally:
        if ticker is not None:
            ticker.stop()
        state.jobs.stop()
