"""Queries about expense categories, scoped to one company."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import ExpenseCategory


def name_taken(session: Session, company_id: int, name: str, exclude_id: int | None = None) -> bool:
    # Archived and deleted categories keep their names.
    query = select(ExpenseCategory.id).where(ExpenseCategory.company_id == company_id, ExpenseCategory.name == name)
    if exclude_id is not None:
        query = query.where(ExpenseCategory.id != exclude_id)
    return session.scalar(query.limit(1)) is not None


def active_in_company(session: Session, company_id: int, category_id: int) -> ExpenseCategory | None:
    return session.scalar(select(ExpenseCategory).where(
        ExpenseCategory.id == category_id, ExpenseCategory.company_id == company_id,
        ExpenseCategory.is_deleted.is_(False),
    ))


def by_ids(session: Session, category_ids: set[int]) -> dict[int, ExpenseCategory]:
    if not category_ids:
        return {}
    return {c.id: c for c in session.scalars(select(ExpenseCategory).where(ExpenseCategory.id.in_(category_ids)))}
