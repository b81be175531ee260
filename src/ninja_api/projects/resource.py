"""The project entity as the shared machinery sees it: filters, sorts, includes, bulk actions."""

from sqlalchemy import Select, or_, select

from ninja_api.billing import repository as billing
from ninja_api.documents.include import DOCUMENTS
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import digits_of, exact, ilike
from ninja_api.http.resource import Include, Resource, not_stored
from ninja_api.models import Client, Project
from ninja_api.projects import repository
from ninja_api.projects.schemas import serialize_project


def _search(query: Select, value, ctx) -> Select:
    if not value:
        return query
    client_names = select(Client.id).where(Client.company_id == ctx.company_id, ilike(Client.name, value))
    return query.where(or_(ilike(Project.name, value), Project.client_id.in_(client_names),
                           ilike(Project.public_notes, value), ilike(Project.private_notes, value)))


def _client_name():
    return select(Client.name).where(Client.id == Project.client_id).scalar_subquery()


# --- includes ---------------------------------------------------------------------------------


def _client_resource() -> Resource:
    from ninja_api.clients.resource import client_resource

    return client_resource


def _task_resource() -> Resource:
    from ninja_api.tasks.resource import task_resource

    return task_resource


def _invoice_resource() -> Resource:
    from ninja_api.invoices.resource import invoice_resource

    return invoice_resource


def _quote_resource() -> Resource:
    from ninja_api.quotes.resource import quote_resource

    return quote_resource


def _clients_of(session, rows, ctx) -> dict:
    found = billing.clients_by_id(session, {r.client_id for r in rows if r.client_id})
    return {r.id: found.get(r.client_id) for r in rows}


def _ids(rows) -> list[int]:
    return [r.id for r in rows if r.id is not None]


def _invoice(session, ctx, rows, inp):
    from ninja_api.tasks import invoicing

    return invoicing.invoice_projects(session, ctx, rows, inp)


project_resource = Resource(
    name="projects",
    label="Project",
    model=Project,
    serialize=serialize_project,
    permission="project",
    default_includes=[DOCUMENTS],
    includes=[
        Include("client", _client_resource, _clients_of, many=False),
        Include("tasks", _task_resource, lambda s, rows, ctx: repository.tasks_by_project(s, _ids(rows))),
        Include("invoices", _invoice_resource, lambda s, rows, ctx: repository.invoices_by_project(s, _ids(rows))),
        not_stored("expenses"),
        Include("quotes", _quote_resource, lambda s, rows, ctx: repository.quotes_by_project(s, _ids(rows))),
    ],
    filters={"filter": _search, "number": exact(Project.number)},
    sorts={"client_id": _client_name, "number": lambda: digits_of(Project.number)},
    ignored_sorts=frozenset({"documents"}),
    actions=default_actions(),
    set_actions={"invoice": _invoice},
)
