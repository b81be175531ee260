from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import Task, User


def in_company(session: Session, company_id: int, task_id: int | None) -> Task | None:
    if task_id is None:
        return None
    return session.scalar(select(Task).where(Task.id == task_id, Task.company_id == company_id))


def by_ids(session: Session, task_ids: set[int]) -> dict[int, Task]:
    wanted = {i for i in task_ids if i is not None}
    if not wanted:
        return {}
    return {t.id: t for t in session.scalars(select(Task).where(Task.id.in_(wanted)))}


def users_by_id(session: Session, user_ids: set[int]) -> dict[int, User]:
    wanted = {i for i in user_ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(wanted)))}


def uninvoiced_of_project(session: Session, project_id: int) -> list[Task]:
    return list(session.scalars(
        select(Task).where(Task.project_id == project_id, Task.invoice_id.is_(None), Task.deleted_at.is_(None))
        .order_by(Task.id)
    ))
