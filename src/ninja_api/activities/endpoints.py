"""The read-only records every app reads: activities, the company ledger, system logs; and user notes."""

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import react, repository, service
from ninja_api.activities.resource import activity_resource, ledger_resource, system_log_resource
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import item_response, list_url
from ninja_api.http.envelope import envelope
from ninja_api.http.errors import ApiError, ValidationFailed, model_not_found
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.listing import apply_filters, list_payload
from ninja_api.http.rendering import dumps
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.http.validation import Errors, as_text
from ninja_api.models import (
    Activity, Client, CompanyLedger, Credit, Expense, Invoice, Payment, Project, PurchaseOrder, Quote,
    RecurringExpense, RecurringInvoice, Subscription, SystemLog, Task, Vendor,
)

router = APIRouter(route_class=UnitOfWorkRoute)

NO_BACKUP = "No backup exists for this activity"
# `entity` of a user note → (model, the activity columns it fills from the row).
NOTE_ENTITIES = {
    "invoices": (Invoice, {"invoice_id": "id", "client_id": "client_id", "vendor_id": "vendor_id"}),
    "quotes": (Quote, {"quote_id": "id", "client_id": "client_id", "vendor_id": "vendor_id"}),
    "credits": (Credit, {"credit_id": "id", "client_id": "client_id", "vendor_id": "vendor_id",
                         "invoice_id": "invoice_id"}),
    "recurring_invoices": (RecurringInvoice, {"recurring_invoice_id": "id", "client_id": "client_id"}),
    "clients": (Client, {"client_id": "id"}),
    "vendors": (Vendor, {"vendor_id": "id"}),
    "payments": (Payment, {"payment_id": "id", "client_id": "client_id"}),
    "projects": (Project, {"client_id": "client_id"}),
    "tasks": (Task, {"task_id": "id", "client_id": "client_id"}),
    "expenses": (Expense, {"expense_id": "id", "client_id": "client_id", "vendor_id": "vendor_id"}),
    "recurring_expenses": (RecurringExpense, {"recurring_expense_id": "id", "client_id": "client_id",
                                              "vendor_id": "vendor_id"}),
    "purchase_orders": (PurchaseOrder, {"purchase_order_id": "id", "client_id": "client_id",
                                        "vendor_id": "vendor_id"}),
}


def _listed(session, resource, query, inp, ctx, request):
    data, meta = list_payload(session, resource, apply_filters(resource, query, inp, ctx), inp, ctx,
                              list_url(request))
    return envelope(inp, data, meta)


@router.get("/activities", tags=["activities"], summary="Returns a list of activities", operation_id="getActivities")
def activities(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
               session: Session = Depends(get_session)):
    if inp.has("reactv2"):
        # The web app's dashboard: pre-rendered activities, newest `rows` (75) of them, no envelope.
        return Response(content=dumps(react.react_list(session, ctx, inp.has("rows"), inp.get("rows"))),
                        media_type="application/json")
    query = select(Activity).where(Activity.company_id == ctx.company_id).order_by(Activity.created_at.desc())
    return _listed(session, activity_resource, query, inp, ctx, request)


# `entity` of `POST /activities/entity` → the activity column and the table of its id.
ENTITY_COLUMNS = {
    "invoice": ("invoice_id", Invoice), "quote": ("quote_id", Quote), "credit": ("credit_id", Credit),
    "purchase_order": ("purchase_order_id", PurchaseOrder), "payment": ("payment_id", Payment),
    "client": ("client_id", Client), "vendor": ("vendor_id", Vendor), "expense": ("expense_id", Expense),
    "task": ("task_id", Task), "project": (None, Project), "subscription": ("subscription_id", Subscription),
    "recurring_invoice": ("recurring_invoice_id", RecurringInvoice),
}


@router.post("/activities/entity", tags=["activities"], summary="The pre-rendered activities of one entity",
             operation_id="getEntityActivities")
