"""The task status entity as the shared machinery sees it."""

from sqlalchemy import Select

from ninja_api.http.crud import default_actions
from ninja_api.http.listing import ilike
from ninja_api.http.resource import Resource
from ninja_api.models import TaskStatus
from ninja_api.task_statuses import service
from ninja_api.task_statuses.schemas import serialize_task_status


def _search(query: Select, value, ctx) -> Select:
    return query.where(ilike(TaskStatus.name, value)) if value else query


task_status_resource = Resource(
    name="task_statuses",
    label="TaskStatus",
    model=TaskStatus,
    serialize=serialize_task_status,
    permission="task",
    has_assigned_user=False,
    filters={"filter": _search},
    actions={**default_actions(), "delete": service.bulk_delete},
    singular="TaskStatus",
    plural="TaskStatuss",
    operation_ids={"index": "getTaskStatuses", "edit": "editTaskStatuss"},
)
