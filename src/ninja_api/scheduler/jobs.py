"""The scheduled work, run once for a moment `now`: no HTTP, a session and the jobs environment.

`run` generates every recurring invoice, recurring quote and recurring expense that is due
(active, cycles left, `next_send_date` ≤ now), one cycle at a time and again while a row is still due, so a server that
was down catches up with every cycle it missed, each dated its own day.

Each cycle is its own unit of work: the company row is locked (as every numbering request does,
so the lock order is the same), the recurring row is claimed with an UPDATE that moves its
schedule on only if `next_send_date` still holds the value that made it due, then the document is
generated and everything commits together; the mail the cycle queued runs as jobs after that
commit. A second process running the same moment finds the claim already taken (its
UPDATE matches no row once the first commits) and skips the row, so every cycle yields exactly
one document on PostgreSQL, MariaDB and SQLite alike. A cycle that fails rolls back whole.

Then every invoice and quote reminder that is due goes out once (`reminders.py`,
`quote_reminders.py`), and the late-invoice and expired-quote webhooks fire (`late.py`). A quote's
expired status itself is computed when it is read.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from ninja_api.billing.settings import ClientSettings
from ninja_api.jobs import queue
from ninja_api.models import Client, Company
from ninja_api.recurring import generate, schedule
from ninja_api.recurring.kind import RecurringKind
from ninja_api.scheduler import late, quote_reminders, reminders
from ninja_api.scheduler.actor import actor_for
from ninja_api.webhooks import outbox as _webhook_outbox  # noqa: F401 - registers the session listeners

log = logging.getLogger("ninja_api.scheduler")

# A row is sent at most this many times in one run (a daily schedule years behind catches up).
MAX_PASSES = 1000


@dataclass
class Report:
    generated: dict[str, list[int]] = field(default_factory=dict)  # target entity → new ids
    failed: list[tuple[str, int, str]] = field(default_factory=list)  # (entity, recurring id, error)
    # reminder template → invoice ids, and "quote_reminder1" → quote ids
    reminded: dict[str, list[int]] = field(default_factory=dict)
    webhooks: dict[int, str] = field(default_factory=dict)  # delivery id → status after its attempt
    late: list[int] = field(default_factory=list)  # invoices whose "late invoice" webhook fired
    expired: list[int] = field(default_factory=list)  # quotes whose "expired quote" webhook fired

    def count(self, entity: str) -> int:
        return len(self.generated.get(entity, []))


def lock_company_row(session: Session, company_id: int) -> Company:
    # The first statement of the unit of work, so MariaDB's snapshot starts after the lock.
    return session.scalars(select(Company).where(Company.id == company_id).with_for_update()
                           .execution_options(populate_existing=True)).one()


def claim(session: Session, model, row, following: dict) -> bool:
    """Move `row`'s schedule on to `following`, only if no other process moved it since it was read."""
    update_ = (update(model)
               .where(model.id == row.id, model.next_send_date == row.next_send_date,
                      model.status_id == schedule.ACTIVE)
               .values(**following)
               .execution_options(synchronize_session=False))
    if session.execute(update_).rowcount != 1:
        return False
    session.refresh(row)
    return True


def due_filter(model, now: datetime):
    return (model.status_id == schedule.ACTIVE, model.is_deleted.is_(False), model.deleted_at.is_(None),
            model.remaining_cycles != 0, model.next_send_date.is_not(None), model.next_send_date <= now)


@dataclass(frozen=True)
class DocumentSource:
    """Recurring invoices or quotes: each due cycle sends one document to the row's client."""

    kind: RecurringKind

    @property
    def entity(self) -> str:
        return self.kind.entity

    @property
    def target(self) -> str:
        return self.kind.target.entity

    def due_rows(self, session: Session, now: datetime) -> list[tuple[int, int]]:
        """(id, company id) of every row due at `now`, of live clients in enabled companies, oldest first."""
        model = self.kind.model
        live_client = exists().where(Client.id == model.client_id, Client.is_deleted.is_(False),
                                     Client.deleted_at.is_(None))
        enabled = exists().where(Company.id == model.company_id, Company.is_disabled.is_(False))
        query = (select(model.id, model.company_id).where(*due_filter(model, now), live_client, enabled)
                 .order_by(model.next_send_date, model.id))
        return [(row.id, row.company_id) for row in session.execute(query)]

    def send_cycle(self, session: Session, recurring_id: int, company_id: int, now: datetime):
        """Claim and send one cycle of one row; the generated document, or None when there was
        nothing to do (another process took the cycle, or the row stopped being due). Does not commit."""
        kind, model = self.kind, self.kind.model
        company = lock_company_row(session, company_id)
        doc = session.scalars(select(model).where(model.id == recurring_id, *due_filter(model, now))
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
        if not claim(session, model, doc, following):
            return None
        return generate.send(session, ctx, kind, doc, cycle, now)


def sources() -> tuple:
    """Everything that recurs, in the order a run works through it."""
    from ninja_api.recurring_expenses.generate import RECURRING_EXPENSES
    from ninja_api.recurring_invoices.kind import RECURRING_INVOICE
    from ninja_api.recurring_quotes.kind import RECURRING_QUOTE

    return DocumentSource(RECURRING_INVOICE), DocumentSource(RECURRING_QUOTE), RECURRING_EXPENSES


def run(session: Session, now: datetime, env) -> Report:
    """Everything due at `now` (naive UTC). Commits after each cycle; never raises for one row."""
    report = Report()
    for source in sources():
        settled: set[int] = set()  # failed or skipped this run: not tried again
        for _ in range(MAX_PASSES):
            due = [(rid, cid) for rid, cid in source.due_rows(session, now) if rid not in settled]
            session.rollback()
            progressed = False
            for recurring_id, company_id in due:
                try:
                    made = source.send_cycle(session, recurring_id, company_id, now)
                    env.commit(session)
                except Exception as exc:  # one broken row must not stop the others
                    queue.discard(session)
                    session.rollback()
                    log.exception("%s %s: cycle failed", source.entity, recurring_id)
                    report.failed.append((source.entity, recurring_id, str(exc) or exc.__class__.__name__))
                    settled.add(recurring_id)
                    continue
                if made is None:
                    settled.add(recurring_id)
                    continue
                progressed = True
                report.generated.setdefault(source.target, []).append(made.id)
            if not progressed:
                break
    # Reminders after the cycles, so an invoice generated and due today is considered too.
    report.reminded = {**reminders.run(session, now, env), **quote_reminders.run(session, now, env)}
    for name, fire in (("late", late.late_invoices), ("expired", late.expired_quotes)):
        try:
            setattr(report, name, fire(session, now, env))
        except Exception:  # these webhooks must not stop the run either
            session.rollback()
            log.exception("%s webhooks failed", name)
    return report
