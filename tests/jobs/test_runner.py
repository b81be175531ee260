"""Jobs on the embedded default: queued with the unit of work, run once, retried, taken over."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ninja_api.jobs import runner
from ninja_api.jobs.queue import committed, enqueue
from ninja_api.models import Job, ThrottleHit
from ninja_api.models.base import utcnow
from tests.job_env import env_for
from tests.jobs import handlers


@pytest.fixture(autouse=True)
def calls():
    handlers.CALLS.clear()
    return handlers.CALLS


@pytest.fixture
def env(session_factory):
    return env_for(session_factory)


def _job(session_factory, job_id) -> Job:
    with session_factory() as s:
        return s.get(Job, job_id)


def _hits(session_factory, key) -> int:
    with session_factory() as s:
        return len(s.scalars(select(ThrottleHit).where(ThrottleHit.key == key)).all())


def test_a_job_runs_once_after_its_commit_and_never_after_a_rollback(env, session_factory, calls):
    with session_factory() as s:
        enqueue(s, "test.record", {"key": "gone"})
        s.rollback()
    with session_factory() as s:
        assert s.scalars(select(Job).where(Job.name == "test.record")).all() == []

    with session_factory() as s:
        job_id = enqueue(s, "test.record", {"key": "kept"}).id
        assert calls == []  # nothing runs before the commit
        env.commit(s)
        assert committed(s) == []
    assert calls == [{"key": "kept"}]
    job = _job(session_factory, job_id)
    assert (job.status, job.attempts, job.locked_until, job.last_error) == ("done", 1, None, None)
    assert job.finished_at is not None and _hits(session_factory, "kept") == 1
    # The same job delivered again (a repeated broker message) does nothing.
    assert runner.run(env, job_id) is None
    assert calls == [{"key": "kept"}] and _hits(session_factory, "kept") == 1


def test_a_failing_job_is_retried_with_backoff_then_fails(env, session_factory, calls):
    with session_factory() as s:
        job_id = enqueue(s, "test.fail", {}, max_attempts=3, delay=timedelta(0)).id
        s.commit()
    now = utcnow()
    assert runner.run(env, job_id, now) == "retry"
    job = _job(session_factory, job_id)
    assert (job.status, job.attempts, job.run_at, job.last_error) == ("pending", 1, now + timedelta(seconds=10),
                                                                      "RuntimeError: boom")
    assert runner.run(env, job_id, now + timedelta(seconds=9)) is None  # not due yet
    assert runner.run(env, job_id, now + timedelta(seconds=10)) == "retry"
    assert _job(session_factory, job_id).run_at == now + timedelta(seconds=70)  # 60 s after the 2nd
    assert runner.run(env, job_id, now + timedelta(seconds=70)) == "failed"
    job = _job(session_factory, job_id)
    assert (job.status, job.attempts, job.finished_at is not None) == ("failed", 3, True)
    assert runner.run(env, job_id, now + timedelta(days=1)) is None
    assert len(calls) == 3


def test_a_runner_that_lost_its_claim_keeps_none_of_its_writes(env, session_factory):
    with session_factory() as s:
        job = enqueue(s, "test.overtaken", {"key": "overtaken"}, delay=timedelta(0))
        job.payload = {"key": "overtaken", "job_id": job.id}
        s.commit()
        job_id = job.id
    assert runner.run(env, job_id) is None
    assert _hits(session_factory, "overtaken") == 0
    assert _job(session_factory, job_id).status == "running"  # not done: it is the other runner's now


def test_a_job_left_running_by_a_dead_runner_runs_again_once_its_lease_is_over(env, session_factory, calls):
    now = utcnow()
    with session_factory() as s:
        job = enqueue(s, "test.record", {"key": "orphan"}, delay=timedelta(0))
        job.status, job.attempts, job.locked_until = "running", 1, now + timedelta(seconds=30)
        s.commit()
        job_id = job.id
    with session_factory() as s:
        assert job_id not in runner.due(s, now)
        assert job_id in runner.due(s, now + timedelta(seconds=31))
    assert runner.run(env, job_id, now) is None  # still held
    assert runner.run_due(env, now + timedelta(seconds=31))[job_id] == "done"
    assert (_job(session_factory, job_id).attempts, calls) == (2, [{"key": "orphan"}])


def test_an_unknown_job_name_is_refused_when_queued(session_factory):
    with session_factory() as s, pytest.raises(LookupError, match="no job function is named 'test.nope'"):
        enqueue(s, "test.nope", {})
