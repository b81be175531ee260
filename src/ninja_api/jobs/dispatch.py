"""Who runs a committed job, by deployment.

- `Inline`: the committing thread runs it at once, after its commit (a bare app: tests, one-shot
  CLI runs). Nothing runs later by itself: retries wait for `run_due`.
- `Threads`: the embedded default of `ninja-api serve`. A small pool runs jobs as they commit, and
  a poller runs what became due meanwhile: retries, and jobs a stopped process left behind.
- `Broker`: with QUEUE_URL, a message per job to Redis or RabbitMQ, for `ninja-api worker`s to
  run; `ninja-api scheduler` sends again what is due and unclaimed (retries, lost messages).
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from ninja_api.jobs import runner
from ninja_api.models.base import utcnow

log = logging.getLogger("ninja_api.jobs")

POLL_SECONDS = 5


def _run(env: runner.Env, job_id: int) -> None:
    try:
        runner.run(env, job_id)
    except Exception:  # the database may be briefly unreachable: the job waits for the next look
        log.exception("job %s could not be run", job_id)


class Inline:
    def __init__(self, env: runner.Env) -> None:
        self.env = env

    def submit(self, job_ids: list[int]) -> None:
        for job_id in job_ids:
            _run(self.env, job_id)

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


class Threads:
    def __init__(self, env: runner.Env, threads: int, poll: float = POLL_SECONDS) -> None:
        self.env, self.poll = env, poll
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="ninja-job")
        self._stopped = threading.Event()
        self._poller = threading.Thread(target=self._loop, name="ninja-jobs-poller", daemon=True)

    def submit(self, job_ids: list[int]) -> None:
        for job_id in job_ids:
            self._pool.submit(_run, self.env, job_id)

    def start(self) -> None:
        self._poller.start()

    def stop(self, timeout: float = 30) -> None:
        self._stopped.set()
        self._poller.join(timeout)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _loop(self) -> None:
        while not self._stopped.wait(self.poll):
            try:
                with self.env.sessionmaker() as session:
                    found = runner.due(session, utcnow())
                self.submit(found)  # a job already submitted is simply not claimed twice
            except Exception:
                log.exception("looking for due jobs failed")


class Broker:
    def __init__(self, env: runner.Env, queue_url: str) -> None:
        from ninja_api.jobs import broker

        self.env = env
        self.actor = broker.actor(queue_url)

    def submit(self, job_ids: list[int]) -> None:
        for job_id in job_ids:
            try:
                self.actor.send(job_id)
            except Exception:  # the broker is down: the job is in the database, the scheduler resends it
                log.exception("job %s could not be sent to the queue", job_id)

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


def for_settings(env: runner.Env, settings, *, background: bool):
    """The broker when QUEUE_URL names one; else threads for a server (`background`), inline for
    a bare app."""
    if settings.queue_url:
        return Broker(env, settings.queue_url)
    if background:
        return Threads(env, settings.job_threads)
    return Inline(env)
