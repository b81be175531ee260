"""The in-process delivery worker of the single-machine default: a daemon thread that sends due
deliveries as soon as a request commits some, and every half minute for the retries."""

import logging
import threading

from ninja_api.webhooks.delivery import deliver_due

log = logging.getLogger("ninja_api.webhooks")

POLL_SECONDS = 30


class DeliveryWorker:
    def __init__(self, sessionmaker, poll: float = POLL_SECONDS) -> None:
        self.sessionmaker, self.poll = sessionmaker, poll
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="ninja-webhooks", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def notify(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30) -> None:
        self._stopped.set()
        self._wake.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stopped.is_set():
            self._wake.clear()
            try:
                while deliver_due(self.sessionmaker) and not self._stopped.is_set():
                    pass  # a full batch may leave more due
            except Exception:  # the database may be briefly unreachable; try again later
                log.exception("webhook delivery run failed")
            self._wake.wait(self.poll)
