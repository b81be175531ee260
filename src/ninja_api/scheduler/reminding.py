"""What invoice and quote reminders share: the candidates, the locked read, the claim and the run.

A reminder is claimed with an UPDATE whose condition only holds while the reminder has not gone
out, so of two processes handling the same document at once one sends it and the other skips it.
"""

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from ninja_api.billing.settings import ClientSettings
from ninja_api.http.auth import AuthContext
from ninja_api.jobs import queue
from ninja_api.models import Client, Company
from ninja_api.scheduler.actor import actor_for

log = logging.getLogger("ninja_api.scheduler")


def of_live_clients(model) -> tuple:
    """The conditions of a document whose client is live and whose company is enabled."""
    live_client = exists().where(Client.id == model.client_id, Client.is_deleted.is_(False),
                                 Client.deleted_at.is_(None))
    return live_client, exists().where(Company.id == model.company_id, Company.is_disabled.is_(False))


def candidates(session: Session, model, *conditions) -> list[tuple[int, int]]:
    """(id, company id) of the live documents matching `conditions`, of live clients in enabled companies."""
    query = (select(model.id, model.company_id)
             .where(model.is_deleted.is_(False), model.deleted_at.is_(None), *of_live_clients(model), *conditions)
             .order_by(model.id))
    return [(row.id, row.company_id) for row in session.execute(query)]


def lock_company(session: Session, company_id: int) -> Company:
    # The first statement of the unit of work, so MariaDB's snapshot starts after the lock.
    return session.scalars(select(Company).where(Company.id == company_id).with_for_update()
                           .execution_options(populate_existing=True)).one()


def load(session: Session, model, doc_id: int, company_id: int):
    """The company (locked), the document as committed now, its client and their settings."""
    company = lock_company(session, company_id)
    doc = session.scalars(select(model).where(model.id == doc_id).execution_options(populate_existing=True)).one()
    client = session.get(Client, doc.client_id)
    return company, doc, client, ClientSettings(session, company, client)


def claim(session: Session, model, doc, condition, stamp: dict) -> bool:
    """Write `stamp` on `doc` only while `condition` still holds; whether this process got the reminder."""
    claimed = (update(model).where(model.id == doc.id, condition).values(**stamp)
               .execution_options(synchronize_session=False))
    if session.execute(claimed).rowcount != 1:
        return False
    session.refresh(doc)
    return True


def actor(session: Session, company: Company, doc) -> AuthContext:
    ctx = actor_for(session, company, doc.user_id)
    if ctx is None:
        raise LookupError("no active user with a token can act for this company")
    return ctx


def run_each(session: Session, found: list[tuple[int, int]], remind: Callable, now: datetime, env,
             entity: str) -> dict[str, list[int]]:
    """`remind` each (id, company id) in its own unit of work; template → ids of the reminders claimed."""
    sent: dict[str, list[int]] = {}
    session.rollback()
    for doc_id, company_id in found:
        try:
            template = remind(session, doc_id, company_id, now)
            env.commit(session)
        except Exception:  # one broken document must not stop the others
            queue.discard(session)
            session.rollback()
            log.exception("%s %s: reminder failed", entity, doc_id)
            continue
        if template is not None:
            sent.setdefault(template, []).append(doc_id)
    return sent
