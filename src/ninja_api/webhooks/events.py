"""Which webhook event a write is, noticed where every write passes: the session's flush.

Upstream fires its events from model observers; here a listener on every session looks at what a
flush wrote for the watched entities. A row new in this unit of work is its CREATE event, whatever
else happened to it; otherwise a delete (is_deleted set), restore (deleted_at cleared) or archive
(deleted_at set) outranks a plain update. Events that are not a row change (an invoice sent, a
quote approved) are fired by the service that does them (`fire`). Nothing leaves here: the events
wait on the session until `outbox` turns them into deliveries just before the commit.
"""

from dataclasses import dataclass

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ninja_api.models import (
    Client, Credit, Expense, Invoice, Payment, Product, Project, PurchaseOrder, Quote, Task, Vendor,
)

PENDING_KEY = "ninja_webhook_events"


@dataclass(frozen=True)
class Watched:
    entity: str  # upstream's entity name (the retry route's `entity`)
    events: dict[str, int]  # create / update / delete / archive / restore / others → event id
    include: str = ""  # what upstream adds to the payload


def _ids(create, update, delete, archive, restore, **more) -> dict[str, int]:
    return {"create": create, "update": update, "delete": delete, "archive": archive, "restore": restore, **more}


WATCHED: dict[type, Watched] = {
    Client: Watched("client", _ids(1, 10, 11, 37, 45)),
    Invoice: Watched("invoice", _ids(2, 8, 9, 33, 41, sent=60, late=22, remind=24), "client"),
    Quote: Watched("quote", _ids(3, 6, 7, 34, 42, sent=61, approve=21, expired=23, remind=64), "client"),
    Payment: Watched("payment", _ids(4, 31, 12, 32, 40), "invoices,client"),
    Vendor: Watched("vendor", _ids(5, 13, 14, 48, 49)),
    Expense: Watched("expense", _ids(15, 16, 17, 39, 47)),
    Task: Watched("task", _ids(18, 19, 20, 36, 44)),
    Project: Watched("project", _ids(25, 26, 30, 38, 46), "client"),
    Credit: Watched("credit", _ids(27, 28, 29, 35, 43, sent=62)),
    Product: Watched("product", _ids(50, 51, 52, 54, 53)),
    PurchaseOrder: Watched("purchase_order", _ids(55, 56, 57, 59, 58, sent=63), "vendor"),
}
BY_ENTITY = {w.entity: model for model, w in WATCHED.items()}
# Upstream's Webhook::$valid_events: every event id from 1 to 64.
VALID_EVENTS = frozenset(range(1, 65))
_RANK = {"update": 0, "archive": 1, "restore": 1, "delete": 2, "create": 3}


def pending(session: Session) -> dict:
    """{(model, id): event name} of row changes, then explicit events under the key None."""
    return session.info.setdefault(PENDING_KEY, {})


def fire(session: Session, row, name: str) -> None:
    """An event that is not a row change (`sent`, `approve`...), for a watched row."""
    pending(session).setdefault(None, []).append((type(row), row.id, name))


def _changed(obj, name: str):
    history = inspect(obj).attrs[name].history
    return (history.deleted[0] if history.deleted else None, history.added[0] if history.added else None) \
        if history.has_changes() else None


def _event_of(session: Session, obj) -> str | None:
    if not session.is_modified(obj, include_collections=False):
        return None
    deleted = _changed(obj, "is_deleted")
    if deleted is not None and deleted[1]:
        return "delete"
    archived = _changed(obj, "deleted_at")
    if archived is not None:
        before, after = archived
        if after is None and before is not None:
            return "restore"
        if after is not None and before is None:
            return "archive"
    return "update"


def _note(found: dict, key, name: str) -> None:
    if _RANK[name] >= _RANK.get(found.get(key), -1):
        found[key] = name


@event.listens_for(Session, "after_flush")
def _collect(session: Session, flush_context) -> None:
    found = None
    for obj in session.new:
        if type(obj) in WATCHED:
            found = found if found is not None else pending(session)
            _note(found, (type(obj), obj.id), "create")
    for obj in session.dirty:
        if type(obj) in WATCHED:
            name = _event_of(session, obj)
            if name is not None:
                found = found if found is not None else pending(session)
                _note(found, (type(obj), obj.id), name)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)
