from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.models import GroupSetting


def name_taken(session: Session, company_id: int, name: str) -> bool:
    # Archived and deleted groups keep their names.
    return session.scalar(
        select(GroupSetting.id).where(GroupSetting.company_id == company_id, GroupSetting.name == name).limit(1)
    ) is not None
