"""Running the scheduled work: once (`ninja-api run-scheduled`), or every minute inside `serve`.

`serve` starts a background thread from the app's lifespan when `RUN_SCHEDULER` is on (the CLI
turns it on; tests and a plain `create_app()` leave it off), so a single machine needs no cron.
Several server processes may each run it: the job's claims keep every cycle to one document.
"""

import logging
import threading
from contextlib import asynccontextmanager
from datetime import datetime

from fastapi import FastAPI

from ninja_api.mail.transport import Transport
from ninja_api.models.base import utcnow
from ninja_api.scheduler import jobs

log = logging.getLogger("ninja_api.scheduler")

INTERVAL_SECONDS = 60


def run_once(sessionmaker, transport: Transport, now: datetime | None = None) -> jobs.Report:
    """The scheduled work, then every webhook delivery that is due (retries included)."""
    from ninja_api.webhooks.delivery import deliver_due

    with sessionmaker() as session:
        report = jobs.run(session, now or utcnow(), transport)
    report.webhooks = deliver_due(sessionmaker, now)
    return report


class Ticker:
    """Calls the job every `interval` seconds on a daemon thread until stopped."""

    def __init__(self, sessionmaker, transport: Transport, interval: float = INTERVAL_SECONDS) -> None:
        self.sessionmaker, self.transport, self.interval = sessionmaker, transport, interval
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="ninja-scheduler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30) -> None:
        self._stopped.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stopped.is_set():
            try:
                report = run_once(self.sessionmaker, self.transport)
                if report.generated or report.failed or report.reminded:
                    log.info("scheduled run: %s generated, %d failed, %s reminders",
                             {k: len(v) for k, v in report.generated.items()}, len(report.failed),
                             {k: len(v) for k, v in report.reminded.items()})
            except Exception:  # the database may be briefly unreachable; try again next minute
                log.exception("scheduled run failed")
            self._stopped.wait(self.interval)


@asynccontextmanager
async def lifespan(app: FastAPI):
    from ninja_api.webhooks.worker import DeliveryWorker

    ticker = worker = None
    if app.state.settings.run_scheduler:
        ticker = Ticker(app.state.sessionmaker, app.state.mailer)
        ticker.start()
        # Webhook deliveries go out as soon as a request commits them, not on the next tick.
        worker = app.state.webhook_worker = DeliveryWorker(app.state.sessionmaker)
        worker.start()
    try:
        yield
    finally:
        if ticker is not None:
            ticker.stop()
        if worker is not None:
            worker.stop()
