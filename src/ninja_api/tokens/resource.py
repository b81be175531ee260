from sqlalchemy import Select

from ninja_api.http.crud import default_actions
from ninja_api.http.listing import ilike
from ninja_api.http.resource import Resource
from ninja_api.models import CompanyToken
from ninja_api.tokens.schemas import serialize_token, serialize_token_hashed


def _search(query: Select, value, ctx) -> Select:
    return query.where(ilike(CompanyToken.name, value)) if value else query


def _is_system(query: Select, value, ctx) -> Select:
    # Upstream: `is_system == 'false' ? false : true`, and a present but empty value means 'false'.
    return query.where(CompanyToken.is_system.is_(value is not None and value != "false"))


# Lists, edit, update, delete and bulk show the masked token; show, store and blank the full one.
# Upstream authorises every item route, blank and store for admins only, and store and update are
# password protected. Deviation kept on purpose: upstream resolves a path id without a company
# scope, so an admin could read another company's token in full; here that is a 401.
token_resource = Resource(
    name="tokens",
    label="CompanyToken",
    model=CompanyToken,
    serialize=serialize_token_hashed,
    # Upstream's permission names come from the class name: view_company_token, edit_company_token.
    permission="company_token",
    has_assigned_user=False,
    filters={"filter": _search, "is_system": _is_system},
    actions=default_actions(),
    strict_actions=False,
    silent_relations=frozenset({"user", "company", "account", "company_user", "cu"}),
    singular="Token",
    admin_items=True,
    password_routes=frozenset({"store", "update"}),
    route_serializers={"show": serialize_token, "store": serialize_token, "blank": serialize_token},
)
