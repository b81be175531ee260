"""Design queries. A company sees its own designs and the system designs (company_id NULL)."""

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from ninja_api.models import Company, Design


def mine_or_system(company_id: int) -> ColumnElement[bool]:
    return or_(Design.company_id == company_id, Design.company_id.is_(None))


def visible(session: Session, company_id: int, design_id: int) -> Design | None:
    """The company's own design or a system design, archived and deleted ones included."""
    return session.scalar(select(Design).where(Design.id == design_id, mine_or_system(company_id)))


def live(session: Session, company_id: int, design_id: int) -> Design | None:
    """As `visible`, but not archived or deleted: what a company may pick as a default."""
    return session.scalar(
        select(Design).where(Design.id == design_id, mine_or_system(company_id), Design.deleted_at.is_(None))
    )


def name_taken(session: Session, company_id: int, name: str) -> bool:
    # Every row of the company counts, archived and deleted ones too (upstream's plain unique rule);
    # compared case-insensitively as MySQL's collation does. System designs do not count.
    query = select(Design.id).where(Design.company_id == company_id, func.lower(Design.name) == name.lower())
    return session.scalar(query.limit(1)) is not None


def for_companies(session: Session, companies: list[Company], ctx) -> dict[int, list[Design]]:
    """The company `designs` include: live custom designs and every system design, by id, in one query."""
    wanted = [c.id for c in companies]
    rows = list(session.scalars(
        select(Design)
        .where(or_(Design.company_id.in_(wanted), Design.company_id.is_(None)), Design.deleted_at.is_(None))
        .order_by(Design.id)
    ))
    return {c.id: [d for d in rows if d.company_id in (None, c.id)] for c in companies}
