"""The scheduled work, run once for a moment `now`: no HTTP, a session and a mail transport.

`run` generates every recurring invoice and recurring quote that is due (active, cycles left,
`next_send_date` ≤ now), one cycle at a time and again while a row is still due, so a server that
was down catches up with every cycle it missed, each dated its own day.

Each cycle is its own unit of work: the company row is locked (as every numbering request does,
so the lock order is the same), the recurring row is claimed with an UPDATE that moves its
schedule on only if `next_send_date` still holds the value that made it due, then the document is
generated and everything commits together; mail queued by the cycle is handed to the transport
after that commit. A second process running the same moment finds the claim already taken (its
UPDATE matches no row once the first commits) and skips the row, so every cycle yields exactly
one document on PostgreSQL, MariaDB and SQLite alike. A cycle that fails rolls back whole.

Then every invoice reminder that is due goes out once (`reminders.py`). Quotes that expire need
nothing here: their expired status is computed when they are read.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from ninja_api.billing.settings import ClientSettings
from ninja_api.mail import outbox
from ninja_api.mail.transport import Transport
from ninja_api.models import Client, Company
from ninja_api.recurring import generate, schedule
from ninja_api.recurring.kind import RecurringKind
from ninja_api.scheduler import reminders
from ninja_api.scheduler.actor import actor_for

log = logging.getLogger("ninja_api.scheduler")

# A row is sent at most this many times in one run (a daily schedule years behind catches up).
MAX_PASSES = 1000


@dataclass
class Report:
    generated: dict[str, list[int]] = field(default_factory=dict)  # target entity → new ids
    failed: list[tuple[str, int, str]] = field(default_factory=list)  # (entity, recurring id, error)
    reminded: dict[str, list[int]] = field(default_factory=dict)  # reminder template → invoice ids

    def count(self, entity: str) -> int:
        return len(self.generated.get(entity, []))


def recurring_kinds() -> tuple[RecurringKind, ...]:
    from ninja_api.recurring_invoices.kind import RECURRING_INVOICE
    from ninja_api.recurring_quotes.kind import RECURRING_QUOTE

    return RECURRING_INVOICE, RECURRING_QUOTE


def _due_filter(model, now: datetime):
    return (model.status_id == schedule.ACTIVE, model.is_deleted.is_(False), model.deleted_at.is_(None),
            model.remaining_cycles != 0, model.next_send_date.is_not(None), model.next_send_date <= now)


def due_rows(session: Session, kind: RecurringKind, now: datetime) -> list[tuple[int, int]]:
    """(id, company id) of every row due at `now`, of live clients in enabled companies, oldest first."""
    model = kind.model
    live_client = exists().where(Client.id == model.client_id, Client.is_deleted.is_(False),
                                 Client.deleted_at.is_(None))
    enabled = exists().where(Company.id == model.company_id, Company.is_disabled.is_(False))
    query = (select(model.id, model.company_id).where(*_due_filter(model, now), live_client, enabled)
             .order_by(model.next_send_date, model.id))
    return [(row.id, row.company_id) for row in session.execute(query)]


def _lock_company(session: Session, company_id: int) -> Company:
    # The first statement of the unit of work, so MariaDB's snapshot starts after the lock.
    return session.scalars(select(Company).where(Company.id == company_id).with_for_update()
                           .execution_options(populate_existing=True)).one()


def send_cycle(session: Session, kind: RecurringKind, recurring_id: int, company_id: int, now: datetime):
    """Claim and send one cycle of one row; the generated document, or None when there was nothing
    to do (another process took the cycle, or the row stopped being due). Does not commit."""
    model = kind.model
    company = _lock_company(session, company_id)
    doc = session.scalars(select(model).where(model.id == recurring_id, *_due_filter(model, now))
                          .execution_options(populate_existing=True)).one_or_none()
    if doc is None:
        return None
    ctx = actor_for(session, company, doc.user_id)
    if ctx is None:
        raise LookupError("no active user with a token can act for this company")
    settings = ClientSettings(session, company, session.get(Client, doc.client_id))
    if generate.blocked_by_unpaid(session, kind, doc, settings):
        return None
    cycle, following = generate.next_cycle(doc, settings, now)
    claim = (update(model)
             .where(model.id == doc.id, model.next_send_date == doc.next_send_date,
                    model.status_id == schedule.ACTIVE)
             .values(**following)
             .execution_options(synchronize_session=False))
    if session.execute(claim).rowcount != 1:
        return None
    session.refresh(doc)
    return generate.send(session, ctx, kind, doc, cycle, now)


def run(session: Session, now: datetime, transport: Transport, kinds: tuple[RecurringKind, ...] | None = None) -> Report:
    """Everything due at `now` (naive UTC). Commits after each cycle; never raises for one row."""
    report = Report()
    for kind in kinds or recurring_kinds():
        settled: set[int] = set()  # failed or skipped this run: not tried again
        for _ in range(MAX_PASSES):
            due = [(rid, cid) for rid, cid in due_rows(session, kind, now) if rid not in settled]
            session.rollback()
            progressed = False
            for recurring_id, company_id in due:
                try:
                    made = send_cycle(session, kind, recurring_id, company_id, now)
                    session.commit()
                except Exception as exc:  # one broken row must not stop the others
                    outbox.discard(session)
                    session.rollback()
                    log.exception("%s %s: cycle failed", kind.entity, recurring_id)
                    report.failed.append((kind.entity, recurring_id, str(exc) or exc.__class__.__name__))
                    settled.add(recurring_id)
                    continue
                outbox.deliver(session, transport)
                if made is None:
                    settled.add(recurring_id)
                    continue
                progressed = True
                report.generated.setdefault(kind.target.entity, []).append(made.id)
            if not progressed:
                break
    # Reminders after the cycles, so an invoice generated and due today is considered too.
    report.reminded = reminders.run(session, now, transport)
    return report
