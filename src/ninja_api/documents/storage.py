"""Where document bytes live, behind the few calls the app makes (put, read, remove).

The default keeps files in a folder (`DOCUMENTS_PATH`); `FILESYSTEM_DISK=s3` keeps them in an
S3-compatible bucket (upstream's variable names: AWS_BUCKET, AWS_ENDPOINT, AWS_DEFAULT_REGION, and
the usual AWS credentials, which boto3 reads itself). A file written by a unit of work that then
rolls back is removed again; a file whose document is deleted is removed by a job queued with the
deletion, so only once it has committed (a failed request never loses a file it did not mean to
delete), and again later should the store not answer.
"""

import logging
import os
from functools import cache
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from ninja_api.jobs import registry
from ninja_api.jobs.queue import enqueue
from ninja_api.settings import get_settings

log = logging.getLogger("ninja_api.documents")

WRITTEN_KEY = "ninja_documents_written"


class LocalStorage:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"storage key outside the documents folder: {key!r}")
        return path

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(data)
        os.replace(temporary, path)

    def read(self, key: str) -> bytes | None:
        path = self._path(key)
        return path.read_bytes() if path.is_file() else None

    def remove(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class S3Storage:
    def __init__(self, bucket: str, endpoint_url: str | None = None, region: str | None = None) -> None:
        import boto3

        self.bucket = bucket
        self.client = boto3.client("s3", endpoint_url=endpoint_url or None, region_name=region or None)

    def put(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def read(self, key: str) -> bytes | None:
        from botocore.exceptions import ClientError

        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise

    def remove(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key)


@cache
def _s3(bucket: str, endpoint_url: str, region: str) -> S3Storage:
    return S3Storage(bucket, endpoint_url, region)


def storage() -> LocalStorage | S3Storage:
    settings = get_settings()
    if settings.filesystem_disk == "s3":
        return _s3(settings.aws_bucket, settings.aws_endpoint, settings.aws_default_region)
    return LocalStorage(settings.documents_path)


def write(session: Session, key: str, data: bytes) -> None:
    """Store the bytes now; they are removed again if the unit of work rolls back."""
    storage().put(key, data)
    session.info.setdefault(WRITTEN_KEY, []).append(key)


REMOVE_JOB = "documents.remove"


def remove_after_commit(session: Session, key: str | None) -> None:
    if key:
        enqueue(session, REMOVE_JOB, {"key": key})


@registry.named(REMOVE_JOB)
def _remove(session: Session, payload: dict, env) -> None:
    storage().remove(payload["key"])  # a store that does not answer fails the job: it is retried


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    session.info.pop(WRITTEN_KEY, None)


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous_transaction) -> None:
    for key in session.info.pop(WRITTEN_KEY, []):
        try:
            storage().remove(key)
        except Exception:  # the store may not answer; the file stays, unreferenced
            log.exception("could not remove document file %s", key)
