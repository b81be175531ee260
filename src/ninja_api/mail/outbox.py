"""Mail leaves as a job: composed in the request, sent by whoever runs jobs once it has committed.

A rolled-back request never sends anything. What needs rendering (a PDF, a zip) is rendered by
the job, not by the request that asked, so no request holds its transaction open across a render.
The job carries the mail as data, its attachments and follow-ups by name (see `jobs.registry`):

- `attachments`: `{"fn": name, **args}`; the function gets `(session, args)` and returns a list
  of (file name, content, MIME type).
- `on_sent` / `on_failure`: `(name, args)`; the function gets `(session, args, mail)` and, for a
  failure, the error. They run in the job's unit of work, so they commit with it.

Nothing is written, so nothing is locked, before the mail has left. A transport error is an
outcome, recorded by `on_failure` (upstream marks the invitation bounced and logs it); it does not
retry. Anything else that fails the job leaves it to be retried.
"""

import dataclasses
import logging

from sqlalchemy.orm import Session

from ninja_api.db import reading
from ninja_api.jobs import registry
from ninja_api.jobs.queue import enqueue
from ninja_api.mail.message import Mail

log = logging.getLogger("ninja_api.mail")

JOB = "mail.send"


def queue(session: Session, mail: Mail, *, attachments: list[dict] = (),
          on_sent: tuple[str, dict] | None = None, on_failure: tuple[str, dict] | None = None) -> None:
    fields = dataclasses.asdict(mail)
    fields.pop("attachments")
    enqueue(session, JOB, {"mail": fields, "attachments": list(attachments), "on_sent": on_sent,
                           "on_failure": on_failure})


@registry.named(JOB)
def send(session: Session, payload: dict, env) -> None:
    mail = Mail(**payload["mail"])
    if payload["attachments"]:
        # Rendered in a read transaction of its own: the job's session, which records the outcome,
        # begins (and on SQLite takes the write lock) only once the mail has left.
        with reading(), env.sessionmaker() as reader:
            for spec in payload["attachments"]:
                args = dict(spec)
                mail.attachments.extend(registry.function(args.pop("fn"))(reader, args))
    try:
        env.mailer.send(mail)
    except Exception as exc:  # any transport error: record it, as upstream does
        log.warning("mail to %s failed: %s", mail.to, exc)
        _follow_up(session, payload["on_failure"], mail, str(exc) or exc.__class__.__name__)
        return
    _follow_up(session, payload["on_sent"], mail)


def _follow_up(session: Session, step, mail: Mail, *error) -> None:
    if step:
        name, args = step
        registry.function(name)(session, args, mail, *error)
