from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from ninja_api.models import Task, TaskStatus


def name_taken(session: Session, company_id: int, name: str) -> bool:
    # Archived and deleted statuses keep their names.
    return session.scalar(
        select(TaskStatus.id).where(TaskStatus.company_id == company_id, TaskStatus.name == name).limit(1)
    ) is not None


def has_any(session: Session, company_id: int) -> bool:
    return session.scalar(select(TaskStatus.id).where(TaskStatus.company_id == company_id).limit(1)) is not None


def in_order(session: Session, company_id: int, *, exclude: int | None = None) -> list[TaskStatus]:
    """The company's active statuses, unordered ones last."""
    query = select(TaskStatus).where(TaskStatus.company_id == company_id, TaskStatus.deleted_at.is_(None))
    if exclude is not None:
        query = query.where(TaskStatus.id != exclude)
    return list(session.scalars(query.order_by(case((TaskStatus.status_order.is_(None), 1), else_=0),
                                               TaskStatus.status_order, TaskStatus.id)))


def first_active(session: Session, company_id: int) -> TaskStatus | None:
    return session.scalar(
        select(TaskStatus).where(TaskStatus.company_id == company_id, TaskStatus.deleted_at.is_(None))
        .order_by(TaskStatus.id).limit(1)
    )


def in_company(session: Session, company_id: int, status_id: int) -> TaskStatus | None:
    return session.scalar(select(TaskStatus).where(TaskStatus.company_id == company_id, TaskStatus.id == status_id))


def by_ids(session: Session, status_ids: set[int]) -> dict[int, TaskStatus]:
    if not status_ids:
        return {}
    return {s.id: s for s in session.scalars(select(TaskStatus).where(TaskStatus.id.in_(status_ids)))}


def move_tasks(session: Session, company_id: int, from_id: int, to_id: int | None) -> None:
    session.execute(
        update(Task).where(Task.company_id == company_id, Task.status_id == from_id).values(status_id=to_id)
    )
