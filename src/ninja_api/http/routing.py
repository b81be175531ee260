import functools
import inspect
import sqlite3
from collections.abc import Callable
from contextlib import nullcontext
from contextvars import ContextVar

from fastapi import Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool

from ninja_api.db import reads_only
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ApiError
from ninja_api.http.input import get_input
from ninja_api.jobs import queue

READ_METHODS = frozenset({"GET", "HEAD"})
# What `GET /{entity}/{id}/{action}` may name without writing. Every other action of that route
# (mark_paid, mark_sent, email, archive...) changes rows, as upstream's GET actions do.
READ_ACTIONS = frozenset({"download", "history"})


# Bulk actions of the billing documents that answer a PDF of the selection and change nothing.
# (The documents' own bulk `download` mails a zip: a job to write.)
READ_BULK_ACTIONS = frozenset({"download", "bulk_print"})


async def only_reads(request: Request) -> bool:
    """A request that reads and never writes: GET or HEAD lists, shows, edits, blank creates and
    downloads, and the bulk PDF actions. A GET naming an action that changes state is a write.
    (Guessing wrong costs nothing: on SQLite a read that writes after all runs again as a write.)"""
    if request.method == "POST" and request.url.path.endswith("/bulk") \
            and not request.url.path.endswith("/documents/bulk"):
        try:
            inp = await get_input(request)
        except ApiError:
            return False  # the route answers the same error
        action = inp.get("action")
        return isinstance(action, str) and action in READ_BULK_ACTIONS
    if request.method not in READ_METHODS:
        return False
    action = request.path_params.get("action")
    return action is None or action in READ_ACTIONS


def _sqlite_busy(exc: OperationalError) -> bool:
    return isinstance(exc.orig, sqlite3.OperationalError) and any(
        word in str(exc.orig) for word in ("locked", "busy"))


def _take_session(request: Request):
    session = getattr(request.state, "session", None)
    request.state.session = None
    return session


# Each runs in one trip to a worker thread: every trip costs the event loop a wake-up.
def _commit(session, jobs) -> None:
    try:
        session.commit()
    except BaseException:
        _roll_back(session)
        raise
    try:
        jobs.submit(queue.committed(session))
    finally:
        session.close()


def _roll_back(session) -> None:
    queue.discard(session)
    try:
        session.rollback()
    finally:
        session.close()


_request: ContextVar[Request | None] = ContextVar("unit_of_work_request", default=None)


def in_one_trip(endpoint: Callable) -> Callable:
    """A sync endpoint that, in its worker thread, first reads the caller's token (so a bad one is
    refused before anything else happens) and then, once it has built its response, commits or
    rolls back: one trip to a thread per request instead of three."""

    @functools.wraps(endpoint)
    def run(**values):
        request = _request.get()
        try:
            for value in values.values():
                if isinstance(value, AuthContext):
                    value.resolve()
            response = endpoint(**values)
        except BaseException:
            session = _take_session(request) if request is not None else None
            if session is not None:
                _roll_back(session)
            raise
        session = _take_session(request) if request is not None else None
        if session is not None:
            _commit(session, request.app.state.jobs)
        return response

    return run


class UnitOfWorkRoute(APIRoute):
    """Every API route: one commit per request, after the response is built, or a full rollback.

    The jobs the request queued (mail, webhook deliveries) go to the app's dispatcher only once
    the commit has succeeded.

    A request that only reads runs in a read transaction (on SQLite: a deferred one, which takes
    no write lock). Should one write after all and SQLite refuse to turn its snapshot into a write
    (another writer came first), it is rolled back and runs once more as a write.
    """

    def __init__(self, path: str, endpoint: Callable, **kwargs) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = in_one_trip(endpoint)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def unit_of_work(request: Request, reading: bool) -> Response:
            token = reads_only.set(reading)
            current = _request.set(request)
            try:
                response = await handler(request)
                session = _take_session(request)
                if session is not None:
                    await run_in_threadpool(_commit, session, request.app.state.jobs)
                return response
            except BaseException:
                session = _take_session(request)
                if session is not None:
                    await run_in_threadpool(_roll_back, session)
                raise
            finally:
                _request.reset(current)
                reads_only.reset(token)

        async def with_unit_of_work(request: Request) -> Response:
            slots = getattr(request.app.state, "request_slots", None)
            async with slots.hold() if slots is not None else nullcontext():
                if await only_reads(request):
                    try:
                        return await unit_of_work(request, True)
                    except OperationalError as exc:
                        if not _sqlite_busy(exc):
                            raise
                return await unit_of_work(request, False)

        return with_unit_of_work
