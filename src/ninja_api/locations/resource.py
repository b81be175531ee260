"""The location entity as the shared machinery sees it."""

from sqlalchemy import Select, or_

from ninja_api.http.crud import default_actions
from ninja_api.http.listing import ilike
from ninja_api.http.resource import Resource
from ninja_api.locations.schemas import serialize_location
from ninja_api.models import Location

SEARCHED = ("name", "address1", "address2", "city", "state", "postal_code")


def _search(query: Select, value, ctx) -> Select:
    if not value:
        return query
    return query.where(or_(*[ilike(getattr(Location, c), value) for c in SEARCHED]))


location_resource = Resource(
    name="locations",
    label="Location",
    model=Location,
    serialize=serialize_location,
    permission="client",
    has_assigned_user=False,
    filters={"filter": _search},
    actions=default_actions(),
)
