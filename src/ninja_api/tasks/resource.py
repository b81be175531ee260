"""The task entity as the shared machinery sees it: filters, sorts, includes, bulk actions."""

from sqlalchemy import Select, or_, select

from ninja_api import ids
from ninja_api.billing import repository as billing
from ninja_api.documents.include import DOCUMENTS
from ninja_api.http.listing import digits_of, exact, hashed_equals, ilike, status_words
from ninja_api.http.resource import Include, Resource
from ninja_api.models import Client, ClientContact, Project, Task, User
from ninja_api.projects import repository as projects
from ninja_api.task_statuses import repository as statuses
from ninja_api.tasks import invoicing, repository, service
from ninja_api.tasks.schemas import serialize_task

SEARCHED = ("description", "time_log", "custom_value1", "custom_value2", "custom_value3", "custom_value4")


def _search(query: Select, value, ctx) -> Select:
    if not value:
        return query
    project_ids = select(Project.id).where(Project.company_id == ctx.company_id, ilike(Project.name, value))
    client_ids = select(Client.id).where(Client.company_id == ctx.company_id, ilike(Client.name, value))
    contact_clients = select(ClientContact.client_id).where(
        ClientContact.company_id == ctx.company_id,
        or_(ilike(ClientContact.first_name, value), ilike(ClientContact.last_name, value),
            ilike(ClientContact.email, value)),
    )
    return query.where(or_(
        *[ilike(getattr(Task, c), value) for c in SEARCHED],
        Task.project_id.in_(project_ids), Task.client_id.in_(client_ids), Task.client_id.in_(contact_clients),
    ))


def _client_status(query: Select, value, ctx) -> Select:
    words = status_words(value)
    if words is None:
        return query
    if "invoiced" in words:
        query = query.where(Task.invoice_id.is_not(None))
    if "uninvoiced" in words:
        query = query.where(Task.invoice_id.is_(None))
    return query


def _task_status(query: Select, value, ctx) -> Select:
    """Tasks in the named statuses that are not invoiced yet."""
    if not value:
        return query
    keys = [k for k in (ids.decode(v.strip()) for v in value.split(",")) if k is not None]
    return query.where(Task.status_id.in_(keys or [0]), Task.invoice_id.is_(None))


def _is_running(query: Select, value, ctx) -> Select:
    if value in ("true", "1"):
        return query.where(Task.is_running.is_(True))
    if value in ("false", "0"):
        return query.where(Task.is_running.is_(False))
    return query


def _client_name():
    return select(Client.name).where(Client.id == Task.client_id).scalar_subquery()


def _user_name():
    return select(User.first_name).where(User.id == Task.user_id).scalar_subquery()


# --- includes ---------------------------------------------------------------------------------


def _project_resource() -> Resource:
    from ninja_api.projects.resource import project_resource

    return project_resource


def _client_resource() -> Resource:
    from ninja_api.clients.resource import client_resource

    return client_resource


def _status_resource() -> Resource:
    from ninja_api.task_statuses.resource import task_status_resource

    return task_status_resource


def _user_resource() -> Resource:
    from ninja_api.users.resource import user_resource

    return user_resource


def _invoice_resource() -> Resource:
    from ninja_api.invoices.resource import invoice_resource

    return invoice_resource


def _by(column: str, load):
    def fetch(session, rows, ctx) -> dict:
        found = load(session, {getattr(r, column) for r in rows if getattr(r, column)})
        return {r.id: found.get(getattr(r, column)) for r in rows}

    return fetch


def _invoices_by_id(session, keys: set[int]) -> dict:
    from ninja_api.models import Invoice

    if not keys:
        return {}
    return {i.id: i for i in session.scalars(select(Invoice).where(Invoice.id.in_(keys)))}


PROJECT = Include("project", _project_resource, _by("project_id", projects.by_ids), many=False)

task_resource = Resource(
    name="tasks",
    label="Task",
    model=Task,
    serialize=serialize_task,
    permission="task",
    default_includes=[DOCUMENTS, PROJECT],
    includes=[
        Include("client", _client_resource, _by("client_id", billing.clients_by_id), many=False),
        Include("status", _status_resource, _by("status_id", statuses.by_ids), many=False),
        Include("user", _user_resource, _by("user_id", repository.users_by_id), many=False),
        Include("invoice", _invoice_resource, _by("invoice_id", _invoices_by_id), many=False),
        Include("assigned_user", _user_resource, _by("assigned_user_id", repository.users_by_id), many=False),
    ],
    filters={
        "filter": _search,
        "client_status": _client_status,
        "project_tasks": hashed_equals(Task.project_id),
        "hash": exact(Task.hash),
        "number": exact(Task.number),
        "user_id": hashed_equals(Task.user_id),
        "assigned_user": hashed_equals(Task.assigned_user_id),
        "task_status": _task_status,
        "is_running": _is_running,
    },
    sorts={"client_id": _client_name, "user_id": _user_name, "number": lambda: digits_of(Task.number)},
    ignored_sorts=frozenset({"documents"}),
    actions={
        "archive": service.archive,
        "restore": service.restore,
        "delete": service.delete,
        "start": service.start,
        "stop": service.stop,
    },
    set_actions={"invoice": invoicing.invoice_selected_tasks},
)
