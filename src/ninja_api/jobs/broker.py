"""The task queue of a scaled deployment (QUEUE_URL): Dramatiq over Redis or RabbitMQ.

Dramatiq acknowledges a message only after its actor returned, so a worker killed mid-job leaves
the message to be delivered again; the job row (see `runner`) makes that second delivery redo
only what the first did not finish. Dramatiq's own retries are off: a failed job is rescheduled
on its row, and the scheduler sends it again when it is due.
"""

from functools import cache

import dramatiq

QUEUE_NAME = "ninja"
ACTOR_NAME = "ninja_run_job"


def make_broker(queue_url: str) -> dramatiq.Broker:
    if queue_url.startswith(("redis://", "rediss://", "unix://")):
        from dramatiq.brokers.redis import RedisBroker

        return RedisBroker(url=queue_url)
    if queue_url.startswith(("amqp://", "amqps://")):
        from dramatiq.brokers.rabbitmq import RabbitmqBroker

        return RabbitmqBroker(url=queue_url)
    raise ValueError(f"QUEUE_URL must be a redis:// or amqp:// URL, not {queue_url!r}")


def _run_job(job_id: int) -> None:
    from ninja_api.jobs import runner
    from ninja_api.jobs.worker import env

    runner.run(env(), job_id)


@cache
def actor(queue_url: str) -> dramatiq.Actor:
    broker = make_broker(queue_url)
    dramatiq.set_broker(broker)
    return dramatiq.Actor(_run_job, broker=broker, actor_name=ACTOR_NAME, queue_name=QUEUE_NAME, priority=0,
                          options={"max_retries": 0})
