"""Task rules: the factory, validation, the time log, timers, numbering; never commits."""

import time
from datetime import date, datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import service as activities
from ninja_api.billing import repository as billing
from ninja_api.billing.settings import ClientSettings
from ninja_api.cascade import resolve
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ApiError
from ninja_api.http.input import RequestInput, is_true
from ninja_api.http.validation import Errors, as_bool, as_decimal, as_int, as_text
from ninja_api.models import Invoice, Task
from ninja_api.numbering import lock_company, next_number
from ninja_api.products.service import money_error
from ninja_api.projects import repository as projects
from ninja_api.projects.service import recalculate_hours
from ninja_api.statics.data import timezone_names
from ninja_api.task_statuses import repository as statuses
from ninja_api.tasks import timelog

CREATE_TASK, UPDATE_TASK = 42, 43
TEXT_FIELDS = ("description", "custom_value1", "custom_value2", "custom_value3", "custom_value4", "number", "hash")
FLAGS = ("invoice_documents", "is_date_based")
COUNTS = ("status_sort_order", "status_order")
LOCKED = "Insufficient permissions, or task may be locked"


def now() -> int:
    return int(time.time())


def blank(session: Session, ctx: AuthContext) -> Task:
    return Task(
        company_id=ctx.company_id, user_id=ctx.user_id, description="", rate=Decimal(0), is_deleted=False,
        is_running=False, time_log="[]", duration=0, invoice_documents=False, is_date_based=False,
        custom_value1="", custom_value2="", custom_value3="", custom_value4="",
    )


def _decoded(value) -> int | None:
    return ids.decode(value) if isinstance(value, str) else None


def _prepare(session: Session, ctx: AuthContext, data: dict) -> dict:
    """Upstream's pre-processing: the project decides the client; an unknown project is dropped."""
    data = dict(data)
    if data.get("project_id") is not None:
        project = projects.in_company(session, ctx.company_id, _decoded(data["project_id"]))
        if project is not None:
            data["client_id"] = ids.encode(project.client_id) if project.client_id else None
            data["_project"] = project
        else:
            data.pop("project_id")
    if timelog.is_empty(data.get("time_log")):
        data["time_log"] = "[]"
    return data


def _validate(session: Session, ctx: AuthContext, data: dict, task: Task | None) -> None:
    errors = Errors()
    number = as_text(data.get("number"))
    if number and billing.number_taken(session, Task, ctx.company_id, number, task.id if task else None):
        errors.taken("number")
    if data.get("client_id") is not None:
        client = billing.client_in_company(session, ctx.company_id, _decoded(data["client_id"]))
        if client is None or client.is_deleted:
            errors.invalid_choice("client_id")
    project = data.get("_project")
    if project is not None and project.is_deleted:
        errors.invalid_choice("project_id")
    if data.get("hash") is not None and not isinstance(data["hash"], str):
        errors.must_be("hash", "a string")
    message = timelog.error(data.get("time_log"))
    if message:
        errors.add("time_log", message)
    # Ours: references upstream takes unchecked, and values the columns cannot hold.
    if data.get("status_id") is not None:
        key = _decoded(data["status_id"])
        if key is None or statuses.in_company(session, ctx.company_id, key) is None:
            errors.invalid_choice("status_id")
    if data.get("assigned_user_id") is not None:
        from ninja_api.clients.repository import user_in_account

        key = _decoded(data["assigned_user_id"])
        if key is None or user_in_account(session, ctx.account_id, key) is None:
            errors.invalid_choice("assigned_user_id")
    if data.get("rate") is not None and (message := money_error("rate", data["rate"])):
        errors.add("rate", message)
    for field in COUNTS:
        if data.get(field) is not None and as_int(data[field]) is None:
            errors.must_be(field, "an integer")
    for field in FLAGS + ("is_running",):
        if data.get(field) is not None and as_bool(data[field]) is None:
            errors.add(field, f"The {field.replace('_', ' ')} field must be true or false.")
    for field in TEXT_FIELDS:
        if data.get(field) is None:
            continue
        text = as_text(data[field])
        if text is None:
            errors.must_be(field, "a string")
        elif field in ("number", "hash") and len(text) > 191:
            errors.add(field, f"The {field} must not be greater than 191 characters.")
    errors.raise_if_any()


