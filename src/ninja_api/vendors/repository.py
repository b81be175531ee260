"""Every query about vendors and their contacts; always scoped to one company."""

from collections import defaultdict

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ninja_api.models import Activity, Vendor, VendorContact


def _group(rows, key) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def contacts_by_vendor(session: Session, vendor_ids: list[int]) -> dict[int, list[VendorContact]]:
    if not vendor_ids:
        return {}
    rows = session.scalars(
        select(VendorContact)
        .where(VendorContact.vendor_id.in_(vendor_ids), VendorContact.deleted_at.is_(None))
        .order_by(VendorContact.is_primary.desc(), VendorContact.id)
    )
    return _group(rows, "vendor_id")


def contacts_of(session: Session, vendor_id: int) -> list[VendorContact]:
    return list(session.scalars(
        select(VendorContact)
        .where(VendorContact.vendor_id == vendor_id, VendorContact.deleted_at.is_(None))
        .order_by(VendorContact.id)
    ))


def activities_by_vendor(session: Session, vendor_ids: list[int]) -> dict[int, list]:
    if not vendor_ids:
        return {}
    rows = session.scalars(select(Activity).where(Activity.vendor_id.in_(vendor_ids)).order_by(Activity.id.desc()))
    return _group(rows, "vendor_id")


def number_taken(session: Session, company_id: int, number: str, exclude_id: int | None = None) -> bool:
    query = select(Vendor.id).where(Vendor.company_id == company_id, Vendor.number == number)
    if exclude_id is not None:
        query = query.where(Vendor.id != exclude_id)
    return session.scalar(query.limit(1)) is not None


def in_company(session: Session, company_id: int, vendor_id: int | None) -> Vendor | None:
    if vendor_id is None:
        return None
    return session.scalar(select(Vendor).where(Vendor.id == vendor_id, Vendor.company_id == company_id))


def by_ids(session: Session, vendor_ids: set[int]) -> dict[int, Vendor]:
    if not vendor_ids:
        return {}
    return {v.id: v for v in session.scalars(select(Vendor).where(Vendor.id.in_(vendor_ids)))}


def set_contact_password(session: Session, company_id: int, email: str, hashed_password: str) -> None:
    """Upstream copies a vendor contact's password to every vendor contact of the company with that e-mail."""
    session.execute(
        update(VendorContact)
        .where(VendorContact.company_id == company_id, VendorContact.email == email)
        .values(password=hashed_password)
    )
