from pathlib import Path
from typing import ClassVar

from pydantic_settings import BaseSettings, SettingsConfigDict

APP_VERSION = "5.11.48"
MINIMUM_CLIENT_VERSION = "5.0.16"


class Settings(BaseSettings):
    """Every knob the server reads, from the environment (or a `.env` file)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{Path('data') / 'ninja.db'}"
    hash_salt: str = ""
    api_secret: str = ""
    app_url: str = "http://127.0.0.1:8000"
    log_level: str = "INFO"
    app_version: str = APP_VERSION
    # Upstream lets `DEFAULT_CURRENCY` choose the currency of new companies.
    default_currency: str = "1"
    # Mail, under the names upstream's .env uses. `log` writes messages to the log, `array` keeps
    # them in memory, `smtp` sends them.
    mail_mailer: str = "log"
    mail_host: str = "127.0.0.1"
    mail_port: int = 25
    mail_username: str = ""
    mail_password: str = ""
    mail_encryption: str = ""
    mail_from_address: str = "no-reply@example.com"
    mail_from_name: str = "Invoice Ninja"
    # `ninja-api serve` turns this on: jobs (mail, webhooks, renders) run on the server's own
    # threads and the scheduled work (recurring documents, reminders) is queued every minute. A
    # bare create_app() (tests) runs each job in the thread that committed it.
    run_scheduler: bool = False
    # A broker for jobs (redis://host:6379/0 or amqp://user:pass@host:5672/): jobs then run in
    # `ninja-api worker` processes and `ninja-api scheduler` queues the scheduled work.
    queue_url: str = ""
    # A Redis (redis://host:6379/1) for the login and route throttles; without one they count
    # in the database, which every server process shares as well.
    redis_url: str = ""
    # Threads per server process that run jobs when there is no broker (and per worker process).
    job_threads: int = 4
    # How long a job's runner holds it: a runner that died is replaced after this many seconds.
    job_lease_seconds: int = 300
    # Upstream's IS_DOCKER, which its health check reports; the image sets it.
    is_docker: bool = False
    # Where uploaded documents are kept (a folder; created on first upload).
    documents_path: str = str(Path("data") / "documents")
    # `s3`: documents go to an S3-compatible bucket instead (upstream's names; the credentials are
    # boto3's own AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). Needs `pip install ninja-api[s3]`.
    filesystem_disk: str = "local"
    aws_bucket: str = ""
    aws_endpoint: str = ""
    aws_default_region: str = ""
    # Upstream's ADDITIONAL_UPLOAD_EXTENSIONS: more file types uploads may have, comma separated.
    additional_upload_extensions: str = ""
    # Database connections per server process. A request holds one from its first query until it
    # has committed; at most `db_pool_size` requests of a process hold one at once (the others wait
    # for a slot without holding a connection or a thread). 40 is AnyIO's thread pool, which runs
    # the endpoints. The overflow is for work beside requests (scheduler, webhook deliveries).
    # Mind the database's own limit: PostgreSQL allows 100 connections by default, so with
    # `--workers 2` keep 2 x (pool + overflow) under it.
    db_pool_size: int = 40
    # On SQLite the work of a request is all in this process, under one GIL: beyond two requests
    # at once, threads only trade the GIL (8 connections on a client page: 106 req/s with 40 slots,
    # 165 with 2, and 9 MB less resident). A DB_POOL_SIZE that is set counts on SQLite too.
    sqlite_request_slots: ClassVar[int] = 2
    db_max_overflow: int = 10
    # Seconds a request waits for a slot or a connection before it answers 503 with Retry-After.
    db_pool_timeout: float = 10.0
    # Memory each server process keeps rendered PDFs in, so that an unchanged document downloads
    # again without a render (0 turns it off).
    pdf_cache_mb: int = 16

    @property
    def request_slots(self) -> int:
        """How many requests of a process may hold a database session at once."""
        if self.is_sqlite and "db_pool_size" not in self.model_fields_set:
            return self.sqlite_request_slots
        return self.db_pool_size

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


_active: Settings | None = None


def configure(settings: Settings) -> None:
    """Make `settings` the process's settings (create_app does this for the app it builds)."""
    global _active
    _active = settings


def get_settings() -> Settings:
    global _active
    if _active is None:
        _active = Settings()
    return _active
