"""Design rules: admins write, names unique in the company on create, parts always present."""

import re
import secrets
import string

from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.designs import repository
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import bad_request
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_text
from ninja_api.models import Design, Invoice, Quote
from ninja_api.models.base import utcnow

NAME_MAX = 191  # varchar(191)
VALID_ENTITIES = ("invoice", "payment", "client", "quote", "credit", "purchase_order", "project", "task")
# Missing or null parts become "", appended in this order (upstream's request preparation).
PARTS = ("product", "task", "includes", "footer", "header", "body")
# Only these are checked on store; product and task are kept as sent.
STRING_PARTS = ("header", "body", "footer", "includes")
# Where settings point at a design; a deleted design's place goes back to Clean (design 2).
SETTING_KEYS = ("invoice_design_id", "quote_design_id", "credit_design_id", "purchase_order_design_id")
CLEAN = 2
_RANDOM = string.ascii_letters + string.digits


def blank(session: Session, ctx: AuthContext) -> Design:
    return Design(
        company_id=ctx.company_id, user_id=ctx.user_id, name="", is_custom=True, is_active=True,
        is_template=False, is_deleted=False, entities="",
        # The factory's empty blocks: four parts, product and task come with the first save.
        design={"includes": "", "header": "", "body": "", "footer": ""},
    )


# --- input ------------------------------------------------------------------------------------


def with_parts(value) -> dict:
    """The design object with every part present; anything that is not an object counts as empty."""
    if isinstance(value, dict):
        design = dict(value)
    elif isinstance(value, list):
        # A PHP list is an array with keys 0..n; it becomes an object with those keys.
        design = {str(i): v for i, v in enumerate(value)}
    else:
        design = {}
    for part in PARTS:
        if design.get(part) is None:
            design[part] = ""
    return design


def kept_entities(value) -> str:
    """Only known entity names survive, exactly spelled, in the order and number sent."""
    names = (as_text(value) or "").split(",")
    return ",".join(n for n in names if n in VALID_ENTITIES)


def _check_name(errors: Errors, value) -> str | None:
    if value is None:
        errors.required("name")
        return None
    name = as_text(value)
    if name is None:
        errors.must_be("name", "a string")
        return None
    if len(name) > NAME_MAX:
        errors.add("name", f"The name must not be greater than {NAME_MAX} characters.")
        return None
    return name


def _check_boolean(errors: Errors, data: dict, field: str) -> None:
    if field in data and as_bool(data[field]) is None:
        errors.add(field, f"The {field.replace('_', ' ')} field must be true or false.")


def _check_fields(errors: Errors, data: dict) -> None:
    """is_template and entities as upstream's rules; is_active has no rule upstream (a bad value fails
    in its database), so it is checked last, as a boolean."""
    _check_boolean(errors, data, "is_template")
    if isinstance(data.get("entities"), (dict, list)):
        errors.must_be("entities", "a string")
    _check_boolean(errors, data, "is_active")


def _fill(row: Design, data: dict) -> None:
    """The writable fields present in the request (upstream's fillable list)."""
    if "name" in data:
        row.name = as_text(data["name"])
    if "design" in data:
        row.design = with_parts(data["design"])
    if "is_active" in data:
        row.is_active = as_bool(data["is_active"])
    if "is_template" in data:
        row.is_template = as_bool(data["is_template"])
    if "entities" in data:
        row.entities = kept_entities(data["entities"])


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Design:
    data = inp.data
    errors = Errors()
    name = _check_name(errors, data.get("name"))
    if name is not None and repository.name_taken(session, ctx.company_id, name):
        errors.taken("name")
    design = with_parts(data.get("design"))
    for part in STRING_PARTS:
        if not isinstance(design[part], str):
            errors.must_be(f"design.{part}", "a string")
    _check_fields(errors, data)
    errors.raise_if_any()
    row = blank(session, ctx)
    _fill(row, {**data, "design": design})
    session.add(row)
    session.flush()
    return row


def validate_update(session: Session, ctx: AuthContext, inp: RequestInput) -> None:
    """Upstream checks only is_template and entities on update; the rest would fail in its database
    (a null name) or its request preparation (a design that is not an object), so they are 422s here."""
    data = inp.data
    errors = Errors()
    if "name" in data:
        _check_name(errors, data["name"])
    if "design" in data and not isinstance(data["design"], (dict, list)):
        errors.must_be("design", "an array")
    _check_fields(errors, data)
    errors.raise_if_any()


def update(session: Session, ctx: AuthContext, row: Design, inp: RequestInput) -> Design:
    # The whole design is replaced by the one sent (missing parts ""); without one it stays as is.
    _fill(row, inp.data)
    session.flush()
    return row


# --- delete, restore --------------------------------------------------------------------------


def _deleted_name(name: str) -> str:
    suffix = "_deleted_" + "".join(secrets.choice(_RANDOM) for _ in range(5))
    # The suffix frees the name for reuse; it must still fit the column.
    return name[: NAME_MAX - len(suffix)] + suffix


def destroy(session: Session, ctx: AuthContext, row: Design) -> None:
    """DELETE /designs/{id}: renamed and deleted every time, company settings untouched."""
    row.name = _deleted_name(row.name)
    row.is_deleted = True
    row.deleted_at = utcnow()


def archive(session: Session, ctx: AuthContext, row: Design, inp: RequestInput) -> None:
    lifecycle.archive(row)


def restore(session: Session, ctx: AuthContext, row: Design, inp: RequestInput) -> None:
    if row.deleted_at is None and not row.is_deleted:
        return
    row.name = re.sub("_deleted_", "_restored_", row.name, flags=re.IGNORECASE)[:NAME_MAX]
    lifecycle.restore(row)


def delete(session: Session, ctx: AuthContext, row: Design, inp: RequestInput) -> None:
    """Bulk delete: settings that chose this design fall back to Clean, then the row is renamed."""
    settings = dict(ctx.company.settings or {})
    hashed = ids.encode(row.id)
    changed = [key for key in SETTING_KEYS if settings.get(key) == hashed]
    if changed:
        settings.update({key: ids.encode(CLEAN) for key in changed})
        ctx.company.settings = settings
    if row.is_deleted:
        return
    row.name = _deleted_name(row.name)
    lifecycle.delete(row)


# --- set/default ------------------------------------------------------------------------------

# The document tables this server has; credits, purchase orders and recurring invoices have none yet,
# so for them there is nothing to change.
_DOCUMENTS = {"invoice": Invoice, "quote": Quote}


def _design_key(value) -> int | None:
    # String ids are hashed; a bare number is taken as it is, as upstream's key decoding does.
    if isinstance(value, str):
        return ids.decode(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def set_default(session: Session, ctx: AuthContext, inp: RequestInput) -> None:
    """Every document of the entity, archived and deleted ones too, takes the design."""
    errors = Errors()
    for field in ("entity", "design_id"):
        if inp.get(field) in (None, [], {}):
            errors.required(field)
    errors.raise_if_any()
    key = _design_key(inp.get("design_id"))
    if key is None or repository.live(session, ctx.company_id, key) is None:
        raise bad_request("Design does not exist.")
    model = _DOCUMENTS.get(inp.get("entity")) if isinstance(inp.get("entity"), str) else None
    if model is not None:
        session.execute(
            sql_update(model).where(model.company_id == ctx.company_id).values(design_id=key, updated_at=utcnow()),
            execution_options={"synchronize_session": False},
        )
