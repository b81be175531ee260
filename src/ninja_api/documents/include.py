"""The `documents` include every entity with uploads renders: one query for a whole page."""

from sqlalchemy import select

from ninja_api.documents.owners import BY_MODEL
from ninja_api.http.resource import Include
from ninja_api.models import Document


def documents_of(session, rows, ctx) -> dict[int, list[Document]]:
    """{row id: its live documents, oldest first} (archived ones are left out, as upstream's relation does)."""
    if not rows:
        return {}
    owner = BY_MODEL.get(type(rows[0]))
    if owner is None:
        return {}
    query = (select(Document).where(Document.documentable_type == owner.documentable_type,
                                    Document.documentable_id.in_([r.id for r in rows]),
                                    Document.company_id == ctx.company_id, Document.deleted_at.is_(None))
             .order_by(Document.id))
    found: dict[int, list[Document]] = {}
    for document in session.scalars(query):
        found.setdefault(document.documentable_id, []).append(document)
    return found


def _document_resource():
    from ninja_api.documents.resource import document_resource

    return document_resource


DOCUMENTS = Include("documents", _document_resource, documents_of)
