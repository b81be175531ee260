"""Mail system logs, newest first, scoped to one company."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.emails.history import MAIL_CATEGORY
from ninja_api.models import SystemLog


def mail_logs(session: Session, company_id: int, client_id: int | None = None) -> list[SystemLog]:
    query = select(SystemLog).where(SystemLog.company_id == company_id, SystemLog.category_id == MAIL_CATEGORY)
    if client_id is not None:
        query = query.where(SystemLog.client_id == client_id)
    return list(session.scalars(query.order_by(SystemLog.id.desc())))


def entity_in_company(session: Session, model, company_id: int, entity_id: int | None) -> bool:
    if entity_id is None:
        return False
    return session.scalar(select(model.id).where(model.id == entity_id, model.company_id == company_id)) is not None
