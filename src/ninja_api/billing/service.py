"""The steps every document's create and update share, in upstream's order; never commits."""

from datetime import timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import service as activities
from ninja_api.billing import fields, invitations, repository
from ninja_api.billing.kind import DocumentKind
from ninja_api.billing.settings import ClientSettings, company_today, settings_for
from ninja_api.billing.totals import recalculate
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import as_text
from ninja_api.models import Client
from ninja_api.models.base import utcnow
from ninja_api.numbering import lock_company, next_number

DRAFT = 1


def blank(ctx: AuthContext, kind: DocumentKind, **extra):
    """The factory defaults upstream renders for `GET /{entity}/create`."""
    company = ctx.company
    return kind.model(
        company_id=ctx.company_id, user_id=ctx.user_id, status_id=DRAFT, amount=Decimal(0), balance=Decimal(0),
        paid_to_date=Decimal(0), discount=Decimal(0), is_amount_discount=True, is_deleted=False,
        tax_rate1=Decimal(0), tax_rate2=Decimal(0), tax_rate3=Decimal(0), total_taxes=Decimal(0),
        exchange_rate=Decimal(1), line_items=[], date=company_today(company), uses_inclusive_taxes=False,
        **surcharge_taxes(ctx), **extra,
    )


def surcharge_taxes(ctx: AuthContext) -> dict:
    """Whether surcharges are taxed comes from the company, whatever the request says."""
    company = ctx.company
    return {f"custom_surcharge_tax{n}": getattr(company, f"custom_surcharge_taxes{n}") for n in (1, 2, 3, 4)}


def apply_number(session: Session, ctx: AuthContext, kind: DocumentKind, doc, client: Client | None,
                 settings: ClientSettings) -> None:
    if doc.number:
        return
    # Quotes and credits may draw from the invoice counter (upstream's shared counters).
    shared = settings.flag(f"shared_invoice_{kind.entity}_counter")
    prefix = str(settings.get("recurring_number_prefix") or "") if kind.prefixes_recurring and doc.recurring_id else ""
    doc.number = next_number(session, ctx.company, kind.entity, kind.model, client=client, group=settings.group,
                             user_id=ctx.user_id, append_counter=True, counter_entity="invoice" if shared else None,
                             prefix=prefix)


def client_of(session: Session, doc) -> Client:
    return session.get(Client, doc.client_id)


def party_refs(kind: DocumentKind, doc) -> dict:
    """The activity columns naming the document and who it is for."""
    return {kind.party.key: getattr(doc, kind.party.key), kind.parent_key: doc.id}


def sent_invitations(data: dict) -> list | None:
    return data.get("invitations") if isinstance(data.get("invitations"), list) else None


def create(session: Session, ctx: AuthContext, kind: DocumentKind, inp: RequestInput, *, deleted_clients=False,
           also_drop: tuple[str, ...] = (), defaults=None, client_notes_win: bool = True):
    """Validate, fill from the request over the settings' defaults, calculate, save, invite.

    `defaults(doc, settings)` sets what this entity takes from the settings before the request is
    applied. The client's public notes replace the request's (invoices), or fill them in only when
    the request has none (`client_notes_win=False`, credits). Numbering is left to the caller:
    entities draw their numbers at different moments."""
    data = inp.data
    lock_company(session, ctx.company)
    fields.validate(session, ctx, kind, data, None, deleted_clients=deleted_clients).raise_if_any()
    party = repository.party_in_company(session, kind.party, ctx.company_id, ids.decode(data[kind.party.key]))
    settings = settings_for(session, ctx.company, party)
    doc = blank(ctx, kind)
    setattr(doc, kind.party.key, party.id)
    doc.date = settings.today()
    doc.uses_inclusive_taxes = settings.flag("inclusive_taxes")
    doc.design_id = ids.decode(settings.get(f"{kind.entity}_design_id", "Wpmbk5ezJn"))
    if defaults is not None:
        defaults(doc, settings)
    fields.fill(kind, doc, fields.writable(session, ctx, kind, data, also_drop=also_drop))
    if not doc.date:
        doc.date = settings.today()
    if not doc.terms:
        doc.terms = as_text(settings.get(f"{kind.entity}_terms")) or None
    if not doc.footer:
        doc.footer = as_text(settings.get(f"{kind.entity}_footer")) or None
    if party.public_notes and (client_notes_win or not doc.public_notes):
        doc.public_notes = party.public_notes
    if kind.party.rated_by_currency or doc.exchange_rate is None:
        doc.exchange_rate = settings.exchange_rate() if kind.party.rated_by_currency else Decimal(1)
    if not doc.partial:
        doc.partial_due_date = None
    if doc.partial_due_date and not doc.due_date:
        terms = as_text(settings.get("payment_terms"))
        if terms and terms.lstrip("-").isdigit():
            doc.due_date = doc.date + timedelta(days=int(terms))
    recalculate(doc, settings)
    session.add(doc)
    session.flush()
    invitations.sync(session, ctx, kind, doc, sent_invitations(data))
    activities.record(session, ctx, kind.activities.create, **party_refs(kind, doc))
    return doc, party, settings


def update(session: Session, ctx: AuthContext, kind: DocumentKind, doc, inp: RequestInput, *,
           also_drop: tuple[str, ...] = ()):
    """Validate, fill, recalculate. Balances and statuses are the caller's: they differ per entity."""
    data = inp.data
    lock_company(session, ctx.company)
    # The row was read before the company lock: read it again under its own, so that what the
    # update decides on is what a concurrent request committed.
    repository.relock(session, kind.model, doc.id)
    party = repository.party_of(session, kind, doc)
    settings = settings_for(session, ctx.company, party)
    fields.validate(session, ctx, kind, data, doc).raise_if_any()
    fields.fill(kind, doc, fields.writable(session, ctx, kind, data, also_drop=(kind.party.key, *also_drop)))
    for name, value in surcharge_taxes(ctx).items():
        setattr(doc, name, value)
    doc.updated_at = utcnow()
    recalculate(doc, settings, balance_follows_amount=kind.balance_follows_amount)
    return party, settings


def finish_update(session: Session, ctx: AuthContext, kind: DocumentKind, doc, party, inp: RequestInput) -> None:
    session.flush()
    invitations.sync(session, ctx, kind, doc, sent_invitations(inp.data))
    activities.record(session, ctx, kind.activities.update, **party_refs(kind, doc))


def save_defaults(ctx: AuthContext, kind: DocumentKind, doc, inp: RequestInput) -> None:
    """`save_default_footer` / `save_default_terms` keep the document's text as the company default."""
    wanted = [name for name in ("footer", "terms") if inp.flag(f"save_default_{name}")]
    if not wanted:
        return
    settings = dict(ctx.company.settings or {})
    for name in wanted:
        settings[f"{kind.entity}_{name}"] = getattr(doc, name) or ""
    ctx.company.settings = settings
