from sqlalchemy import insert, select
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


def insert_many(session: Session, rows: list[dict]) -> list[Product]:
    """New products (each row with the same keys) in one statement, split only at the database's
    parameter limit. The ORM would insert them one at a time on SQLite, which does not promise
    RETURNING's row order; the caller matches rows by product_key, so order does not matter."""
    if not rows:
        return []
    return list(session.scalars(insert(Product).returning(Product, sort_by_parameter_order=False), rows))
