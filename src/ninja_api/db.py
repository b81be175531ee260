"""Engine, sessions and the one-commit-per-request unit of work."""

import asyncio
import weakref
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from pathlib import Path

from fastapi import Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

# Whether the transactions opened in this context only read. `UnitOfWorkRoute` sets it per request;
# SQLite then opens a deferred transaction (a snapshot, no write lock). Anything else writes.
reads_only: ContextVar[bool] = ContextVar("ninja_reads_only", default=False)



@contextmanager
def reading():
    """Transactions begun inside only read (on SQLite: no write lock while, say, a PDF renders)."""
    token = reads_only.set(True)
    try:
        yield
    finally:
        reads_only.reset(token)


BUSY_MESSAGE = "The server is busy, try again shortly."
RETRY_AFTER = "5"


def pool_options(settings) -> dict:
    """The pool's size and wait from the settings; an in-memory SQLite database has no such pool."""
    url = settings.database_url
    if url.startswith("sqlite") and (":memory:" in url or url.rstrip("/") in ("sqlite:", "sqlite+pysqlite:")):
        return {}
    return {"pool_size": settings.db_pool_size, "max_overflow": settings.db_max_overflow,
            "pool_timeout": settings.db_pool_timeout}


def make_engine(url: str, **kwargs) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and not path.startswith("file:"):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_conn, _record):
            # Let SQLAlchemy, not the driver, open transactions (see `_sqlite_begin`).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()
            dbapi_conn.create_function("ninja_digits", 1, _digits, deterministic=True)

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            # SQLite has one writer. A transaction that may write takes the write lock up front, so
            # concurrent writers queue (busy timeout) instead of failing when a read turns into a
            # write (SQLITE_BUSY_SNAPSHOT under WAL). A read-only request reads a WAL snapshot and
            # waits for nobody.
            conn.exec_driver_sql("BEGIN" if reads_only.get() else "BEGIN IMMEDIATE")

        return engine
    if url.startswith(("mysql", "mariadb")):
        kwargs.setdefault("pool_recycle", 3600)
        # As PostgreSQL: each statement sees what has committed. Under MariaDB's REPEATABLE READ a
        # balance recomputed after waiting for a row lock would read the snapshot from before the wait.
        kwargs.setdefault("isolation_level", "READ COMMITTED")
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _digits(value):
    if value is None:
        return None
    return "".join(ch for ch in str(value) if ch.isdigit())


def make_sessionmaker(bind) -> sessionmaker[Session]:
    # expire_on_commit=False: the response is rendered from objects after the single commit.
    return sessionmaker(bind=bind, expire_on_commit=False, autoflush=True)


async def get_session(request: Request) -> Session:
    """The request's session, opened on first use (no connection until its first query, so
    this runs in the event loop rather than costing a trip to a worker thread).

    Services and repositories only flush. `UnitOfWorkRoute` commits it once, after the endpoint has
    built its response and before anything is sent, or rolls it back whole.
    """
    session = getattr(request.state, "session", None)
    if session is None:
        session = request.app.state.sessionmaker()
        request.state.session = session
    return session


class ServerBusy(Exception):
    """No request slot (or no pooled connection) came free in time: answered 503 with Retry-After."""


class RequestSlots:
    """At most `size` requests of an event loop hold a database session at once.

    A request holds its connection from its first query to its commit, across every wait for a
    thread of AnyIO's pool (dependencies, endpoint and commit each take one). Were more requests in
    flight than the pool has connections, threads would block on the pool while the connections'
    holders wait for those threads. Requests beyond `size` therefore wait here, in the event loop,
    holding neither. One semaphore per loop: a server process runs one; tests may run several.
    """

    def __init__(self, size: int, timeout: float) -> None:
        self.size = max(1, size)
        self.timeout = timeout
        self._by_loop: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        semaphore = self._by_loop.get(loop)
        if semaphore is None:
            semaphore = self._by_loop[loop] = asyncio.Semaphore(self.size)
        return semaphore

    @asynccontextmanager
    async def hold(self):
        semaphore = self._semaphore()
        try:
            async with asyncio.timeout(self.timeout):
                await semaphore.acquire()
        except TimeoutError:
            raise ServerBusy() from None
        try:
            yield
        finally:
            semaphore.release()
