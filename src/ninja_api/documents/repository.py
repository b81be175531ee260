"""Queries over documents that span several owners."""

from sqlalchemy import Select, and_, or_, select

from ninja_api.documents.owners import BY_MODEL
from ninja_api.models import (
    Client, Credit, Document, Expense, Invoice, Payment, Project, Quote, RecurringExpense, RecurringInvoice, Task,
)

# What upstream's client documents list looks through: the client's own and these entities' of the client.
CLIENT_ENTITIES = (Invoice, Quote, Credit, Expense, Payment, Task, RecurringInvoice, RecurringExpense, Project)


def of_client(query: Select, client_id: int) -> Select:
    """Narrows a document query to the live documents of the client and of its live entities (an
    archived owner hides its documents, as upstream's relation scope does)."""
    owned = [and_(Document.documentable_type == BY_MODEL[Client].documentable_type,
                  Document.documentable_id.in_(select(Client.id).where(Client.id == client_id,
                                                                        Client.deleted_at.is_(None))))]
    for model in CLIENT_ENTITIES:
        live = select(model.id).where(model.client_id == client_id, model.deleted_at.is_(None))
        owned.append(and_(Document.documentable_type == BY_MODEL[model].documentable_type,
                          Document.documentable_id.in_(live)))
    return query.where(Document.deleted_at.is_(None), or_(*owned))
