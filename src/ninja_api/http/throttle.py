"""Laravel's numeric route throttle (`throttle:N,1`), kept per app process.

Upstream keys it by the user alone, so all of a user's numerically throttled routes share one
counter, each comparing it with its own limit. The window opens with the first hit and lasts a
minute. Over the limit: 429 without rate-limit headers; under it, the answer carries them.
"""

import time

from fastapi import Request

from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ApiError

WINDOW_SECONDS = 60


def hit(request: Request, ctx: AuthContext, limit: int) -> dict[str, str]:
    """Count this request against the user's counter; the headers for its answer."""
    counters = getattr(request.app.state, "route_throttles", None)
    if counters is None:
        counters = request.app.state.route_throttles = {}
    now = time.monotonic()
    opened, attempts = counters.get(ctx.user_id, (now, 0))
    if opened <= now - WINDOW_SECONDS:
        opened, attempts = now, 0
    if attempts >= limit:
        raise ApiError(429, {"message": "Too many requests"})
    counters[ctx.user_id] = (opened, attempts + 1)
    return {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(limit - attempts - 1)}
