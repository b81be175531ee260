"""Archive, restore and delete: the soft-delete states every entity shares."""

from ninja_api.models.base import utcnow


def archive(row) -> bool:
    if row.deleted_at is not None:
        return False
    row.deleted_at = utcnow()
    return True


def restore(row) -> bool:
    if row.deleted_at is None and not row.is_deleted:
        return False
    row.is_deleted = False
    row.deleted_at = None
    return True


def delete(row) -> bool:
    if row.is_deleted:
        return False
    row.is_deleted = True
    if row.deleted_at is None:
        row.deleted_at = utcnow()
    return True
