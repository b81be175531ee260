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
    on_sent: Callable[[Session], None] | None = None


def queue(session: Session, mail: Mail, on_failure: Callable[[Session, str], None] | None = None,
          on_sent: Callable[[Session], None] | None = None) -> None:
    session.info.setdefault(_KEY, []).append(Pending(mail, on_failure, on_sent))


def discard(session: Session) -> None:
    session.info.pop(_KEY, None)


def deliver(session: Session, transport: Transport) -> None:
    """Send what the committed unit of work queued; outcomes are recorded, failures never raised."""
    pending: list[Pending] = session.info.pop(_KEY, [])
    for item in pending:
        try:
            transport.send(item.mail)
        except Exception as exc:  # any transport error: the request already succeeded
            log.warning("mail to %s failed: %s", item.mail.to, exc)
            _record(session, item, item.on_failure, str(exc) or exc.__class__.__name__)
            continue
        _record(session, item, item.on_sent)


def _record(session: Session, item: Pending, recorder, *args) -> None:
    if recorder is None:
        return
    try:
        recorder(session, *args)
        session.commit()
    except Exception:
        log.exception("could not record the mail to %s", item.mail.to)
        session.rollback()
