"""Where document bytes live, behind the few calls the app makes (put, read, remove).

The default keeps files in a folder (`DOCUMENTS_PATH`). A file written by a unit of work that then
rolls back is removed again; a file whose document is deleted is removed only once the deletion has
committed, so a failed request never loses a file it did not mean to delete.
"""

import logging
import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from ninja_api.settings import get_settings

log = logging.getLogger("ninja_api.documents")

WRITTEN_KEY, DOOMED_KEY = "ninja_documents_written", "ninja_documents_doomed"


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


def storage() -> LocalStorage:
    return LocalStorage(get_settings().documents_path)


def write(session: Session, key: str, data: bytes) -> None:
    """Store the bytes now; they are removed again if the unit of work rolls back."""
    storage().put(key, data)
    session.info.setdefault(WRITTEN_KEY, []).append(key)


def remove_after_commit(session: Session, key: str | None) -> None:
    if key:
        session.info.setdefault(DOOMED_KEY, []).append(key)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    session.info.pop(WRITTEN_KEY, None)
    for key in session.info.pop(DOOMED_KEY, []):
        try:
            storage().remove(key)
        except OSError:
            log.exception("could not remove document file %s", key)


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous_transaction) -> None:
    session.info.pop(DOOMED_KEY, None)
    for key in session.info.pop(WRITTEN_KEY, []):
        try:
            storage().remove(key)
        except OSError:
            log.exception("could not remove document file %s", key)
