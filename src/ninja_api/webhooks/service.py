"""Webhook rules: what a create or update may write, the retry and resend of a delivery; never commits."""

import secrets
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ApiError, ValidationFailed, bad_request
from ninja_api.http import rules
from ninja_api.http.input import RequestInput
from ninja_api.http.rules import Rule
from ninja_api.http.validation import Errors, as_int
from ninja_api.jobs.queue import enqueue_once
from ninja_api.models import Company, Webhook, WebhookDelivery
from ninja_api.models.base import utcnow
from ninja_api.webhooks import events, outbox
from ninja_api.webhooks.delivery import DELIVER_JOB

METHODS = ("post", "put")
FORMATS = ("JSON", "UBL")
RULES = (Rule("format", enum=FORMATS),)
RETRY_ENTITIES = ("client", "credit", "invoice", "product", "task", "payment", "quote", "purchase_order",
                  "expense", "project", "vendor")


def blank(session: Session, ctx: AuthContext) -> Webhook:
    """Upstream's factory."""
    return Webhook(company_id=ctx.company_id, user_id=ctx.user_id, target_url="", event_id=1, format="JSON",
                   rest_method="post", headers=[], signing_secret="")


def is_url(value) -> bool:
    """Laravel's `url` rule, near enough: a scheme, a host, no spaces."""
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        return False
    return bool(parts.scheme) and parts.scheme.isascii() and bool(parts.hostname)


def _event_number(value) -> int | None:
    """The event id as PHP's loose `==` reads it: an integer, or a numeric string that is one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return int(number) if number.is_finite() and number == number.to_integral_value() else None


def _validate(data: dict) -> None:
    """Upstream's rules on both store and update (`rest_method` defaults to post first)."""
    errors = Errors()
    url = data.get("target_url")
    if url in (None, ""):
        errors.required("target_url")
    elif not is_url(url):
        errors.add("target_url", "The target url must be a valid URL.")
    if data.get("event_id") in (None, ""):
        errors.required("event_id")
    elif _event_number(data["event_id"]) is None:
        # Upstream writes it to an integer column and fails; a 422 is the safe answer.
        errors.must_be("event_id", "an integer")
    if data.get("rest_method") not in METHODS:
        errors.invalid_choice("rest_method")
    rules.check(RULES, data, errors, creating=True)
    if data.get("headers") is not None and not isinstance(data["headers"], (dict, list)):
        errors.add("headers", "The headers must be an array.")
    errors.raise_if_any()


def _prepared(inp: RequestInput) -> dict:
    data = dict(inp.data)
    if data.get("rest_method") is None:
        data["rest_method"] = "post"
    return data


def _fill(hook: Webhook, data: dict) -> None:
    hook.target_url = data["target_url"]
    hook.event_id = _event_number(data["event_id"])
    hook.rest_method = data["rest_method"]
    if data.get("format") not in (None, ""):
        hook.format = data["format"]
    if isinstance(data.get("headers"), (dict, list)):
        # Form bodies send `headers[X-Token]=abc`; an empty list means none.
        hook.headers = {str(k): v for k, v in data["headers"].items()} if isinstance(data["headers"], dict) else []


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Webhook:
    data = _prepared(inp)
    _validate(data)
    if _event_number(data["event_id"]) not in events.VALID_EVENTS:
        raise ApiError(400, "Invalid event")
    hook = Webhook(company_id=ctx.company_id, user_id=ctx.user_id, format="JSON", headers=None,
                   signing_secret=secrets.token_hex(32), is_deleted=False)
    _fill(hook, data)
    session.add(hook)
    session.flush()
    return hook


def update(session: Session, ctx: AuthContext, hook: Webhook, inp: RequestInput) -> Webhook:
    data = _prepared(inp)
    _validate(data)
    _fill(hook, data)
    hook.updated_at = utcnow()
    return hook


def destroy(session: Session, ctx: AuthContext, hook: Webhook) -> None:
    """DELETE only soft-deletes (Eloquent `delete()`): is_deleted stays, archived_at moves to now."""
    hook.deleted_at = utcnow()


# --- sending again ----------------------------------------------------------------------------


def _queue(session: Session, hook: Webhook, event_id: int, entity: str, entity_id: int, body: str):
    """A delivery due now, sent by the job the request's commit runs."""
    delivery = WebhookDelivery(company_id=hook.company_id, webhook_id=hook.id, event_id=event_id, entity=entity,
                               entity_id=entity_id, body=body, status="pending", attempts=0,
                               next_attempt_at=utcnow())
    session.add(delivery)
    session.flush()
    enqueue_once(session, DELIVER_JOB)
    return delivery


def retry(session: Session, ctx: AuthContext, hook: Webhook, inp: RequestInput) -> WebhookDelivery:
    """`POST /webhooks/{id}/retry`: the named entity as it is now, sent to this webhook."""
    errors = Errors()
    entity, entity_id = inp.get("entity"), inp.get("entity_id")
    if entity in (None, ""):
        errors.required("entity")
    elif entity not in RETRY_ENTITIES:
        errors.invalid_choice("entity")
    if entity_id in (None, ""):
        errors.required("entity_id")
    elif not isinstance(entity_id, str):
        errors.must_be("entity_id", "a string")
    errors.raise_if_any()
    model = events.BY_ENTITY[entity]
    key = ids.decode(entity_id)
    row = session.get(model, key) if key is not None else None
    if row is None or row.company_id != ctx.company_id:
        raise bad_request("Record not found")
    body = outbox.render(session, session.get(Company, ctx.company_id), row)
    if body is None:
        raise ValidationFailed({"entity_id": ["Nobody in the company can be acted for."]})
    return _queue(session, hook, hook.event_id or 0, entity, row.id, body.decode())


def resend(session: Session, ctx: AuthContext, hook: Webhook, delivery: WebhookDelivery) -> WebhookDelivery:
    """A delivery's exact body once more, as a new delivery (the old one keeps its log)."""
    return _queue(session, hook, delivery.event_id, delivery.entity, delivery.entity_id, delivery.body)
