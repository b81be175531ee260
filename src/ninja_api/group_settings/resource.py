"""The group settings entity as the shared machinery sees it."""

from sqlalchemy import Select

from ninja_api.documents.include import DOCUMENTS
from ninja_api.group_settings.schemas import serialize_group_setting
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import contains, ilike
from ninja_api.http.resource import Resource
from ninja_api.models import GroupSetting


def _search(query: Select, value, ctx) -> Select:
    return query.where(ilike(GroupSetting.name, value)) if value else query


group_setting_resource = Resource(
    name="group_settings",
    label="GroupSetting",
    model=GroupSetting,
    serialize=serialize_group_setting,
    permission="group_settings",
    has_assigned_user=False,
    default_includes=[DOCUMENTS],
    filters={"name": contains(GroupSetting.name), "filter": _search},
    actions=default_actions(),
    singular="GroupSetting",
    plural="GroupSettings",
)
