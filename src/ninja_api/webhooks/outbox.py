"""Events become deliveries in the unit of work that caused them, just before it commits.

Each event a unit of work collected (`events`) is matched with the company's live webhooks for it;
each match stores one delivery row holding the exact body to send: the entity as its API JSON
renders it, bare (no `data` wrapper), with upstream's extra includes. The rows commit with the
change or roll back with it, so a request that fails sends nothing and a committed one cannot lose
its deliveries if the process stops. The commit also queues one job to send what is due
(`delivery.deliver_due`); the scheduled run each minute sends retries.
"""

import logging

from sqlalchemy import event, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from ninja_api.http.rendering import dumps
from ninja_api.jobs.queue import enqueue_once
from ninja_api.http.resource import include_tree, render_one
from ninja_api.models import Company, WebhookDelivery
from ninja_api.models.base import utcnow
from ninja_api.scheduler.actor import actor_for
from ninja_api.webhooks import events, repository
from ninja_api.webhooks.delivery import DELIVER_JOB

log = logging.getLogger("ninja_api.webhooks")

def resource_for(model):
    from ninja_api.clients.resource import client_resource
    from ninja_api.credits.resource import credit_resource
    from ninja_api.expenses.resource import expense_resource
    from ninja_api.invoices.resource import invoice_resource
    from ninja_api.payments.resource import payment_resource
    from ninja_api.products.resource import product_resource
    from ninja_api.projects.resource import project_resource
    from ninja_api.purchase_orders.resource import purchase_order_resource
    from ninja_api.quotes.resource import quote_resource
    from ninja_api.tasks.resource import task_resource
    from ninja_api.vendors.resource import vendor_resource

    resources = (client_resource, credit_resource, expense_resource, invoice_resource, payment_resource,
                 product_resource, project_resource, purchase_order_resource, quote_resource, task_resource,
                 vendor_resource)
    return next(r for r in resources if r.model is model)


def render(session: Session, company: Company, row, actors: dict | None = None) -> bytes | None:
    """The body upstream sends for `row`: its JSON with the event's includes; None when nobody
    of the company can be acted for (no user with a token). `actors` caches who acts, per user."""
    actors = {} if actors is None else actors
    key = (company.id, row.user_id)
    if key not in actors:
        actors[key] = actor_for(session, company, row.user_id)
    ctx = actors[key]
    if ctx is None:
        return None
    watched = events.WATCHED[type(row)]
    return dumps(render_one(session, resource_for(type(row)), row, include_tree(watched.include), ctx))


def _rows(session: Session, found: dict) -> list[tuple[object, int]]:
    """(row, event id) of every collected event, in the order they happened."""
    wanted = [(key[0], key[1], name) for key, name in found.items() if key is not None]
    wanted += found.get(None, [])
    # The session holds unchanged rows weakly: rows written by a bulk (a line's new products) may
    # be gone from it by now. Those come back in one query per model, not one each.
    rows = {(model, key): session.identity_map.get(identity_key(model, key)) for model, key, _ in wanted}
    missing: dict[type, list] = {}
    for (model, key), row in rows.items():
        if row is None:
            missing.setdefault(model, []).append(key)
    for model, keys in missing.items():
        for row in session.scalars(select(model).where(model.id.in_(keys))):
            rows[(model, row.id)] = row
    out = []
    for model, key, name in wanted:
        event_id = events.WATCHED[model].events.get(name)
        row = rows[(model, key)]
        if event_id is not None and row is not None:
            out.append((row, event_id))
    return out


def enqueue(session: Session) -> int:
    """Store a delivery for every collected event a live webhook listens to; how many."""
    found = session.info.pop(events.PENDING_KEY, None)
    if not found:
        return 0
    rows = _rows(session, found)
    hooks = repository.listening(session, {row.company_id for row, _ in rows}, {e for _, e in rows})
    if not hooks:
        return 0
    now, bodies, actors, stored = utcnow(), {}, {}, 0
    for row, event_id in rows:
        for hook in hooks.get((row.company_id, event_id), []):
            key = (type(row), row.id)
            if key not in bodies:
                bodies[key] = render(session, session.get(Company, row.company_id), row, actors)
            if bodies[key] is None:
                log.warning("webhook %s: nobody can act for company %s", hook.id, row.company_id)
                continue
            session.add(WebhookDelivery(
                company_id=row.company_id, webhook_id=hook.id, event_id=event_id,
                entity=events.WATCHED[type(row)].entity, entity_id=row.id, body=bodies[key].decode(),
                status="pending", attempts=0, next_attempt_at=now))
            stored += 1
    if stored:
        session.flush()
        enqueue_once(session, DELIVER_JOB)
    return stored


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if not session.info.get(events.PENDING_KEY):
        return
    try:
        # In a savepoint: deliveries that cannot be stored must not cost the request its commit.
        with session.begin_nested():
            enqueue(session)
    except Exception:
        session.info.pop(events.PENDING_KEY, None)
        log.exception("webhook deliveries could not be stored; the change commits without them")

