"""Billing time: tasks become invoice lines, and an invoice's lines say which tasks it bills."""

from datetime import datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ValidationFailed
from ninja_api.http.input import RequestInput
from ninja_api.models import Invoice, Project, Task
from ninja_api.statics.data import timezone_names
from ninja_api.tasks import timelog

HOURS = Decimal("0.0001")


def link_tasks(session: Session, invoice: Invoice) -> None:
    """Upstream's linkEntities: the tasks named by the invoice's lines point at it, no others do."""
    session.flush()
    session.execute(update(Task).where(Task.invoice_id == invoice.id).values(invoice_id=None))
    named = {ids.decode(i["task_id"]) for i in invoice.line_items or []
             if isinstance(i, dict) and isinstance(i.get("task_id"), str) and i["task_id"]}
    named.discard(None)
    if named:
        session.execute(update(Task).where(Task.id.in_(named), Task.company_id == invoice.company_id)
                        .values(invoice_id=invoice.id))


def _zone(company) -> ZoneInfo:
    name = timezone_names().get(str((company.settings or {}).get("timezone_id") or "1"), "UTC")
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        return ZoneInfo("UTC")


def _billable(entry) -> bool:
    return not (isinstance(entry, list) and len(entry) > 3 and entry[3] is False)


def line_item(company, task: Task, project: Project | None, now: int) -> dict:
    """One invoice line for a task: its billable hours at its rate, described as the company asks."""
    log = [e for e in timelog.parse_stored(task.time_log) if isinstance(e, list) and e and _billable(e)]
    seconds = timelog.logged_seconds(log, now)
    hours = (Decimal(seconds) / 3600).quantize(HOURS)
    zone = _zone(company)
    notes = []
    if company.invoice_task_project and project is not None:
        notes.append(project.name or "")
    if company.invoice_task_item_description and task.description:
        notes.append(task.description)
    if company.invoice_task_timelog:
        for entry in log:
            start = datetime.fromtimestamp(entry[0], tz=timezone.utc).astimezone(zone)
            end_at = entry[1] if len(entry) > 1 and entry[1] else now
            end = datetime.fromtimestamp(end_at, tz=timezone.utc).astimezone(zone)
            line = f"{start:%Y-%m-%d %H:%M:%S} - {end:%H:%M:%S}"
            if len(entry) > 2 and isinstance(entry[2], str) and entry[2]:
                line += f" {entry[2]}"
            notes.append(line)
    return {
        "product_key": "",
        "notes": "\n".join(notes),
        "cost": str(task.rate or Decimal(0)),
        "quantity": str(hours),
        "type_id": "2",
        "task_id": ids.encode(task.id),
    }


def invoice_tasks(session: Session, ctx: AuthContext, tasks: list[Task], project_id: int | None = None) -> Invoice:
    """One draft invoice billing the tasks; they must share a client and none may be billed yet."""
    from ninja_api.invoices import service as invoices
    from ninja_api.tasks.service import now

    if not tasks:
        raise ValidationFailed({"ids": ["There are no tasks to invoice."]})
    if any(t.invoice_id for t in tasks):
        raise ValidationFailed({"ids": ["A selected task is already invoiced."]})
    if any(t.is_deleted for t in tasks):
        raise ValidationFailed({"ids": ["A selected task is deleted."]})
    clients = {t.client_id for t in tasks}
    if len(clients) != 1 or None in clients:
        raise ValidationFailed({"ids": ["The tasks must all belong to one client."]})
    projects = {p.id: p for p in session.scalars(select(Project).where(
        Project.id.in_({t.project_id for t in tasks if t.project_id})))}
    moment = now()
    lines = [line_item(ctx.company, t, projects.get(t.project_id), moment) for t in sorted(tasks, key=lambda t: t.id)]
    if project_id is None and len({t.project_id for t in tasks}) == 1:
        project_id = tasks[0].project_id
    data = {"client_id": ids.encode(clients.pop()), "line_items": lines}
    if project_id:
        data["project_id"] = ids.encode(project_id)
    invoice = invoices.create(session, ctx, RequestInput(data=data))
    link_tasks(session, invoice)
    return invoice


def invoice_selected_tasks(session: Session, ctx: AuthContext, rows: list[Task], inp: RequestInput):
    """Bulk `invoice` on tasks: the selection becomes one invoice; the answer lists the tasks."""
    invoice_tasks(session, ctx, rows)
    return None


def invoice_projects(session: Session, ctx: AuthContext, rows: list[Project], inp: RequestInput):
    """Bulk `invoice` on projects: each project's live, unbilled tasks onto one invoice per project."""
    from ninja_api.tasks import repository

    for project in rows:
        tasks = repository.uninvoiced_of_project(session, project.id)
        if not tasks:
            raise ValidationFailed({"ids": [f"Project {project.number} has no tasks to invoice."]})
        invoice_tasks(session, ctx, tasks, project_id=project.id)
    return None
