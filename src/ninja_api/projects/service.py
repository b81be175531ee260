"""Project rules: the factory, what a create or update may write, numbering; never commits."""

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.billing import repository as billing
from ninja_api.billing.settings import ClientSettings
from ninja_api.clients import repository as clients
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_decimal, as_text
from ninja_api.models import Project
from ninja_api.numbering import lock_company, next_number
from ninja_api.products.service import money_error
from ninja_api.projects import repository

TEXT_FIELDS = ("name", "private_notes", "public_notes", "custom_value1", "custom_value2", "custom_value3",
               "custom_value4", "color", "number")
SHORT_TEXT = ("name", "color", "number")


def blank(session: Session, ctx: AuthContext) -> Project:
    return Project(
        company_id=ctx.company_id, user_id=ctx.user_id, name="", public_notes="", private_notes="",
        budgeted_hours=Decimal(0), task_rate=Decimal(0), custom_value1="", custom_value2="", custom_value3="",
        custom_value4="", is_deleted=False, color="#fff", current_hours=0,
    )


def _date(value) -> date | None:
    text = as_text(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _prepare(data: dict, creating: bool) -> dict:
    data = dict(data)
    if "color" in data and data["color"] is None:
        data["color"] = ""
    if "budgeted_hours" in data and not data["budgeted_hours"]:
        data["budgeted_hours"] = 0
    if creating:
        # Upstream sets a missing or negative rate to 0 before validating; a non-number stays to fail.
        rate = as_decimal(data.get("task_rate"))
        if data.get("task_rate") is None or (rate is not None and rate < 0):
            data["task_rate"] = 0
    else:
        data.pop("client_id", None)
    return data


def _validate(session: Session, ctx: AuthContext, data: dict, project: Project | None) -> None:
    errors = Errors()
    creating = project is None
    if creating:
        if data.get("name") is None:
            errors.required("name")
        value = data.get("client_id")
        if value is None:
            errors.required("client_id")
        elif clients.in_company(session, ctx.company_id, ids.decode(value) if isinstance(value, str) else None) is None:
            errors.invalid_choice("client_id")
    for field in ("budgeted_hours", "task_rate"):
        if field in data and (message := money_error(field, data[field])):
            errors.add(field, message)
    number = as_text(data.get("number"))
    if number and billing.number_taken(session, Project, ctx.company_id, number, None if creating else project.id):
        errors.taken("number")
    value = data.get("assigned_user_id")
    if value is not None:
        key = ids.decode(value) if isinstance(value, str) else None
        if key is None or clients.user_in_account(session, ctx.account_id, key) is None:
            errors.invalid_choice("assigned_user_id")
    # Ours: what upstream's database would refuse with a 500.
    for field in TEXT_FIELDS:
        if data.get(field) is None:
            continue
        text = as_text(data[field])
        if text is None:
            errors.must_be(field, "a string")
        elif field in SHORT_TEXT and len(text) > 191:
            errors.add(field, f"The {field.replace('_', ' ')} must not be greater than 191 characters.")
    if data.get("due_date") is not None and _date(data["due_date"]) is None:
        errors.add("due_date", "The due date is not a valid date.")
    errors.raise_if_any()


def _fill(project: Project, data: dict) -> None:
    for field in TEXT_FIELDS:
        if field in data:
            setattr(project, field, as_text(data[field]) if field != "name" else as_text(data[field]) or "")
    for field in ("budgeted_hours", "task_rate"):
        if field in data:
            setattr(project, field, as_decimal(data[field]))
    if "due_date" in data:
        project.due_date = _date(data["due_date"])
    if "assigned_user_id" in data:
        project.assigned_user_id = ids.decode(data["assigned_user_id"]) if data["assigned_user_id"] else None


def _number(session: Session, ctx: AuthContext, project: Project) -> None:
    if project.number:
        return
    client = clients.in_company(session, ctx.company_id, project.client_id)
    group = ClientSettings(session, ctx.company, client).group if client is not None else None
    project.number = next_number(session, ctx.company, "project", Project, client=client, group=group,
                                 user_id=ctx.user_id)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Project:
    data = _prepare(inp.data, creating=True)
    lock_company(session, ctx.company)
    _validate(session, ctx, data, None)
    project = blank(session, ctx)
    project.client_id = ids.decode(data["client_id"])
    _fill(project, data)
    _number(session, ctx, project)
    session.add(project)
    session.flush()
    return project


def update(session: Session, ctx: AuthContext, project: Project, inp: RequestInput) -> Project:
    data = _prepare(inp.data, creating=False)
    lock_company(session, ctx.company)
    _validate(session, ctx, data, project)
    _fill(project, data)
    _number(session, ctx, project)
    session.flush()
    return project


def recalculate_hours(session: Session, project_id: int | None, now: int) -> None:
    """current_hours: the project's live tasks' logged time, a running entry counting until now."""
    project = session.get(Project, project_id) if project_id else None
    if project is None:
        return
    from ninja_api.tasks.timelog import logged_seconds

    seconds = sum(logged_seconds(task.time_log, now) for task in repository.live_tasks(session, project.id))
    project.current_hours = int((Decimal(seconds) / 3600).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
