from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import Product


def by_keys(session: Session, company_id: int, keys: set[str], *, include_trashed: bool = False) -> dict[str, Product]:
    """The first product per key; with include_trashed, archived and deleted ones count too."""
    if not keys:
        return {}
    query = select(Product).where(Product.company_id == company_id, Product.product_key.in_(keys))
    if not include_trashed:
        query = query.where(Product.is_deleted.is_(False))
    found: dict[str, Product] = {}
    for row in session.scalars(query.order_by(Product.id)):
        found.setdefault(row.product_key, row)
    return found
