"""Task status rules: unique names, kanban order, and the four statuses every company starts with."""

from sqlalchemy.orm import Session

from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_int, as_text
from ninja_api.models import TaskStatus
from ninja_api.task_statuses import repository

DEFAULT_NAMES = ("Backlog", "Ready to do", "In progress", "Done")


def create_defaults(session: Session, company_id: int, user_id: int | None) -> None:
    """A company's first statuses; nothing when it has some already."""
    if repository.has_any(session, company_id):
        return
    for order, name in enumerate(DEFAULT_NAMES, start=1):
        session.add(TaskStatus(company_id=company_id, user_id=user_id, name=name, color="#fff",
                               status_order=order, is_deleted=False))
    session.flush()


def blank(session: Session, ctx: AuthContext) -> TaskStatus:
    return TaskStatus(company_id=ctx.company_id, user_id=ctx.user_id, name="", color="", status_order=9999,
                      is_deleted=False)


def _validate(session: Session, ctx: AuthContext, data: dict, creating: bool) -> None:
    errors = Errors()
    name = data.get("name")
    if creating:
        if name is None:
            errors.required("name")
        elif as_text(name) is None:
            errors.must_be("name", "a string")
        elif repository.name_taken(session, ctx.company_id, as_text(name)):
            errors.taken("name")
    # Ours: what the columns could not hold.
    if name is not None and as_text(name) is not None and len(as_text(name)) > 191:
        errors.add("name", "The name must not be greater than 191 characters.")
    if data.get("color") is not None and (as_text(data["color"]) is None or len(as_text(data["color"])) > 191):
        errors.must_be("color", "a string")
    if data.get("status_order") is not None and as_int(data["status_order"]) is None:
        errors.must_be("status_order", "an integer")
    errors.raise_if_any()


def _fill(row: TaskStatus, data: dict) -> bool:
    if "name" in data:
        row.name = as_text(data["name"]) or ""
    if "color" in data:
        row.color = as_text(data["color"]) or ""
    moved = False
    if "status_order" in data:
        order = as_int(data["status_order"]) if data["status_order"] is not None else None
        moved = order != row.status_order
        row.status_order = order
    return moved


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> TaskStatus:
    data = dict(inp.data)
    _validate(session, ctx, data, creating=True)
    row = blank(session, ctx)
    _fill(row, data)
    session.add(row)
    session.flush()
    return row


def update(session: Session, ctx: AuthContext, row: TaskStatus, inp: RequestInput) -> TaskStatus:
    data = dict(inp.data)
    _validate(session, ctx, data, creating=False)
    if _fill(row, data) and row.status_order is not None:
        reorder(session, row)
    session.flush()
    return row


def reorder(session: Session, moved: TaskStatus) -> None:
    """Make room at the moved status's position, then number every status 1..n."""
    for other in repository.in_order(session, moved.company_id, exclude=moved.id):
        if other.status_order is None:
            continue
        other.status_order += -1 if other.status_order < moved.status_order else 1
    ordered = sorted(repository.in_order(session, moved.company_id),
                     key=lambda s: (s.status_order is None, s.status_order or 0, s.id))
    for position, status in enumerate(ordered, start=1):
        status.status_order = position
    session.flush()


# --- lifecycle: a deleted status hands its tasks to the company's first status ----------------


def delete(session: Session, ctx: AuthContext, row: TaskStatus) -> None:
    first = repository.first_active(session, row.company_id)
    repository.move_tasks(session, row.company_id, row.id, first.id if first is not None else None)
    lifecycle.delete(row)


def bulk_delete(session: Session, ctx: AuthContext, row: TaskStatus, inp: RequestInput) -> None:
    delete(session, ctx, row)
