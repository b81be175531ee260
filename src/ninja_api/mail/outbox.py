"""Mail composed during a request leaves only after the request has committed.

Services queue on the session; `UnitOfWorkRoute` hands the queue to the app's transport once the
commit succeeded, so a rolled-back request never sends anything. A failed delivery is reported to
the mail's `on_failure`, which records it in a unit of work of its own.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ninja_api.mail.message import Mail
from ninja_api.mail.transport import Transport

log = logging.getLogger("ninja_api.mail")

_KEY = "ninja_outbox"


@dataclass
class Pending:
    mail: Mail
    on_failure: Callable[[Session, str], None] | None = None


def queue(session: Session, mail: Mail, on_failure: Callable[[Session, str], None] | None = None) -> None:
    session.info.setdefault(_KEY, []).append(Pending(mail, on_failure))


def discard(session: Session) -> None:
    session.info.pop(_KEY, None)


def deliver(session: Session, transport: Transport) -> None:
    """Send what the committed unit of work queued; failures are recorded, never raised."""
    pending: list[Pending] = session.info.pop(_KEY, [])
    for item in pending:
        try:
            transport.send(item.mail)
        except Exception as exc:  # any transport error: the request already succeeded
            log.warning("mail to %s failed: %s", item.mail.to, exc)
            if item.on_failure is None:
                continue
            try:
                item.on_failure(session, str(exc) or exc.__class__.__name__)
                session.commit()
            except Exception:
                log.exception("could not record the failed mail to %s", item.mail.to)
                session.rollback()
