"""The queries every document entity shares; always within one company."""

from collections import defaultdict
from functools import cache

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ninja_api.billing.kind import DocumentKind
from ninja_api.billing.party import CLIENT, Party
from ninja_api.models import Client, ClientContact


def client_in_company(session: Session, company_id: int, client_id: int | None) -> Client | None:
    if client_id is None:
        return None
    return session.scalar(select(Client).where(Client.id == client_id, Client.company_id == company_id))


def party_in_company(session: Session, party: Party, company_id: int, party_id: int | None):
    if party_id is None:
        return None
    return session.scalar(select(party.model).where(party.model.id == party_id, party.model.company_id == company_id))


def party_of(session: Session, kind: DocumentKind, doc):
    return session.get(kind.party.model, getattr(doc, kind.party.key))


def party_contacts(session: Session, party: Party, party_id: int) -> list:
    """The party's live contacts, the primary one first."""
    contact = party.contact_model
    return list(session.scalars(
        select(contact)
        .where(party.contact_parent() == party_id, contact.deleted_at.is_(None))
        .order_by(contact.is_primary.desc(), contact.id)
    ))


def number_taken(session: Session, model, company_id: int, number: str, exclude_id: int | None = None) -> bool:
    # Archived and deleted rows keep their numbers, so they count.
    query = select(model.id).where(model.company_id == company_id, model.number == number)
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    return session.scalar(query.limit(1)) is not None


def invitations_of(session: Session, kind: DocumentKind, parent_ids: list[int],
                   include_trashed: bool = False) -> dict[int, list]:
    model = kind.invitation_model
    grouped: dict[int, list] = defaultdict(list)
    saved = [i for i in parent_ids if i is not None]
    if not saved:
        return grouped
    for row in session.scalars(_invitations_query(model, kind.parent_key, include_trashed), {"ids": saved}):
        grouped[getattr(row, kind.parent_key)].append(row)
    return grouped


@cache
def _invitations_query(model, parent_key: str, include_trashed: bool):
    # Built once per kind: every page of documents runs it, and a built statement keeps its cache key.
    query = select(model).where(getattr(model, parent_key).in_(bindparam("ids", expanding=True)))
    if not include_trashed:
        query = query.where(model.deleted_at.is_(None))
    return query.order_by(model.id)


@cache
def _parties_query(model):
    return select(model).where(model.id.in_(bindparam("ids", expanding=True)))


def live_contacts(session: Session, client_id: int) -> list[ClientContact]:
    return party_contacts(session, CLIENT, client_id)


def parties_by_id(session: Session, party: Party, party_ids: set) -> dict:
    wanted = {i for i in party_ids if i is not None}
    if not wanted:
        return {}
    return {p.id: p for p in session.scalars(_parties_query(party.model), {"ids": sorted(wanted)})}


def clients_by_id(session: Session, client_ids: set[int]) -> dict[int, Client]:
    return parties_by_id(session, CLIENT, client_ids)


def relock(session: Session, model, key: int) -> None:
    """The row locked and its loaded object refreshed in place."""
    session.scalars(select(model).where(model.id == key).with_for_update()
                    .execution_options(populate_existing=True)).one()
