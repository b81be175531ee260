from collections.abc import Callable
from contextlib import nullcontext

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from ninja_api.mail import outbox
from ninja_api.webhooks import outbox as webhooks


class UnitOfWorkRoute(APIRoute):
    """Every API route: one commit per request, after the response is built, or a full rollback.

    Mail queued by the request is handed to the transport only once the commit has succeeded;
    webhook deliveries the commit stored wake the delivery worker, when one runs.
    """

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def with_unit_of_work(request: Request) -> Response:
            slots = getattr(request.app.state, "request_slots", None)
            async with slots.hold() if slots is not None else nullcontext():
                return await unit_of_work(request)

        async def unit_of_work(request: Request) -> Response:
            try:
                response = await handler(request)
                session = getattr(request.state, "session", None)
                if session is not None:
                    await run_in_threadpool(session.commit)
                    await run_in_threadpool(outbox.deliver, session, request.app.state.mailer)
                    worker = getattr(request.app.state, "webhook_worker", None)
                    if webhooks.take_queued(session) and worker is not None:
                        worker.notify()
                return response
            except BaseException:
                session = getattr(request.state, "session", None)
                if session is not None:
                    outbox.discard(session)
                    await run_in_threadpool(session.rollback)
                raise
            finally:
                session = getattr(request.state, "session", None)
                if session is not None:
                    request.state.session = None
                    await run_in_threadpool(session.close)

        return with_unit_of_work
