"""Throttles whose counts every server process shares: hits are rows of the database.

Two kinds: Laravel's numeric route throttle (`throttle:N,1`), which upstream keys by the user
alone, so all of a user's numerically throttled routes share one counter, each comparing it with
its own limit (over it: 429 without rate-limit headers; under it the answer carries them); and
the login throttle (`too_many` / `record`), which the auth routes key by e-mail and IP.
A hit is written in the request's unit of work: a route that must keep it on a failure answers
its error instead of raising it.
"""

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ApiError
from ninja_api.models import ThrottleHit
from ninja_api.models.base import utcnow

WINDOW = timedelta(seconds=60)
KEPT = timedelta(hours=1)


def count(session: Session, key: str, window: timedelta = WINDOW) -> int:
    return session.scalar(select(func.count(ThrottleHit.id)).where(
        ThrottleHit.key == key, ThrottleHit.at > utcnow() - window)) or 0


def record(session: Session, key: str) -> None:
    session.execute(delete(ThrottleHit).where(ThrottleHit.at < utcnow() - KEPT))
    session.add(ThrottleHit(key=key[:191], at=utcnow()))
    session.flush()


def too_many(session: Session, key: str, limit: int) -> bool:
    return count(session, key) >= limit


def hit(session: Session, ctx: AuthContext, limit: int) -> dict[str, str]:
    """Count this request against the user's counter; the headers for its answer."""
    key = f"route:{ctx.user_id}"
    attempts = count(session, key)
    if attempts >= limit:
        raise ApiError(429, {"message": "Too many requests"})
    record(session, key)
    return {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(limit - attempts - 1)}
