"""Jobs run by someone else than the committing thread: the server's threads, and queue workers
fed through Redis, with real commits (the suite's rolled-back connection is not used here)."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete

from ninja_api.db import make_sessionmaker
from ninja_api.jobs import dispatch
from ninja_api.jobs.queue import enqueue
from ninja_api.jobs.worker import resend_due
from ninja_api.models import Job, ThrottleHit
from ninja_api.settings import Settings
from tests.job_env import env_for
from tests.jobs import handlers

ROOT = Path(__file__).resolve().parents[2]


def _wait(condition, seconds: float = 30, what: str = "the condition"):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {seconds} s")
        time.sleep(0.05)


@pytest.fixture
def committing(engine):
    """A sessionmaker that really commits, and the ids of the jobs to delete afterwards."""
    sessionmaker = make_sessionmaker(engine)
    made: list[int] = []
    yield sessionmaker, made
    with sessionmaker() as s:
        s.execute(delete(Job).where(Job.id.in_(made)))
        s.execute(delete(ThrottleHit).where(ThrottleHit.key.like(f"jobs-{os.getpid()}-%")))
        s.commit()


def _status(sessionmaker, job_id) -> tuple[str, int]:
    with sessionmaker() as s:
        job = s.get(Job, job_id)
        return job.status, job.attempts


def test_the_server_threads_run_committed_jobs_and_pick_up_left_over_ones(committing):
    sessionmaker, made = committing
    env = env_for(sessionmaker)
    threads = env.state.jobs = dispatch.Threads(env, 2, poll=0.2)
    threads.start()
    try:
        with sessionmaker() as s:
            made.append(enqueue(s, "test.record", {"key": f"jobs-{os.getpid()}-now"}).id)
            env.commit(s)
        # Committed but never handed over, as by a process that stopped right after its commit.
        with sessionmaker() as s:
            made.append(enqueue(s, "test.record", {"key": f"jobs-{os.getpid()}-left"}).id)
            s.commit()
        _wait(lambda: all(_status(sessionmaker, j) == ("done", 1) for j in made), 20, "both jobs")
    finally:
        threads.stop()


@pytest.fixture
def redis_url():
    redis = pytest.importorskip("redis")
    url = f"redis://127.0.0.1:6379/{8 + os.getpid() % 8}"
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    client.flushdb()
    yield url
    client.flushdb()


def _worker(database_url: str, queue_url: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "QUEUE_URL": queue_url, "JOB_LEASE_SECONDS": "2",
           "MAIL_MAILER": "array", "LOG_LEVEL": "WARNING"}
    code = "import tests.jobs.handlers; from ninja_api.cli import main; raise SystemExit(main(['worker', '--threads', '2']))"
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=log.open("a"),
                            stderr=subprocess.STDOUT)


def test_a_worker_killed_mid_job_has_the_job_redone_exactly_once(committing, database_url, redis_url, tmp_path):
    sessionmaker, made = committing
    env = env_for(sessionmaker)
    env.state.settings = Settings(database_url=database_url, queue_url=redis_url, job_lease_seconds=2)
    env.state.jobs = dispatch.Broker(env, redis_url)
    marks = tmp_path / "marks.txt"
    log = tmp_path / "workers.log"
    first = _worker(database_url, redis_url, log)
    second = None
    try:
        with sessionmaker() as s:
            job_id = enqueue(s, "test.file", {"path": str(marks), "sleep": 4}).id
            made.append(job_id)
            env.commit(s)  # the message goes to Redis only now
        _wait(lambda: marks.exists() and marks.read_text() == "start\n", 60, "the first worker's start")
        first.kill()
        first.wait(10)
        assert _status(sessionmaker, job_id) == ("running", 1)

        second = _worker(database_url, redis_url, log)
        time.sleep(2.5)  # the dead worker's lease runs out
        assert resend_due(env, grace=timedelta(0)) >= 1  # what `ninja-api scheduler` does every 10 s
        _wait(lambda: _status(sessionmaker, job_id) == ("done", 2), 60, f"the redo ({log.read_text()[-2000:]})")
        assert marks.read_text() == "start\nstart\ndone\n"

        env.state.jobs.submit([job_id])  # a duplicate message: nothing runs twice
        time.sleep(1.5)
        assert marks.read_text() == "start\nstart\ndone\n" and _status(sessionmaker, job_id) == ("done", 2)
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.kill()
                worker.wait(10)


def test_a_mail_job_renders_its_attachments_without_the_write_lock(committing, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("the write lock is SQLite's")
    from ninja_api.mail import outbox
    from ninja_api.mail.message import Mail

    sessionmaker, made = committing
    env = env_for(sessionmaker)
    key = f"jobs-{os.getpid()}-probe"
    with sessionmaker() as s:
        outbox.queue(s, Mail(to="a@example.com", subject="s", html="<p>h</p>", text="t"),
                     attachments=[{"fn": "test.probe_attachment", "path": database_url.split("///", 1)[1],
                                   "key": key}])
        made.extend(int(j) for j in s.info["ninja_jobs"])
        env.commit(s)
    [sent] = env.mailer.sent
    assert sent.attachments == [("probe.txt", b"written meanwhile", "text/plain")]
    assert _status(sessionmaker, made[0]) == ("done", 1)
