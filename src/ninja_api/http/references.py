"""Ids a request body names must be rows of the caller's company (or system rows).

Each entity's own rules check the ids it knows best; this is the net under all of them, applied
by the shared create and update routes: any `*_id` below that decodes to a row of another company
(or to no row) is upstream's "The selected … is invalid." Without it a body could link a row to
another tenant's user, design or project.
"""

from functools import lru_cache

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.http.auth import AuthContext
from ninja_api.http.validation import attribute


@lru_cache(maxsize=1)
def _catalogue() -> dict:
    from ninja_api.models import (BankIntegration, Client, CompanyUser, Design, ExpenseCategory, GroupSetting,
                                  Invoice, Location, Project, Subscription, TaskStatus, Vendor)

    return {
        "client_id": Client, "vendor_id": Vendor, "project_id": Project, "invoice_id": Invoice,
        "category_id": ExpenseCategory, "ninja_category_id": ExpenseCategory, "group_settings_id": GroupSetting,
        "subscription_id": Subscription, "location_id": Location, "bank_integration_id": BankIntegration,
        "design_id": Design, "task_status_id": TaskStatus, "assigned_user_id": CompanyUser,
    }


def _inside(session: Session, ctx: AuthContext, model, key: int) -> bool:
    from ninja_api.models import CompanyUser, Design, TaskStatus

    if model is CompanyUser:
        query = select(CompanyUser.id).where(CompanyUser.user_id == key, CompanyUser.company_id == ctx.company_id)
    elif model in (Design, TaskStatus):
        # System rows (company_id NULL) belong to everyone.
        query = select(model.id).where(model.id == key, or_(model.company_id == ctx.company_id,
                                                            model.company_id.is_(None)))
    else:
        query = select(model.id).where(model.id == key, model.company_id == ctx.company_id)
    return session.scalar(query.limit(1)) is not None


def outside(session: Session, ctx: AuthContext, data: dict, skipped: frozenset[str] = frozenset()) -> dict:
    """{field: [message]} for each id the body names that is not the company's."""
    errors = {}
    for field, model in _catalogue().items():
        value = data.get(field) if field not in skipped else None
        if not isinstance(value, str) or not value:
            continue
        key = ids.decode(value)
        if key is not None and not _inside(session, ctx, model, key):
            errors[field] = [f"The selected {attribute(field)} is invalid."]
    return errors
