"""Every query about expenses and the rows they point at; always scoped to one company."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import Client, CompanyUser, Expense, Invoice, Project, Vendor


def number_taken(session: Session, model, company_id: int, number: str, exclude_id: int | None = None) -> bool:
    """Whether another expense (or recurring expense: `model`) of the company has the number."""
    query = select(model.id).where(model.company_id == company_id, model.number == number)
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    return session.scalar(query.limit(1)) is not None


def _exists(session: Session, model, company_id: int, key: int) -> bool:
    return session.scalar(select(model.id).where(model.id == key, model.company_id == company_id)) is not None


def client_exists(session: Session, company_id: int, key: int) -> bool:
    return _exists(session, Client, company_id, key)


def vendor_exists(session: Session, company_id: int, key: int) -> bool:
    return _exists(session, Vendor, company_id, key)


def invoice_exists(session: Session, company_id: int, key: int) -> bool:
    return _exists(session, Invoice, company_id, key)


def company_user_exists(session: Session, company_id: int, user_id: int) -> bool:
    return session.scalar(select(CompanyUser.id).where(
        CompanyUser.company_id == company_id, CompanyUser.user_id == user_id)) is not None


def project_in_company(session: Session, company_id: int, key: int) -> Project | None:
    return session.scalar(select(Project).where(Project.id == key, Project.company_id == company_id))


def _by_ids(session: Session, model, keys: set[int]) -> dict[int, object]:
    if not keys:
        return {}
    return {r.id: r for r in session.scalars(select(model).where(model.id.in_(keys)))}


def related(session: Session, model, rows: list[Expense], column: str) -> dict[int, object]:
    """{expense id: the row its `column` points at}, one query for the whole page."""
    found = _by_ids(session, model, {getattr(r, column) for r in rows if getattr(r, column)})
    return {r.id: found.get(getattr(r, column)) for r in rows}