def _settings(session: Session, ctx: AuthContext, task: Task):
    client = billing.client_in_company(session, ctx.company_id, task.client_id)
    if client is None:
        return lambda key, default=None: resolve(key, ctx.company, None, None, default)
    return ClientSettings(session, ctx.company, client).get


def _fill(session: Session, ctx: AuthContext, task: Task, data: dict) -> None:
    for field in TEXT_FIELDS:
        if field in data and field != "number":
            value = as_text(data[field])
            setattr(task, field, value.strip() if field == "description" and value else value)
    if "client_id" in data:
        task.client_id = _decoded(data["client_id"])
    if "project_id" in data:
        task.project_id = _decoded(data["project_id"])
    if "assigned_user_id" in data:
        task.assigned_user_id = _decoded(data["assigned_user_id"])
    if "status_id" in data:
        task.status_id = _decoded(data["status_id"])
    if "invoice_id" in data:
        key = _decoded(data["invoice_id"])
        invoice = session.get(Invoice, key) if key else None
        task.invoice_id = invoice.id if invoice is not None and invoice.company_id == ctx.company_id else None
    if data.get("rate") is not None:
        task.rate = as_decimal(data["rate"])
    for field in FLAGS:
        if data.get(field) is not None:
            setattr(task, field, as_bool(data[field]))
    for field in COUNTS:
        if field in data:
            setattr(task, field, as_int(data[field]) if data[field] is not None else None)
    if isinstance(data.get("meta"), dict):
        task.meta = data["meta"]


def _rate(session: Session, ctx: AuthContext, task: Task) -> Decimal:
    """Project rate when positive, then the client's (cascaded) default, then the company's."""
    project = projects.in_company(session, ctx.company_id, task.project_id)
    if project is not None and project.task_rate and project.task_rate > 0:
        return project.task_rate
    return as_decimal(_settings(session, ctx, task)("default_task_rate", 0)) or Decimal(0)


def start_date(company, log: list) -> date | None:
    """The first entry's day in the company's time zone."""
    if not log or not isinstance(log[0], list) or not log[0] or not isinstance(log[0][0], int):
        return None
    name = timezone_names().get(str((company.settings or {}).get("timezone_id") or "1"), "UTC")
    try:
        zone = ZoneInfo(name)
    except ZoneInfoNotFoundError:
        zone = ZoneInfo("UTC")
    return datetime.fromtimestamp(log[0][0], tz=timezone.utc).astimezone(zone).date()


def _save_log(session: Session, ctx: AuthContext, task: Task, log: list) -> None:
    task.time_log = timelog.encode(log)
    task.is_running = bool(log) and not timelog.ended(log[-1])
    task.calculated_start_date = start_date(ctx.company, log)


def _apply(session: Session, ctx: AuthContext, task: Task, data: dict, creating: bool) -> Task:
    _fill(session, ctx, task, data)
    if creating and not task.status_id:
        first = statuses.first_active(session, ctx.company_id)
        task.status_id = first.id if first is not None else None
    if creating and (not task.rate or task.rate <= 0):
        task.rate = _rate(session, ctx, task)
    number = as_text(data.get("number"))
    if not number or "number" not in data:
        # Upstream draws a fresh number whenever the body has no number, on update too.
        task.number = next_number(session, ctx.company, "task", Task, user_id=ctx.user_id)
    else:
        task.number = number

    setting = _settings(session, ctx, task)
    round_up = bool(setting("task_round_up", True))
    nearest = as_int(setting("task_round_to_nearest", 1)) or 1
    log = [list(e.values()) if isinstance(e, dict) else list(e) for e in (timelog.decode(data["time_log"]) or [])]
    log.sort(key=lambda e: e[0] if isinstance(e, list) and e else 0)
    for entry in log:
        if isinstance(entry, list) and len(entry) >= 2:
            entry[1] = timelog.round_end(entry[0], entry[1], round_up, nearest)
    action = data.get("action")
    if action in ("start", "resume"):
        log.append([now(), False])
    elif action == "stop" and log and not timelog.ended(log[-1]):
        log[-1][1] = now()
    _save_log(session, ctx, task, log)
    session.add(task)
    session.flush()
    _triggered(session, ctx, task, data)
    recalculate_hours(session, task.project_id, now())
    session.flush()
    return task


