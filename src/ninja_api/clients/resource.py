"""The client entity as the shared machinery sees it: filters, sorts, includes, actions."""

from sqlalchemy import Select, exists, or_
from sqlalchemy.orm import Session, load_only

from ninja_api.activities.resource import activity_resource, ledger_resource, system_log_resource
from ninja_api.clients import repository, service
from ninja_api.clients.schemas import serialize_client, serialize_contact, serialize_gateway_token
from ninja_api.documents.include import DOCUMENTS
from ninja_api.group_settings.resource import group_setting_resource
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import contains, digits_of, exact, hashed_equals, ilike
from ninja_api.http.resource import Include, Resource
from ninja_api.http.validation import as_decimal
from ninja_api.locations import repository as locations
from ninja_api.models import Client, ClientContact, ClientGatewayToken
from ninja_api.search import text_index
from ninja_api.templates import service as templates


def _ids(rows) -> list[int]:
    return [r.id for r in rows]


def _location_resource() -> Resource:
    from ninja_api.locations.resource import location_resource

    return location_resource


def prepare(session: Session, rows: list[Client], ctx) -> None:
    contacts = repository.contacts_by_client(session, [r.id for r in rows if r.id is not None])
    for row in rows:
        row.loaded_contacts = contacts.get(row.id, [])


contact_resource = Resource(
    name="client_contacts", label="ClientContact", model=ClientContact, serialize=serialize_contact,
    permission="client", has_assigned_user=False,
)
# Upstream authorises every gateway token route for admins only.
gateway_token_resource = Resource(
    name="client_gateway_tokens", label="ClientGatewayToken", model=ClientGatewayToken,
    serialize=serialize_gateway_token, permission="client", has_assigned_user=False,
    actions=default_actions(), strict_actions=False, admin_items=True,
    silent_relations=frozenset({"client", "company", "gateway"}),
)


def _payment_resource() -> Resource:
    from ninja_api.payments.resource import payment_resource

    return payment_resource


def _payments_of(session, rows, ctx):
    from ninja_api.payments.repository import payments_by_client

    return payments_by_client(session, _ids(rows))


def _group_of(session, rows, ctx):
    groups = repository.groups_by_id(session, {r.group_settings_id for r in rows if r.group_settings_id})
    return {r.id: groups.get(r.group_settings_id) for r in rows}


# --- filters ------------------------------------------------------------------------------------

_OPERATORS = {"lt": "__lt__", "lte": "__le__", "gt": "__gt__", "gte": "__ge__", "eq": "__eq__"}


def _balance(query: Select, value, ctx) -> Select:
    """`balance=lt:10` (lt, lte, gt, gte, eq): clients whose balance compares so."""
    if not value or ":" not in value:
        return query
    op, _, amount = value.partition(":")
    number = as_decimal(amount)
    if number is None:
        return query
    method = _OPERATORS.get(op, "__eq__")
    return query.where(getattr(Client.balance, method)(number))


def _between_balance(query: Select, value, ctx) -> Select:
    """`between_balance=10:100`: clients whose balance lies within, both ends counted."""
    if not value or ":" not in value:
        return query
    low, _, high = value.partition(":")
    low, high = as_decimal(low), as_decimal(high)
    if low is None or high is None:
        return query
    return query.where(Client.balance.between(low, high))


def _email(query: Select, value, ctx) -> Select:
    """An e-mail address: clients with a live contact of exactly that address."""
    if not value:
        return query
    return query.where(
        exists().where(ClientContact.client_id == Client.id, ClientContact.email == value, ClientContact.deleted_at.is_(None))
    )


def _details_only(query: Select, value, ctx) -> Select:
    """`filter_details=true`: only id, name, number and id_number are read; the rest renders blank."""
    # Upstream selects four columns and lets the serializer render everything else blank (quirk).
    if value != "true":
        return query
    return query.options(load_only(Client.id, Client.name, Client.number, Client.id_number, raiseload=True))


def _search(query: Select, value, ctx) -> Select:
    """Text found in the name, numbers, custom values or a contact's name, e-mail or phone."""
    if not value:
        return query
    own = [
        ilike(getattr(Client, c), value)
        for c in ("name", "id_number", "number", "custom_value1", "custom_value2", "custom_value3", "custom_value4")
    ]
    contact = exists().where(
        ClientContact.client_id == Client.id,
        ClientContact.deleted_at.is_(None),
        or_(*[ilike(getattr(ClientContact, c), value) for c in ("first_name", "last_name", "email", "phone")]),
    )
    candidates = text_index.client_ids(ctx, value)
    if candidates is not None:
        query = query.where(Client.id.in_(candidates))
    return query.where(or_(*own, contact))


client_resource = Resource(
    name="clients",
    label="Client",
    model=Client,
    serialize=serialize_client,
    permission="client",
    prepare=prepare,
    default_includes=[
        Include("contacts", lambda: contact_resource, lambda s, rows, ctx: {r.id: r.loaded_contacts for r in rows}),
        DOCUMENTS,
        Include("gateway_tokens", lambda: gateway_token_resource,
                lambda s, rows, ctx: repository.gateway_tokens_by_client(s, _ids(rows))),
        Include("locations", _location_resource,
                lambda s, rows, ctx: locations.by_owner(s, "client_id", _ids(rows))),
    ],
    includes=[
        Include("activities", lambda: activity_resource,
                lambda s, rows, ctx: repository.activities_by_client(s, _ids(rows))),
        Include("ledger", lambda: ledger_resource, lambda s, rows, ctx: repository.ledger_by_client(s, _ids(rows))),
        Include("system_logs", lambda: system_log_resource,
                lambda s, rows, ctx: repository.system_logs_by_client(s, _ids(rows))),
        Include("group_settings", lambda: group_setting_resource, _group_of, many=False),
        Include("payments", _payment_resource, _payments_of),
    ],
    silent_relations=frozenset({
        "company", "user", "assigned_user", "country", "shipping_country", "invoices", "quotes",
        "credits", "payments", "projects", "tasks", "expenses", "recurring_invoices",
        "recurring_expenses", "primary_contact", "currency", "language", "industry", "size",
    }),
    filters={
        "name": contains(Client.name),
        "balance": _balance,
        "between_balance": _between_balance,
        "email": _email,
        "id_number": exact(Client.id_number),
        "number": exact(Client.number),
        "group": hashed_equals(Client.group_settings_id),
        "client_id": hashed_equals(Client.id),
        "filter": _search,
        "filter_details": _details_only,
    },
    sorts={"display_name": lambda: Client.name, "number": lambda: digits_of(Client.number)},
    ignored_sorts=frozenset({"documents"}),
    actions={
        **default_actions(service.record_lifecycle),
        "assign_group": service.assign_group,
        "bulk_update": service.bulk_update,
    },
    set_actions={"template": templates.action("clients")},
    strict_ids=True,
)

