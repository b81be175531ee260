from collections import defaultdict
from functools import cache

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ninja_api.models import Location


def name_taken(session: Session, company_id: int, name: str, exclude_id: int | None = None) -> bool:
    query = select(Location.id).where(Location.company_id == company_id, Location.name == name)
    if exclude_id is not None:
        query = query.where(Location.id != exclude_id)
    return session.scalar(query.limit(1)) is not None


def vendor_in_company(session: Session, company_id: int, vendor_id: int | None):
    """The company's vendor, once vendors are stored; None otherwise."""
    if vendor_id is None:
        return None
    try:
        from ninja_api.models import Vendor
    except ImportError:
        return None
    return session.scalar(select(Vendor).where(Vendor.id == vendor_id, Vendor.company_id == company_id))


@cache
def _by_owner(column: str):
    # Built once per owner column: every client and vendor page runs it.
    owner = getattr(Location, column)
    return (select(Location).where(owner.in_(bindparam("ids", expanding=True)), Location.is_deleted.is_(False))
            .order_by(Location.id))


def by_owner(session: Session, column: str, owner_ids: list[int]) -> dict[int, list[Location]]:
    """Live locations per client (or vendor) id, for a whole page at once."""
    grouped: dict[int, list[Location]] = defaultdict(list)
    wanted = [i for i in owner_ids if i is not None]
    if not wanted:
        return grouped
    for row in session.scalars(_by_owner(column), {"ids": wanted}):
        grouped[getattr(row, column)].append(row)
    return grouped
