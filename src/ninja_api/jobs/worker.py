"""The processes of a scaled deployment: `ninja-api worker` runs jobs from the broker,
`ninja-api scheduler` queues the scheduled work and sends again what is due but unclaimed."""

import logging
import signal
import threading
from datetime import timedelta
from types import SimpleNamespace

from ninja_api.db import make_engine, make_sessionmaker, pool_options
from ninja_api.jobs import dispatch, runner
from ninja_api.mail.transport import transport_for
from ninja_api.models.base import utcnow
from ninja_api.settings import get_settings

log = logging.getLogger("ninja_api.jobs")

# A job that was sent and is not claimed after this long is sent again (its message was lost).
RESEND_AFTER = timedelta(seconds=30)
SWEEP_SECONDS = 10

_env: runner.Env | None = None


def env() -> runner.Env:
    """This process's job environment, built from the settings on first use."""
    global _env
    if _env is None:
        settings = get_settings()
        if not settings.queue_url:
            raise SystemExit("QUEUE_URL is not set: without a broker, `ninja-api serve` runs the jobs itself")
        state = SimpleNamespace(settings=settings, mailer=transport_for(settings),
                                sessionmaker=make_sessionmaker(make_engine(settings.database_url,
                                                                           **pool_options(settings))))
        _env = runner.Env(state)
        state.jobs = dispatch.Broker(_env, settings.queue_url)
    return _env


def _until_stopped() -> threading.Event:
    stopped = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopped.set())
    return stopped


def work(threads: int) -> int:
    import dramatiq

    from ninja_api.jobs import broker

    job_env = env()
    actor = broker.actor(job_env.settings.queue_url)
    worker = dramatiq.Worker(actor.broker, queues={broker.QUEUE_NAME}, worker_threads=threads)
    worker.start()
    log.info("worker running %d threads on %s", threads, broker.QUEUE_NAME)
    _until_stopped().wait()
    worker.stop()
    return 0


def resend_due(job_env: runner.Env, grace: timedelta = RESEND_AFTER) -> int:
    """Send again every job that is due and nobody claimed for `grace`: retries whose time came,
    messages lost between a commit and the broker, jobs of a worker that died mid-run."""
    with job_env.sessionmaker() as session:
        found = runner.due(session, utcnow() - grace)
    job_env.state.jobs.submit(found)
    return len(found)


def schedule() -> int:
    from ninja_api.scheduler.runner import INTERVAL_SECONDS, tick

    job_env = env()
    stopped = _until_stopped()
    last_tick = None
    while not stopped.is_set():
        try:
            now = utcnow()
            if last_tick is None or (now - last_tick).total_seconds() >= INTERVAL_SECONDS:
                tick(job_env)
                last_tick = now
            resend_due(job_env)
        except Exception:  # the database or the broker may be briefly unreachable
            log.exception("scheduler pass failed")
        stopped.wait(SWEEP_SECONDS)
    return 0
