"""The `documents` include every entity with uploads renders: one query for a whole page."""

from sqlalchemy import bindparam, select

from ninja_api.documents.owners import BY_MODEL
from ninja_api.http.resource import Include
from ninja_api.models import Document


# Built once (every page of every entity with uploads runs it): only the values are bound per page.
_OF_OWNERS = (
    select(Document)
    .where(Document.documentable_type == bindparam("type"), Document.documentable_id.in_(bindparam("ids", expanding=True)),
           Document.company_id == bindparam("company"), Document.deleted_at.is_(None))
    .order_by(Document.id)
)


def documents_of(session, rows, ctx) -> dict[int, list[Document]]:
    """{row id: its live documents, oldest first} (archived ones are left out, as upstream's relation does)."""
    if not rows:
        return {}
    owner = BY_MODEL.get(type(rows[0]))
    if owner is None:
        return {}
    found: dict[int, list[Document]] = {}
    wanted = {"type": owner.documentable_type, "ids": [r.id for r in rows], "company": ctx.company_id}
    for document in session.scalars(_OF_OWNERS, wanted):
        found.setdefault(document.documentable_id, []).append(document)
    return found


def _document_resource():
    from ninja_api.documents.resource import document_resource

    return document_resource


DOCUMENTS = Include("documents", _document_resource, documents_of)
