"""A PDF response drawn after the request's transaction has ended, in a worker thread."""

import asyncio
import weakref
from collections.abc import Callable

import anyio.to_thread
from fastapi import Response

# Renders at once per event loop: each one holds a thread (and the GIL for much of its time), and
# their own limiter keeps them from taking the threads that run the endpoints.
RENDERS = 2
_limiters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _limiter() -> anyio.CapacityLimiter:
    loop = asyncio.get_running_loop()
    limiter = _limiters.get(loop)
    if limiter is None:
        limiter = _limiters[loop] = anyio.CapacityLimiter(RENDERS)
    return limiter


class LaterPdf(Response):
    """`draw` runs when the response is sent: `UnitOfWorkRoute` has committed and closed the
    session by then, so a render holds no transaction, lock or connection, and never the event loop."""

    media_type = "application/pdf"

    def __init__(self, draw: Callable[[], bytes], headers: dict[str, str]) -> None:
        self.draw = draw
        super().__init__(b"", headers=headers)

    async def __call__(self, scope, receive, send) -> None:
        self.body = await anyio.to_thread.run_sync(self.draw, limiter=_limiter())
        self.headers["content-length"] = str(len(self.body))
        await super().__call__(scope, receive, send)
