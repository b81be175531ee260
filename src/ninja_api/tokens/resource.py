from sqlalchemy import Select

from ninja_api.http.crud import default_actions
from ninja_api.http.listing import ilike
from ninja_api.http.resource import Resource
from ninja_api.models import CompanyToken
from ninja_api.tokens.schemas import serialize_token_hashed


def _search(query: Select, value, ctx) -> Select:
    return query.where(ilike(CompanyToken.name, value)) if value else query


def _is_system(query: Select, value, ctx) -> Select:
    if value in ("true", "1"):
        return query.where(CompanyToken.is_system.is_(True))
    if value in ("false", "0"):
        return query.where(CompanyToken.is_system.is_(False))
    return query


# Lists, edit, update, delete and bulk show the masked token; show and store the full one.
token_resource = Resource(
    name="tokens",
    label="CompanyToken",
    model=CompanyToken,
    serialize=serialize_token_hashed,
    permission="token",
    has_assigned_user=False,
    filters={"filter": _search, "is_system": _is_system},
    actions=default_actions(),
    strict_actions=False,
    silent_relations=frozenset({"user", "company"}),
)
