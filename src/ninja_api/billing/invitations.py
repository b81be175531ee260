"""A document's invitations: one per contact that should receive it, keyed for the client portal."""

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.billing import repository
from ninja_api.billing.kind import DocumentKind
from ninja_api.http.auth import AuthContext
from ninja_api.models import Client
from ninja_api.models.base import utcnow
from ninja_api.security import random_key


def sync(session: Session, ctx: AuthContext, kind: DocumentKind, doc, sent: list | None) -> None:
    """Apply the request's `invitations` (when sent), then make sure at least one is live.

    Invitations left out of the request are trashed, named ones revived or created; contacts of
    another client are skipped. A document without live invitations invites the contacts that
    receive e-mail (or the first contact; a client without contacts gets a blank one)."""
    party = kind.party
    party_id = getattr(doc, party.key)
    existing = repository.invitations_of(session, kind, [doc.id], include_trashed=True).get(doc.id, [])
    contacts = {c.id: c for c in repository.party_contacts(session, party, party_id)}
    if sent is not None:
        now = utcnow()
        keys = {inv.get("key") for inv in sent if isinstance(inv, dict) and inv.get("key")}
        for invitation in existing:
            if invitation.key not in keys and invitation.deleted_at is None:
                invitation.deleted_at = now
        by_key = {i.key: i for i in existing}
        by_contact = {getattr(i, party.contact_key): i for i in existing}
        for inv in sent:
            if not isinstance(inv, dict):
                continue
            known = by_key.get(inv.get("key"))
            if known is not None:
                known.deleted_at = None
                continue
            contact_id = ids.decode(inv.get(party.contact_key))
            if contact_id not in contacts:
                continue
            previous = by_contact.get(contact_id)
            if previous is not None:
                previous.deleted_at = None
            else:
                invite(session, ctx, kind, doc, contact_id)
        session.flush()
    if repository.invitations_of(session, kind, [doc.id]).get(doc.id):
        return
    trashed = {getattr(i, party.contact_key): i for i in existing}
    if party.invite_all:
        targets = list(contacts.values())
    else:
        targets = [c for c in contacts.values() if c.send_email] or list(contacts.values())[:1]
    if not targets:
        _blank_contact(session, ctx, kind, party_id)
        targets = repository.party_contacts(session, party, party_id)
    for contact in targets:
        if contact.id in trashed:
            trashed[contact.id].deleted_at = None
        else:
            invite(session, ctx, kind, doc, contact.id)
    session.flush()


def _blank_contact(session: Session, ctx: AuthContext, kind: DocumentKind, party_id: int) -> None:
    """A party without contacts gets a blank primary one to invite, as upstream."""
    if kind.party.model is Client:
        from ninja_api.clients.service import sync_contacts

        sync_contacts(session, ctx, session.get(Client, party_id), [], [])
        return
    session.add(kind.party.contact_model(company_id=ctx.company_id, user_id=ctx.user_id, is_primary=True,
                                         contact_key=random_key(40), **{kind.party.key: party_id}))
    session.flush()


def invite(session: Session, ctx: AuthContext, kind: DocumentKind, doc, contact_id: int):
    invitation = kind.invitation_model(
        company_id=ctx.company_id, user_id=ctx.user_id, key=random_key(32),
        **{kind.parent_key: doc.id, kind.contact_key: contact_id},
    )
    session.add(invitation)
    return invitation


def mark_sent_now(session: Session, kind: DocumentKind, doc) -> None:
    now = utcnow()
    for invitation in repository.invitations_of(session, kind, [doc.id]).get(doc.id, []):
        if invitation.sent_date is None:
            invitation.sent_date = now
