"""Tax rate queries; always scoped to one company."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ninja_api.models import TaxRate


def name_taken(session: Session, company_id: int, name: str, *, exclude_id: int | None = None,
               include_archived: bool = True) -> bool:
    # Compared case-insensitively everywhere, as upstream's MySQL collation does.
    query = select(TaxRate.id).where(TaxRate.company_id == company_id, func.lower(TaxRate.name) == name.lower())
    if exclude_id is not None:
        query = query.where(TaxRate.id != exclude_id)
    if not include_archived:
        query = query.where(TaxRate.deleted_at.is_(None))
    return session.scalar(query.limit(1)) is not None
