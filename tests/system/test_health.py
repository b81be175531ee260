"""The database, queue and storage checks of /health_check and `ninja-api healthcheck`."""

import socket
import threading
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import create_engine

from ninja_api.migrate import upgrade
from ninja_api.models import Job
from ninja_api.settings import Settings
from ninja_api.system import health
from tests.documents.test_s3_storage import bucket, s3_endpoint  # noqa: F401 (fixtures)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def documents(settings, tmp_path, monkeypatch):
    path = tmp_path / "documents"
    monkeypatch.setattr(settings, "documents_path", str(path))
    return path


@pytest.fixture
def redis_url():
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url).ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return url


def test_a_documents_folder_that_cannot_be_written_fails_the_health_check(api, tenant, settings, tmp_path,
                                                                            monkeypatch):
    # Root may write anywhere, so the folder is a file in the way rather than a read-only folder.
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    monkeypatch.setattr(settings, "documents_path", str(blocked))
    data = api.get("/api/v1/health_check", headers=tenant.headers).json()
    message = f"documents folder {blocked} is not writable: File exists"
    assert data["checks"]["storage"] == {"ok": False, "message": message}
    assert data["file_permissions"] == message
    assert data["system_health"] is False
    assert data["checks"]["database"] == {"ok": True, "message": ""} and data["simple_db_check"] is True


def test_the_storage_check_leaves_nothing_behind(settings, documents):
    assert health.check_storage(settings) == health.Check(True)
    assert documents.is_dir() and list(documents.iterdir()) == []


def test_an_unreachable_queue_fails_the_health_check(api, tenant, settings, documents, monkeypatch):
    port = closed_port()
    monkeypatch.setattr(settings, "queue_url", f"redis://127.0.0.1:{port}/0")
    data = api.get("/api/v1/health_check", headers=tenant.headers).json()
    assert data["queue"] == "redis"
    assert data["checks"]["queue"] == {
        "ok": False, "message": f"queue unreachable: Error 111 connecting to 127.0.0.1:{port}. Connection refused."}
    assert data["system_health"] is False
    assert data["checks"]["storage"] == {"ok": True, "message": ""}


def test_a_reachable_queue_passes(api, tenant, settings, documents, redis_url, monkeypatch):
    monkeypatch.setattr(settings, "queue_url", redis_url)
    data = api.get("/api/v1/health_check", headers=tenant.headers).json()
    assert data["queue"] == "redis"
    assert data["checks"]["queue"] == {"ok": True, "message": ""}
    assert data["system_health"] is True


def test_is_docker_comes_from_the_environment(api, tenant, settings, documents, monkeypatch):
    monkeypatch.setattr(settings, "is_docker", True)
    assert api.get("/api/v1/health_check", headers=tenant.headers).json()["is_docker"] is True
    monkeypatch.setenv("IS_DOCKER", "true")
    assert Settings().is_docker is True


def test_pending_migrations_until_the_database_is_at_the_head(tmp_path):
    url = f"sqlite:///{tmp_path}/behind.db"
    engine = create_engine(url)
    with engine.connect() as connection:
        assert health.pending_migrations(connection) is True  # nothing applied yet
    upgrade(url, "0018")
    with engine.connect() as connection:
        assert health.pending_migrations(connection) is True
    upgrade(url)
    with engine.connect() as connection:
        assert health.pending_migrations(connection) is False
    engine.dispose()


def test_an_unreachable_database_fails_its_check(tmp_path):
    settings = Settings(database_url=f"postgresql+psycopg://nobody@127.0.0.1:{closed_port()}/x",
                        documents_path=str(tmp_path / "documents"))
    checks = health.run_checks(settings)
    assert list(checks) == ["database", "queue", "storage"]
    assert checks["database"].ok is False
    assert checks["database"].message.startswith("database unreachable: (psycopg.OperationalError)")
    assert "Connection refused" in checks["database"].message
    assert checks["queue"] == health.Check(True) and checks["storage"] == health.Check(True)

    def broken():
        raise RuntimeError("gone\nand more")

    assert health.check_database(broken) == health.Check(False, "database unreachable: gone")


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(int(self.path.strip("/")))
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = HTTPServer(("127.0.0.1", 0), _Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_server_check_takes_any_answer_below_500(http_server):
    assert health.check_server(f"{http_server}/200") == health.Check(True)
    assert health.check_server(f"{http_server}/403") == health.Check(True)
    assert health.check_server(f"{http_server}/502") == health.Check(False, "server answered 502")
    down = health.check_server(f"http://127.0.0.1:{closed_port()}/")
    assert down == health.Check(False, "server unreachable: <urlopen error [Errno 111] Connection refused>")


def test_queue_data_counts_the_jobs_waiting_and_failed_and_shows_the_newest_failure(api, tenant, session,
                                                                                    documents):
    now = datetime(2026, 3, 1, 12, 0)
    session.add_all([
        Job(name="mail.send", payload={}, status="pending", run_at=now),
        Job(name="mail.send", payload={}, status="running", run_at=now, locked_until=now),
        Job(name="mail.send", payload={}, status="done", run_at=now, finished_at=now),
        Job(name="webhooks.deliver", payload={}, status="failed", run_at=now, last_error="older failure",
            finished_at=now - timedelta(hours=1)),
        Job(name="webhooks.deliver", payload={}, status="failed", run_at=now, last_error="SMTP said no",
            finished_at=now),
    ])
    session.commit()
    data = api.get("/api/v1/health_check", headers=tenant.headers).json()
    assert data["queue_data"] == {"failed": 2, "pending": 2, "last_error": "SMTP said no"}
    assert data["jobs_pending"] == 0  # upstream keeps it 0 for old clients


def test_the_queue_check_speaks_to_rabbitmq_too():
    port = closed_port()
    assert health.check_queue(f"amqp://guest:guest@127.0.0.1:{port}/") == health.Check(
        False, "queue unreachable: AMQPConnectorSocketConnectError: ConnectionRefusedError(111, 'Connection refused')")
    assert health.queue_driver(f"amqp://guest:guest@127.0.0.1:{port}/") == "amqp"
    assert health.queue_driver("") == "sync"


def test_a_rabbitmq_that_answers_passes_and_one_that_refuses_the_login_fails():
    url = "amqp://guest:guest@127.0.0.1:5672/"
    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=1).close()
    except OSError:
        pytest.skip("no RabbitMQ on 127.0.0.1:5672")
    assert health.check_queue(url) == health.Check(True)
    refused = health.check_queue("amqp://guest:wrong@127.0.0.1:5672/")
    assert refused.ok is False
    assert refused.message.startswith("queue unreachable: ConnectionClosedByBroker: (403) 'ACCESS_REFUSED")


def test_with_documents_in_a_bucket_the_storage_check_probes_the_bucket(api, tenant, settings, bucket,
                                                                          monkeypatch):
    data = api.get("/api/v1/health_check", headers=tenant.headers).json()
    assert data["checks"]["storage"] == {"ok": True, "message": ""}
    assert bucket.list_objects_v2(Bucket="ninja-documents").get("Contents", []) == []  # the probe is gone
    monkeypatch.setattr(settings, "aws_bucket", "no-such-bucket")
    data = api.get("/api/v1/health_check", headers=tenant.headers).json()
    assert data["checks"]["storage"] == {
        "ok": False, "message": "bucket no-such-bucket is not usable: An error occurred (NoSuchBucket) when "
                                "calling the PutObject operation: The specified bucket does not exist"}
    assert data["system_health"] is False