def _triggered(session: Session, ctx: AuthContext, task: Task, data: dict) -> None:
    """`?start=true` / `?stop=true` after the save."""
    if is_true(data.get("start")):
        start(session, ctx, task)
    if is_true(data.get("stop")):
        stop(session, ctx, task)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Task:
    lock_company(session, ctx.company)
    data = _prepare(session, ctx, inp.data)
    _validate(session, ctx, data, None)
    task = _apply(session, ctx, blank(session, ctx), data, creating=True)
    activities.record(session, ctx, CREATE_TASK, task_id=task.id, client_id=task.client_id)
    return task


def update(session: Session, ctx: AuthContext, task: Task, inp: RequestInput) -> Task:
    if task.invoice_id and ctx.company.invoice_task_lock:
        raise ApiError(401, {"message": LOCKED})
    lock_company(session, ctx.company)
    data = _prepare(session, ctx, inp.data)
    _validate(session, ctx, data, task)
    before = task.project_id
    _apply(session, ctx, task, data, creating=False)
    if before != task.project_id:
        recalculate_hours(session, before, now())
    activities.record(session, ctx, UPDATE_TASK, task_id=task.id, client_id=task.client_id)
    return task


# --- timers -----------------------------------------------------------------------------------


def start(session: Session, ctx: AuthContext, task: Task, inp: RequestInput | None = None) -> None:
    """A new running entry, unless the task is invoiced or already running."""
    if task.invoice_id:
        return
    log = timelog.parse_stored(task.time_log)
    last = log[-1] if log else None
    # Upstream compares strictly with 0: an entry ended with `false` still gets a new one after it.
    if last is None or not (isinstance(last, list) and len(last) > 1 and last[1] == 0 and last[1] is not False):
        log.append([now(), 0])
    _save_log(session, ctx, task, log)
    recalculate_hours(session, task.project_id, now())


def stop(session: Session, ctx: AuthContext, task: Task, inp: RequestInput | None = None) -> None:
    log = timelog.parse_stored(task.time_log)
    last = log[-1] if log else None
    if isinstance(last, list) and len(last) > 1 and last[1] == 0 and last[1] is not False:
        setting = _settings(session, ctx, task)
        nearest = as_int(setting("task_round_to_nearest", 1)) or 1
        last[1] = timelog.round_end(last[0], now(), bool(setting("task_round_up", True)), nearest)
        _save_log(session, ctx, task, log)
    recalculate_hours(session, task.project_id, now())


# --- lifecycle: the project's hours follow its live tasks -------------------------------------


def archive(session: Session, ctx: AuthContext, task: Task, inp: RequestInput | None = None) -> None:
    from ninja_api.http import lifecycle

    lifecycle.archive(task)
    session.flush()
    recalculate_hours(session, task.project_id, now())


def restore(session: Session, ctx: AuthContext, task: Task, inp: RequestInput | None = None) -> None:
    from ninja_api.http import lifecycle

    if lifecycle.restore(task):
        session.flush()
        recalculate_hours(session, task.project_id, now())


def delete(session: Session, ctx: AuthContext, task: Task, inp: RequestInput | None = None) -> None:
    from ninja_api.http import lifecycle

    if lifecycle.delete(task):
        session.flush()
        recalculate_hours(session, task.project_id, now())


# --- kanban -----------------------------------------------------------------------------------


def sort(session: Session, ctx: AuthContext, inp: RequestInput) -> None:
    """`POST /tasks/sort`: statuses take their list position; tasks their position and column."""
    status_ids = inp.get("status_ids")
    if isinstance(status_ids, list):
        for position, value in enumerate(status_ids):
            status = statuses.in_company(session, ctx.company_id, _decoded(value) or 0)
            if status is not None:
                status.status_order = position
    task_ids = inp.get("task_ids")
    if isinstance(task_ids, dict):
        for status_key, listed in task_ids.items():
            status = statuses.in_company(session, ctx.company_id, _decoded(status_key) or 0)
            if not isinstance(listed, list):
                continue
            for position, value in enumerate(listed):
                task = session.get(Task, _decoded(value) or 0)
                if task is not None and task.company_id == ctx.company_id:
                    task.status_order = position
                    task.status_id = status.id if status is not None else None
    session.flush()