def entity_activities(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                      session: Session = Depends(get_session)):
    entity, raw = inp.get("entity"), inp.get("entity_id")
    if entity in (None, ""):
        raise ValidationFailed({"entity": ["The entity field is required."]})
    if not isinstance(entity, str) or entity not in ENTITY_COLUMNS:
        raise ValidationFailed({"entity": ["The selected entity is invalid."]})
    column, model = ENTITY_COLUMNS[entity]
    key = ids.decode(raw) if isinstance(raw, str) else None
    if raw in (None, ""):
        raise ValidationFailed({"entity_id": ["The entity id field is required."]})
    if key is None or not repository.in_company(session, model, ctx.company_id, key):
        raise ValidationFailed({"entity_id": ["The selected entity id is invalid."]})
    # No activity names a project by its own column: a project has none of its own.
    body = {"data": []} if column is None else react.react_list(session, ctx, inp.has("rows"), inp.get("rows"),
                                                                  (column, key))
    return Response(content=dumps(body), media_type="application/json")


@router.get("/activities/download_entity/{activity_id}", tags=["activities"],
            summary="Returns a PDF for the given activity", operation_id="getActivityHistoricalEntityPdf",
            # Upstream's answer when it kept a snapshot; this server keeps none and always refuses.
            responses={200: {"description": "Upstream's PDF of the snapshot (never sent here: 404)",
                             "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}})
def download_entity(activity_id: str, ctx: AuthContext = Depends(require_auth),
                    session: Session = Depends(get_session)):
    key = ids.decode(activity_id)
    activity = session.get(Activity, key) if key is not None else None
    if activity is None or activity.company_id != ctx.company_id:
        raise model_not_found("Activity")
    # This server keeps no HTML snapshots of documents, so every activity answers as one without.
    raise ApiError(404, {"message": NO_BACKUP, "errors": {}})


@router.post("/activities/notes", tags=["activities"], summary="Adds a user note to an entity",
             operation_id="storeActivityNote")
def note(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
         session: Session = Depends(get_session)):
    errors = Errors()
    entity, entity_id, notes = inp.get("entity"), inp.get("entity_id"), inp.get("notes")
    if entity in (None, ""):
        errors.required("entity")
    elif not isinstance(entity, str) or entity not in NOTE_ENTITIES:  # a list or map is no choice either
        errors.invalid_choice("entity")
    row = None
    if entity_id in (None, ""):
        errors.required("entity_id")
    elif isinstance(entity, str) and entity in NOTE_ENTITIES:
        key = ids.decode(entity_id) if isinstance(entity_id, str) else None
        row = session.get(NOTE_ENTITIES[entity][0], key) if key is not None else None
        if row is None or row.company_id != ctx.company_id:
            errors.invalid_choice("entity_id")
    if notes in (None, ""):
        errors.required("notes")
    elif as_text(notes) is None:
        errors.must_be("notes", "a string")
    if errors:
        raise ValidationFailed(errors.bag)
    columns = NOTE_ENTITIES[entity][1]
    refs = {column: getattr(row, attribute) for column, attribute in columns.items()}
    activity = service.record(session, ctx, service.USER_NOTE, notes=as_text(notes),
                              ip=request.client.host if request.client else None, **refs)
    session.flush()
    return item_response(session, activity_resource, activity, inp, ctx)


@router.get("/company_ledger", tags=["company_ledger"], summary="Gets a list of company_ledger",
            operation_id="getCompanyLedger")
def company_ledger(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                   session: Session = Depends(get_session)):
    query = select(CompanyLedger).where(CompanyLedger.company_id == ctx.company_id)
    data, meta = list_payload(session, ledger_resource, query, inp, ctx, list_url(request))
    return envelope(inp, data, meta)


def _admin(ctx: AuthContext) -> None:
    if not ctx.is_admin:
        # Upstream's errorResponse: a bare {"error": ...} body.
        raise ApiError(403, {"error": "Insufficient permissions"})


@router.get("/system_logs", tags=["system_logs"], summary="Gets a list of system logs", operation_id="getSystemLogs")
def system_logs(request: Request, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                session: Session = Depends(get_session)):
    _admin(ctx)
    query = select(SystemLog).where(SystemLog.company_id == ctx.company_id)
    return _listed(session, system_log_resource, query, inp, ctx, request)


@router.get("/system_logs/{id}", tags=["system_logs"], summary="Shows a system_logs", operation_id="showSystemLogs")
def system_log(id: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
               session: Session = Depends(get_session)):
    key = ids.decode(id)
    row = session.get(SystemLog, key) if key is not None else None
    if row is None or row.company_id != ctx.company_id:
        raise model_not_found("SystemLog")
    return item_response(session, system_log_resource, row, inp, ctx)
