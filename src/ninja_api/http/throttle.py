"""Throttles whose counts every server process shares: hits are rows of the database, or, when
REDIS_URL names a Redis, members of one sorted set per key there (upstream keeps them in its
cache). Should that Redis not answer, the database counts instead: a throttle never fails a request.

Two kinds: Laravel's numeric route throttle (`throttle:N,1`), which upstream keys by the user
alone, so all of a user's numerically throttled routes share one counter, each comparing it with
its own limit (over it: 429 without rate-limit headers; under it the answer carries them); and
the login throttle (`too_many` / `record`), which the auth routes key by e-mail and IP.
In the database a hit is written in the request's unit of work: a route that must keep it on a
failure answers its error instead of raising it. In Redis it is kept at once.
"""

import logging
import secrets
import time
from datetime import timedelta
from functools import cache

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ApiError
from ninja_api.models import ThrottleHit
from ninja_api.models.base import utcnow
from ninja_api.settings import get_settings

log = logging.getLogger("ninja_api.http")

WINDOW = timedelta(seconds=60)
KEPT = timedelta(hours=1)
REDIS_PREFIX = "ninja:throttle:"


def _db_count(session: Session, key: str, window: timedelta) -> int:
    return session.scalar(select(func.count(ThrottleHit.id)).where(
        ThrottleHit.key == key, ThrottleHit.at > utcnow() - window)) or 0


def _db_record(session: Session, key: str) -> None:
    session.execute(delete(ThrottleHit).where(ThrottleHit.at < utcnow() - KEPT))
    session.add(ThrottleHit(key=key[:191], at=utcnow()))
    session.flush()


@cache
def _redis(url: str):
    import redis

    return redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)


def _redis_key(key: str) -> str:
    return REDIS_PREFIX + key


def _in_redis(operation):
    """`operation(client)` on the configured Redis; None without one, or when it does not answer."""
    url = get_settings().redis_url
    if not url:
        return None
    import redis

    try:
        return operation(_redis(url))
    except redis.RedisError as exc:
        log.warning("throttle store %s did not answer (%s); counting in the database", url, exc)
        return None


def count(session: Session, key: str, window: timedelta = WINDOW) -> int:
    def redis_count(client) -> int:
        return client.zcount(_redis_key(key), f"({time.time() - window.total_seconds()}", "+inf")

    found = _in_redis(redis_count)
    return _db_count(session, key, window) if found is None else found


def record(session: Session, key: str) -> None:
    def redis_record(client) -> bool:
        now, name = time.time(), _redis_key(key)
        with client.pipeline() as pipe:
            pipe.zadd(name, {f"{now}:{secrets.token_hex(4)}": now})
            pipe.zremrangebyscore(name, "-inf", now - KEPT.total_seconds())
            pipe.expire(name, int(KEPT.total_seconds()))
            pipe.execute()
        return True

    if _in_redis(redis_record) is None:
        _db_record(session, key)


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
