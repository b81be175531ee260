"""What every document entity's list and includes share: filters, sorts and includes by kind."""

from datetime import date, datetime, timezone

from sqlalchemy import Select, and_, exists, or_, select

from ninja_api.activities.resource import activity_resource
from ninja_api.billing import repository
from ninja_api.billing.kind import DocumentKind
from ninja_api.billing.party import CLIENT, VENDOR, Party
from ninja_api.billing.schemas import serialize_invitation
from ninja_api.documents.include import DOCUMENTS
from ninja_api.http.listing import Joined, contains, digits_of, exact, ilike, parse_moment
from ninja_api.http.resource import Include, Resource
from ninja_api.models import Activity, Client, ClientContact


def ids_of(rows) -> list[int]:
    return [r.id for r in rows]


def today() -> date:
    return datetime.now(timezone.utc).date()


def on_or_after(column):
    """A date (Y-m-d) or unix timestamp: documents dated on or after that day."""
    def apply(query: Select, value, ctx) -> Select:
        moment = parse_moment(value)
        return query.where(column >= moment.date()) if moment else query

    return apply


def between(column):
    """`start,end` (two dates or timestamps): documents dated within them, both days counted."""
    def apply(query: Select, value, ctx) -> Select:
        if not value or "," not in value:
            return query
        start, _, end = value.partition(",")
        start, end = parse_moment(start), parse_moment(end)
        if start is None or end is None:
            return query
        return query.where(column.between(start.date(), end.date()))

    return apply


def status_ids(model):
    """`1,2,4`: documents with any of those status ids."""
    def apply(query: Select, value, ctx) -> Select:
        if not value:
            return query
        wanted = [int(v) for v in value.split(",") if v.strip().lstrip("-").isdigit()]
        return query.where(model.status_id.in_(wanted)) if wanted else query

    return apply


def search(model, candidates=None):
    """`filter=`: the document's own text columns, its client's name, its contacts and its lines."""

    def apply(query: Select, value, ctx) -> Select:
        if not value:
            return query
        # `candidates(ctx, text)`: ids from a text index, a superset of what the conditions match.
        ids = candidates(ctx, value) if candidates is not None else None
        if ids is not None:
            query = query.where(model.id.in_(ids))
        own = [ilike(getattr(model, c), value) for c in ("number", "po_number", "custom_value1", "custom_value2",
                                                          "custom_value3", "custom_value4")]
        client = exists().where(Client.id == model.client_id, ilike(Client.name, value))
        contact = exists().where(
            ClientContact.client_id == model.client_id,
            or_(*[ilike(getattr(ClientContact, c), value) for c in ("first_name", "last_name", "email")]),
        )
        # Line item notes and product keys live in the JSON column; a text match finds them.
        return query.where(or_(*own, client, contact, ilike(model.line_items, value)))

    return apply


def without_deleted(model, party: Party):
    """`without_deleted_{clients,vendors}`: documents whose party is live, or that have none."""
    column = getattr(model, party.key)

    def apply(query: Select, value, ctx) -> Select:
        live = exists().where(party.model.id == column, party.model.is_deleted.is_(False),
                              party.model.deleted_at.is_(None))
        return query.where(or_(live, column.is_(None)))

    return apply


def filter_deleted_clients(model):
    """`=true`: documents whose client is not deleted."""
    def apply(query: Select, value, ctx) -> Select:
        if value != "true":
            return query
        return query.where(exists().where(Client.id == model.client_id, Client.is_deleted.is_(False)))

    return apply


def common_filters(model) -> dict:
    return {
        "status_id": status_ids(model),
        "number": exact(model.number),
        "filter": search(model),
        "private_notes": contains(model.private_notes),
        "date": on_or_after(model.date),
        "due_date": on_or_after(model.due_date),
        "date_range": between(model.date),
        "due_date_range": between(model.due_date),
        "without_deleted_clients": without_deleted(model, CLIENT),
        "filter_deleted_clients": filter_deleted_clients(model),
    }


def common_sorts(model, party: Party) -> dict:
    key = getattr(model, party.key)

    def party_name():
        if not model.__table__.c[party.key].nullable:
            return Joined(party.model, lambda: and_(party.model.id == key, party.model.company_id == model.company_id),
                          party.model.name, model.__table__.c[party.key])
        return select(party.model.name).where(party.model.id == key).scalar_subquery()

    return {party.key: party_name, "number": lambda: digits_of(model.number)}


def invitation_resource(kind: DocumentKind) -> Resource:
    return Resource(
        name=f"{kind.entity}_invitations", label=f"{kind.label}Invitation", model=kind.invitation_model,
        serialize=lambda row, ctx: serialize_invitation(row, ctx, kind), permission=kind.entity,
        has_assigned_user=False,
    )


def invitations_include(kind: DocumentKind) -> Include:
    target = invitation_resource(kind)
    return Include("invitations", lambda: target, lambda s, rows, ctx: repository.invitations_of(s, kind, ids_of(rows)))


def party_include(party: Party) -> Include:
    """`client` (or `vendor`): the one the document is addressed to."""
    def target():
        if party is VENDOR:
            from ninja_api.vendors.resource import vendor_resource

            return vendor_resource
        from ninja_api.clients.resource import client_resource

        return client_resource

    def parties_of(session, rows, ctx) -> dict:
        found = repository.parties_by_id(session, party, {getattr(r, party.key) for r in rows})
        return {r.id: found.get(getattr(r, party.key)) for r in rows}

    return Include(party.portal, target, parties_of, many=False)


def activities_include(kind: DocumentKind) -> Include:
    column = getattr(Activity, kind.parent_key)

    def activities_of(session, rows, ctx) -> dict:
        grouped: dict[int, list] = {}
        for a in session.scalars(select(Activity).where(column.in_(ids_of(rows))).order_by(Activity.id.desc())):
            grouped.setdefault(getattr(a, kind.parent_key), []).append(a)
        return grouped

    return Include("activities", lambda: activity_resource, activities_of)


def document_resource(kind: DocumentKind, serialize, *, filters: dict | None = None, includes: list | None = None,
                      omit_filters: tuple[str, ...] = (), sorts: dict | None = None, **declared) -> Resource:
    """A document entity's Resource: the shared filters, sorts and includes, then its own.

    `omit_filters` names shared filters upstream does not offer for this entity (`"*"`: none of them)."""
    model = kind.model
    shared = {} if "*" in omit_filters else \
        {name: apply for name, apply in common_filters(model).items() if name not in omit_filters}
    return Resource(
        name=f"{kind.entity}s", label=kind.label, model=model, serialize=serialize, permission=kind.entity,
        default_includes=[invitations_include(kind), DOCUMENTS],
        includes=[party_include(kind.party), activities_include(kind), *(includes or [])],
        filters={**shared, **(filters or {})},
        sorts={**common_sorts(model, kind.party), **(sorts or {})},
        ignored_sorts=frozenset({"documents"}),
        **declared,
    )
