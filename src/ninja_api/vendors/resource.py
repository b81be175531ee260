"""The vendor entity as the shared machinery sees it: filters, sorts, includes, actions."""

from sqlalchemy import Select, exists, or_
from sqlalchemy.orm import Session

from ninja_api.activities.resource import activity_resource
from ninja_api.documents.include import DOCUMENTS
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import contains, digits_of, exact, ilike
from ninja_api.http.resource import Include, Resource, not_stored
from ninja_api.models import Vendor, VendorContact
from ninja_api.vendors import repository
from ninja_api.vendors.schemas import serialize_vendor, serialize_vendor_contact


def _ids(rows) -> list[int]:
    return [r.id for r in rows if r.id is not None]


def prepare(session: Session, rows: list[Vendor], ctx) -> None:
    contacts = repository.contacts_by_vendor(session, _ids(rows))
    for row in rows:
        row.loaded_contacts = contacts.get(row.id, [])


vendor_contact_resource = Resource(
    name="vendor_contacts", label="VendorContact", model=VendorContact, serialize=serialize_vendor_contact,
    permission="vendor", has_assigned_user=False,
)


def _search(query: Select, value, ctx) -> Select:
    if not value:
        return query
    own = [ilike(getattr(Vendor, c), value)
           for c in ("name", "id_number", "custom_value1", "custom_value2", "custom_value3", "custom_value4")]
    contact = exists().where(
        VendorContact.vendor_id == Vendor.id,
        VendorContact.deleted_at.is_(None),
        or_(*[ilike(getattr(VendorContact, c), value) for c in ("first_name", "last_name", "email")]),
    )
    return query.where(or_(*own, contact))


vendor_resource = Resource(
    name="vendors",
    label="Vendor",
    model=Vendor,
    serialize=serialize_vendor,
    permission="vendor",
    prepare=prepare,
    default_includes=[
        Include("contacts", lambda: vendor_contact_resource, lambda s, rows, ctx: {r.id: r.loaded_contacts for r in rows}),
        DOCUMENTS,
    ],
    includes=[
        Include("activities", lambda: activity_resource,
                lambda s, rows, ctx: repository.activities_by_vendor(s, _ids(rows))),
        not_stored("locations"),
    ],
    silent_relations=frozenset({
        "company", "user", "assigned_user", "country", "currency", "language", "expenses",
        "purchase_orders", "primary_contact",
    }),
    filters={
        "name": contains(Vendor.name),
        "id_number": exact(Vendor.id_number),
        "number": exact(Vendor.number),
        "filter": _search,
    },
    sorts={"display_name": lambda: Vendor.name, "number": lambda: digits_of(Vendor.number)},
    ignored_sorts=frozenset({"documents"}),
    actions=default_actions(),
    # Upstream checks only that ids are present; an action it does not know does nothing here.
    strict_actions=False,
    action_required=False,
)
