"""Queries about company gateways and what hangs off them, scoped to one company."""

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ninja_api.models import ClientGatewayToken, CompanyGateway, SystemLog
from ninja_api.models.base import utcnow


def archive_tokens(session: Session, company_id: int, gateway_id: int) -> None:
    """The live client tokens of the gateway are archived with it."""
    session.execute(update(ClientGatewayToken).where(
        ClientGatewayToken.company_id == company_id, ClientGatewayToken.company_gateway_id == gateway_id,
        ClientGatewayToken.deleted_at.is_(None),
    ).values(deleted_at=utcnow(), updated_at=utcnow()).execution_options(synchronize_session=False))


def restore_tokens(session: Session, company_id: int, gateway_id: int) -> None:
    """Every archived client token of the gateway comes back with it."""
    session.execute(update(ClientGatewayToken).where(
        ClientGatewayToken.company_id == company_id, ClientGatewayToken.company_gateway_id == gateway_id,
        ClientGatewayToken.deleted_at.is_not(None),
    ).values(deleted_at=None, updated_at=utcnow()).execution_options(synchronize_session=False))


def system_logs_of(session: Session, company_id: int, type_ids: dict[int, int], limit: int) -> dict[int, list]:
    """{system log type id: the company's newest `limit` logs of that type}; `type_ids` maps gateway
    row ids to log types, only the types are queried."""
    wanted = set(type_ids.values())
    if not wanted:
        return {}
    ranked = select(SystemLog.id, func.row_number().over(
        partition_by=SystemLog.type_id, order_by=SystemLog.id.desc()).label("rank")).where(
        SystemLog.company_id == company_id, SystemLog.type_id.in_(wanted)).subquery()
    keep = select(ranked.c.id).where(ranked.c.rank <= limit)
    found: dict[int, list] = {}
    for log in session.scalars(select(SystemLog).where(SystemLog.id.in_(keep)).order_by(SystemLog.id.desc())):
        found.setdefault(log.type_id, []).append(log)
    return found


def in_company(session: Session, company_id: int, gateway_id: int | None) -> CompanyGateway | None:
    if gateway_id is None:
        return None
    return session.scalar(select(CompanyGateway).where(CompanyGateway.id == gateway_id,
                                                       CompanyGateway.company_id == company_id))
