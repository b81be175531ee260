"""Sending stored deliveries: signed, retried with backoff, every attempt logged.

Each attempt is claimed first (an UPDATE that moves the delivery's next attempt on by a lease,
committed), then sent with no transaction open, then recorded in a unit of work of its own, so
two workers never send the same attempt and a slow receiver holds no locks. Outcomes follow
upstream where it has one: a 2xx delivers; 404, 405 and 410 archive the webhook; a 400 is final.
Unlike upstream, anything else (other statuses, timeouts, refused connections) is tried again
after 10 s, 30 s, 90 s ... up to 8 h apart, eleven attempts over about 25 hours. Every attempt
writes upstream's webhook system log (category 3, event 41 or 42, type 500).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.jobs import registry
from ninja_api.models import SystemLog, Webhook, WebhookDelivery
from ninja_api.models.base import utcnow
from ninja_api.webhooks import repository

if TYPE_CHECKING:  # httpx (with the CLI it imports) costs a serving process ~6 MB; only senders load it
    import httpx

log = logging.getLogger("ninja_api.webhooks")

BACKOFF_SECONDS = (10, 30, 90, 270, 810, 2430, 7290, 21870, 28800, 28800)
MAX_ATTEMPTS = len(BACKOFF_SECONDS) + 1
LEASE = timedelta(minutes=5)
TIMEOUT_SECONDS = 10
SUSPENDING = (404, 405, 410)
WEBHOOK_CATEGORY, SUCCESS_EVENT, FAILURE_EVENT, RESPONSE_TYPE = 3, 41, 42, 500
USER_AGENT = "ninja-api-webhooks/1"


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def headers_for(hook: Webhook, delivery: WebhookDelivery, body: bytes) -> dict[str, str]:
    """Upstream's headers, the subscription's own over them, then the signature (never overridden)."""
    headers = {"Content-Type": "application/json", "Accept": "application/json", "User-Agent": USER_AGENT}
    if isinstance(hook.headers, dict):
        for name, value in hook.headers.items():
            name = str(name).strip()
            if name and name.isascii() and ":" not in name and not any(c in name for c in " \r\n"):
                headers[name] = str(value).replace("\r", " ").replace("\n", " ")
    headers["X-Ninja-Event"] = str(delivery.event_id)
    headers["X-Ninja-Delivery"] = str(delivery.id)
    headers["X-Ninja-Signature"] = signature(hook.signing_secret or "", body)
    return headers


@dataclass
class Outcome:
    status: int | None
    error: str | None
    duration_ms: int
    response_headers: dict


def _send(client: httpx.Client, method: str, url: str, headers: dict, body: bytes) -> Outcome:
    import httpx

    started = time.monotonic()
    try:
        response = client.request(method, url, headers=headers, content=body)
    except (httpx.HTTPError, ValueError) as exc:  # refused, timed out, or a URL httpx cannot use
        return Outcome(None, str(exc) or exc.__class__.__name__, int((time.monotonic() - started) * 1000), {})
    return Outcome(response.status_code, None, int((time.monotonic() - started) * 1000), dict(response.headers))


def _system_log(session: Session, hook: Webhook, delivery: WebhookDelivery, success: bool, message) -> None:
    try:
        body = json.loads(delivery.body)
    except ValueError:
        body = delivery.body
    if delivery.entity == "client":
        client_id = delivery.entity_id
    else:
        client_id = ids.decode(body.get("client_id")) if isinstance(body, dict) and body.get("client_id") else None
    session.add(SystemLog(company_id=hook.company_id, user_id=hook.user_id, client_id=client_id,
                          category_id=WEBHOOK_CATEGORY,
                          event_id=SUCCESS_EVENT if success else FAILURE_EVENT, type_id=RESPONSE_TYPE,
                          log={"message": message, "body": body}))


def _record(session: Session, delivery: WebhookDelivery, hook: Webhook, outcome: Outcome, now: datetime) -> str:
    delivery.attempts += 1
    delivery.response_status = outcome.status
    delivery.duration_ms = outcome.duration_ms
    delivery.error = outcome.error
    url = hook.target_url
    if outcome.status is not None and 200 <= outcome.status < 300:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = "delivered", now, None
        _system_log(session, hook, delivery, True, outcome.response_headers)
        return delivery.status
    if outcome.status in SUSPENDING:
        message = (f"There was a problem when connecting to {url} => status code {outcome.status}. "
                   "This webhook call will be suspended until further action is taken.")
        if hook.deleted_at is None:
            hook.deleted_at = now
        delivery.status, delivery.next_attempt_at = "failed", None
    elif outcome.status is None:
        message = f"Error connecting to {url}"
    else:
        message = f"There was a problem when connecting to {url} => status code {outcome.status}"
    if outcome.status == 400 or delivery.attempts >= MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = "failed", None
    elif delivery.status == "pending":
        delivery.next_attempt_at = now + timedelta(seconds=BACKOFF_SECONDS[delivery.attempts - 1])
    _system_log(session, hook, delivery, False, message)
    return delivery.status


def attempt(sessionmaker, delivery_id: int, seen: datetime, client: httpx.Client, now: datetime) -> str | None:
    """One attempt of one due delivery; its status after, or None when another worker had it."""
    with sessionmaker() as session:
        if not repository.claim(session, delivery_id, seen, now + LEASE):
            session.rollback()
            return None
        session.commit()
        delivery = session.get(WebhookDelivery, delivery_id)
        hook = session.get(Webhook, delivery.webhook_id)
        if hook is None or hook.deleted_at is not None or hook.is_deleted:
            # As upstream, which only looks up live subscriptions: an archived one is not called.
            delivery.status, delivery.next_attempt_at, delivery.error = "failed", None, "The webhook is archived."
            session.commit()
            return delivery.status
        body = delivery.body.encode()
        method = "PUT" if (hook.rest_method or "").lower() == "put" else "POST"
        headers = headers_for(hook, delivery, body)
        url = hook.target_url
        session.commit()  # nothing is held while the receiver answers
        outcome = _send(client, method, url, headers, body)
        delivery = session.get(WebhookDelivery, delivery_id)
        hook = session.get(Webhook, delivery.webhook_id)
        status = _record(session, delivery, hook, outcome, utcnow() if now is None else now)
        session.commit()
        return status


DELIVER_JOB = "webhooks.deliver_due"


@registry.named(DELIVER_JOB)
def _deliver_job(session: Session, payload: dict, env) -> None:
    deliver_due(env.sessionmaker)


def deliver_due(sessionmaker, now: datetime | None = None, client: httpx.Client | None = None,
                limit: int = 100) -> dict[int, str]:
    """Every delivery due at `now` (naive UTC), one attempt each: {delivery id: status after}."""
    now = now or utcnow()
    with sessionmaker() as session:
        due = repository.due(session, now, limit)
    if not due:
        return {}
    own = client is None
    if own:
        import httpx

    client = client or httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False)
    results = {}
    try:
        for delivery_id, seen in due:
            try:
                status = attempt(sessionmaker, delivery_id, seen, client, now)
            except Exception:  # one broken delivery must not stop the others
                log.exception("webhook delivery %s failed", delivery_id)
                continue
            if status is not None:
                results[delivery_id] = status
    finally:
        if own:
            client.close()
    return results
