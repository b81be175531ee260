"""What a process needs to work: its database, its queue and where documents are kept.

`GET /health_check` adds these to upstream's answer; `ninja-api healthcheck` runs them for a
container's health check, which has no token. A check reports a failure, it never raises one.
"""

import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy import text as sql

CONNECT_TIMEOUT_SECONDS = 3


@dataclass(frozen=True)
class Check:
    ok: bool
    message: str = ""

    def as_json(self) -> dict:
        return {"ok": self.ok, "message": self.message}


def check_database(connect) -> Check:
    """`connect` opens a connection (an engine's or a session's); the check runs `SELECT 1` on it."""
    try:
        connection = connect()
        connection.execute(sql("SELECT 1"))
        return Check(True)
    except Exception as exc:
        return Check(False, f"database unreachable: {_first_line(exc)}")


def check_queue(queue_url: str) -> Check:
    """Without a broker the server runs its jobs itself, which cannot be unreachable."""
    if not queue_url:
        return Check(True)
    try:
        if queue_url.startswith(("amqp://", "amqps://")):
            _ping_rabbitmq(queue_url)
        else:
            _ping_redis(queue_url)
        return Check(True)
    except Exception as exc:
        return Check(False, f"queue unreachable: {_first_line(exc)}")


def _ping_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
                                  socket_timeout=CONNECT_TIMEOUT_SECONDS)
    try:
        client.ping()
    finally:
        client.close()


def _ping_rabbitmq(url: str) -> None:
    import pika

    parameters = pika.URLParameters(url)
    parameters.socket_timeout = parameters.blocked_connection_timeout = CONNECT_TIMEOUT_SECONDS
    parameters.connection_attempts = 1
    pika.BlockingConnection(parameters).close()


def check_storage(settings) -> Check:
    """Uploads need to create, read and remove files where documents live; a probe does all three."""
    if settings.filesystem_disk == "s3":
        return _check_bucket(settings)
    return _check_folder(settings.documents_path)


def _check_folder(documents_path: str) -> Check:
    root = Path(documents_path)
    probe = root / f".health-{uuid.uuid4().hex}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"ok")
        if probe.read_bytes() != b"ok":
            return Check(False, f"documents folder {root} does not keep what is written")
        probe.unlink()
        return Check(True)
    except OSError as exc:
        return Check(False, f"documents folder {root} is not writable: {exc.strerror or exc}")


def _check_bucket(settings) -> Check:
    try:
        from ninja_api.documents.storage import S3Storage

        bucket = S3Storage(settings.aws_bucket, settings.aws_endpoint, settings.aws_default_region)
        key = f".health/{uuid.uuid4().hex}"
        bucket.put(key, b"ok")
        if bucket.read(key) != b"ok":
            return Check(False, f"bucket {settings.aws_bucket} does not keep what is written")
        bucket.remove(key)
        return Check(True)
    except Exception as exc:
        return Check(False, f"bucket {settings.aws_bucket} is not usable: {_first_line(exc)}")


def queue_driver(queue_url: str) -> str:
    """Upstream's `queue` names its queue connection, `sync` when jobs run where they are queued;
    without a broker ours run in the server process, the nearest thing."""
    return queue_url.split(":", 1)[0] if queue_url else "sync"


@cache
def _heads() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    from ninja_api.migrate import alembic_config

    # Any URL will do: only the scripts are read.
    return frozenset(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def pending_migrations(connection: Connection) -> bool:
    from alembic.runtime.migration import MigrationContext

    try:
        return set(MigrationContext.configure(connection).get_current_heads()) != _heads()
    except Exception:
        return True


def check_server(url: str) -> Check:
    """Any answer below 500 shows the server takes requests (a route that needs a token answers 403)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=CONNECT_TIMEOUT_SECONDS):
            return Check(True)
    except urllib.error.HTTPError as exc:
        return Check(True) if exc.code < 500 else Check(False, f"server answered {exc.code}")
    except Exception as exc:
        return Check(False, f"server unreachable: {_first_line(exc)}")


def run_checks(settings, url: str | None = None) -> dict[str, Check]:
    """The checks of `ninja-api healthcheck`, each on a connection of its own."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    # A bare engine: ninja_api.db would load the web framework, for one SELECT.
    engine = create_engine(settings.database_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            database = check_database(lambda: connection)
    except Exception as exc:
        database = Check(False, f"database unreachable: {_first_line(exc)}")
    finally:
        engine.dispose()
    checks = {"database": database, "queue": check_queue(settings.queue_url), "storage": check_storage(settings)}
    if url:
        checks["server"] = check_server(url)
    return checks


def _first_line(exc: Exception) -> str:
    # pika's connection errors say nothing as text; their first argument says what failed.
    text = str(exc).strip() or (repr(exc.args[0]) if exc.args else "") or type(exc).__name__
    return text.splitlines()[0]
