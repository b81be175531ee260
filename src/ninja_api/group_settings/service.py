"""Group settings rules: a unique name per company and a sparse settings object kept as sent."""

from sqlalchemy.orm import Session

from ninja_api.companies.settings import coerce_settings, validate_settings
from ninja_api.group_settings import repository
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_text
from ninja_api.models import GroupSetting

# What an empty settings object is stored as, so the cascade knows the level it belongs to.
EMPTY_SETTINGS = {"entity": "App\\Models\\Client"}


def blank(session: Session, ctx: AuthContext) -> GroupSetting:
    return GroupSetting(company_id=ctx.company_id, user_id=ctx.user_id, name="", settings={}, is_deleted=False)


def _validate(session: Session, ctx: AuthContext, data: dict, row: GroupSetting | None) -> None:
    errors = Errors()
    creating = row is None
    name = data.get("name")
    if creating and name is None:
        errors.required("name")
    elif name is not None:
        text = as_text(name)
        if text is None:
            errors.must_be("name", "a string")
        elif len(text) > 191:
            errors.add("name", "The name must not be greater than 191 characters.")
        elif creating and repository.name_taken(session, ctx.company_id, text):
            # Upstream checks uniqueness on store only.
            errors.taken("name")
    settings = data.get("settings")
    if settings is not None:
        if not isinstance(settings, dict):
            errors.add("settings", "settings must be a valid json structure")
        else:
            for field, messages in validate_settings(settings, level="group").items():
                for message in messages:
                    errors.add(field, message)
    errors.raise_if_any()


def _settings(sent) -> dict:
    settings = coerce_settings(dict(sent), level="group") if isinstance(sent, dict) else {}
    settings.pop("translations", None)
    settings.pop("pdf_variables", None)
    return settings or dict(EMPTY_SETTINGS)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> GroupSetting:
    data = dict(inp.data)
    _validate(session, ctx, data, None)
    row = blank(session, ctx)
    row.name = as_text(data.get("name"))
    row.settings = _settings(data.get("settings"))
    session.add(row)
    session.flush()
    return row


def update(session: Session, ctx: AuthContext, row: GroupSetting, inp: RequestInput) -> GroupSetting:
    data = dict(inp.data)
    _validate(session, ctx, data, row)
    if data.get("name") is not None:
        row.name = as_text(data["name"])
    if "settings" in data:
        row.settings = _settings(data.get("settings"))
    session.flush()
    return row
