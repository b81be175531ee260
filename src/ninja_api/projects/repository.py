from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import Invoice, Project, Quote, Task


def in_company(session: Session, company_id: int, project_id: int | None) -> Project | None:
    if project_id is None:
        return None
    return session.scalar(select(Project).where(Project.id == project_id, Project.company_id == company_id))


def by_ids(session: Session, project_ids: set[int]) -> dict[int, Project]:
    wanted = {i for i in project_ids if i is not None}
    if not wanted:
        return {}
    return {p.id: p for p in session.scalars(select(Project).where(Project.id.in_(wanted)))}


def _children(session: Session, model, project_ids: list[int]) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    if not project_ids:
        return grouped
    query = select(model).where(model.project_id.in_(project_ids), model.deleted_at.is_(None))
    for row in session.scalars(query.order_by(model.id)):
        grouped[row.project_id].append(row)
    return grouped


def tasks_by_project(session: Session, project_ids: list[int]) -> dict[int, list[Task]]:
    """Upstream's relation leaves archived and deleted tasks out."""
    return _children(session, Task, project_ids)


def invoices_by_project(session: Session, project_ids: list[int]) -> dict[int, list[Invoice]]:
    return _children(session, Invoice, project_ids)


def quotes_by_project(session: Session, project_ids: list[int]) -> dict[int, list[Quote]]:
    return _children(session, Quote, project_ids)


def live_tasks(session: Session, project_id: int) -> list[Task]:
    return tasks_by_project(session, [project_id]).get(project_id, [])
