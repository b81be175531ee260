"""Path ids → rows, with upstream's answers for each way it can fail."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import model_not_found, record_not_found, unauthorized
from ninja_api.http.resource import Resource


def can(ctx: AuthContext, resource: Resource, row, ability: str) -> bool:
    p = resource.permission
    if ctx.is_admin:
        return True
    names = (f"edit_{p}", "edit_all") if ability == "edit" else (f"view_{p}", f"edit_{p}", "view_all", "edit_all")
    if any(ctx.has_permission(n) for n in names):
        return True
    if getattr(row, "user_id", None) == ctx.user_id:
        return True
    return resource.has_assigned_user and getattr(row, "assigned_user_id", None) == ctx.user_id


def can_create(ctx: AuthContext, resource: Resource) -> bool:
    return ctx.is_admin or ctx.has_permission(f"create_{resource.permission}") or ctx.has_permission("create_all")


def find(session: Session, resource: Resource, hashed: str, ctx: AuthContext, ability: str = "view", *,
         writing: bool | None = None):
    """Archived and deleted rows resolve too; another company's row is refused with 401.

    `writing` says whether the caller will change the row (by default: when it asks to edit);
    system rows resolve only for callers that will not."""
    if hashed.isdigit():
        raise record_not_found(hashed)
    key = ids.decode(hashed)
    if key is None:
        raise model_not_found(resource.label)
    row = session.scalar(select(resource.model).where(resource.model.id == key))
    if row is None:
        raise model_not_found(resource.label)
    owned = resource.in_company(session, row, ctx) if resource.in_company else row.company_id == ctx.company_id
    if writing is None:
        writing = ability == "edit"
    if resource.system_rows and not writing and row.company_id is None:
        owned = True
    if not owned or not can(ctx, resource, row, ability):
        raise unauthorized()
    return row
