"""Unsaved copies of a document, as upstream's clone factories render them."""

DATES = ("date", "due_date", "partial_due_date")


def copy_of(source, model, *, skip: tuple[str, ...] = (), **overrides):
    """A new `model` row carrying every column `source` shares with it, less ids and `skip`."""
    target = model()
    shared = set(source.__table__.columns.keys()) & set(model.__table__.columns.keys())
    for name in shared - {"id", "created_at", "updated_at", "deleted_at", *skip}:
        setattr(target, name, getattr(source, name))
    target.is_deleted = False
    for name, value in overrides.items():
        setattr(target, name, value)
    return target
