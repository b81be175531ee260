"""Job functions for the job tests; a worker process imports this module to know them too."""

import time
from pathlib import Path

from ninja_api.jobs import registry
from ninja_api.jobs.runner import claim
from sqlalchemy import select

from ninja_api.models import ThrottleHit

CALLS: list[dict] = []


@registry.named("test.record")
def record(session, payload, env):
    CALLS.append(payload)
    session.add(ThrottleHit(key=payload["key"]))


@registry.named("test.fail")
def fail(session, payload, env):
    CALLS.append(payload)
    raise RuntimeError("boom")


@registry.named("test.overtaken")
def overtaken(session, payload, env):
    """Writes, then finds that another runner took the job over (as if its lease had run out)."""
    session.add(ThrottleHit(key=payload["key"]))
    session.flush()
    from datetime import timedelta

    from ninja_api.models.base import utcnow

    later = utcnow() + timedelta(seconds=env.settings.job_lease_seconds + 1)
    assert claim(env.sessionmaker, payload["job_id"], later, timedelta(seconds=60)) is not None


@registry.named("test.file")
def write_file(session, payload, env):
    """Marks its start and its end in a file, sleeping between: a job a test can kill midway."""
    path = Path(payload["path"])
    with path.open("a") as out:
        out.write("start\n")
    time.sleep(payload.get("sleep", 0))
    with path.open("a") as out:
        out.write("done\n")


@registry.named("test.probe_attachment")
def probe_attachment(session, args):
    """An attachment whose 'render' checks that another connection can write meanwhile."""
    import sqlite3

    session.execute(select(ThrottleHit.id).limit(1)).all()  # the render reads
    other = sqlite3.connect(args["path"], timeout=0.2)
    try:
        other.execute("INSERT INTO throttle_hits (key, at) VALUES (?, CURRENT_TIMESTAMP)", (args["key"],))
        other.commit()
    finally:
        other.close()
    return [("probe.txt", b"written meanwhile", "text/plain")]
