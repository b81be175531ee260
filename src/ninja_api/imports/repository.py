"""The CSV files kept between `/preimport` and `/import`."""

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ninja_api.models import CsvUpload
from ninja_api.models.base import utcnow

KEPT_FOR = timedelta(minutes=20)  # upstream's cache keeps them 20 minutes


def keep(session: Session, company_id: int, hash_: str, entity: str, content: str) -> None:
    session.execute(delete(CsvUpload).where(CsvUpload.created_at < utcnow() - KEPT_FOR))
    session.add(CsvUpload(company_id=company_id, hash=hash_, entity=entity, content=content))


def take(session: Session, company_id: int, hash_: str) -> dict[str, str]:
    """{entity: content} of the upload, which is then forgotten."""
    found = list(session.scalars(select(CsvUpload).where(
        CsvUpload.company_id == company_id, CsvUpload.hash == hash_,
        CsvUpload.created_at >= utcnow() - KEPT_FOR)))
    for row in found:
        session.delete(row)
    return {row.entity: row.content for row in found}
