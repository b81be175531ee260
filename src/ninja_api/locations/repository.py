from collections import defaultdict

from sqlalchemy import select
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


def by_owner(session: Session, column: str, owner_ids: list[int]) -> dict[int, list[Location]]:
    """Live locations per client (or vendor) id, for a whole page at once."""
    grouped: dict[int, list[Location]] = defaultdict(list)
    wanted = [i for i in owner_ids if i is not None]
    if not wanted:
        return grouped
    owner = getattr(Location, column)
    query = select(Location).where(owner.in_(wanted), Location.is_deleted.is_(False)).order_by(Location.id)
    for row in session.scalars(query):
        grouped[getattr(row, column)].append(row)
    return grouped
