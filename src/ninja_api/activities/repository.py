"""Reads behind the pre-rendered activity list: the newest activities, and what they point at."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import Activity


def newest(session: Session, company_id: int, user_id: int | None, limit: int | None,
           about: tuple[str, int] | None = None) -> list[Activity]:
    """The company's newest activities (of one user; about one entity: (column, id))."""
    query = (select(Activity).where(Activity.company_id == company_id)
             .order_by(Activity.created_at.desc(), Activity.id.desc()))
    if about is not None:
        query = query.where(getattr(Activity, about[0]) == about[1])
    if user_id is not None:
        query = query.where(Activity.user_id == user_id)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def in_company(session: Session, model, company_id: int, key: int) -> bool:
    return session.scalar(select(model.id).where(model.id == key, model.company_id == company_id)) is not None


def by_ids(session: Session, model, company_id: int | None, keys: set[int]) -> dict[int, object]:
    """Rows of one table by id, archived and deleted ones too (an activity outlives its subject)."""
    if not keys:
        return {}
    query = select(model).where(model.id.in_(sorted(keys)))
    if company_id is not None:
        query = query.where(model.company_id == company_id)
    return {row.id: row for row in session.scalars(query)}
