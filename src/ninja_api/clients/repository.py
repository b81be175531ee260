"""Every query about clients and what hangs off them; always scoped to one company."""

from collections import defaultdict

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ninja_api.models import (
    Activity,
    Client,
    ClientContact,
    ClientGatewayToken,
    CompanyLedger,
    GroupSetting,
    SystemLog,
    User,
)


def _group(rows, key) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def contacts_by_client(session: Session, client_ids: list[int]) -> dict[int, list[ClientContact]]:
    rows = session.scalars(
        select(ClientContact)
        .where(ClientContact.client_id.in_(client_ids), ClientContact.deleted_at.is_(None))
        .order_by(ClientContact.is_primary.desc(), ClientContact.id)
    )
    return _group(rows, "client_id")


def gateway_tokens_by_client(session: Session, client_ids: list[int]) -> dict[int, list]:
    rows = session.scalars(
        select(ClientGatewayToken)
        .where(ClientGatewayToken.client_id.in_(client_ids), ClientGatewayToken.deleted_at.is_(None))
        .order_by(ClientGatewayToken.id)
    )
    return _group(rows, "client_id")


def activities_by_client(session: Session, client_ids: list[int]) -> dict[int, list]:
    rows = session.scalars(
        select(Activity).where(Activity.client_id.in_(client_ids)).order_by(Activity.id.desc())
    )
    return _group(rows, "client_id")


def ledger_by_client(session: Session, client_ids: list[int]) -> dict[int, list]:
    rows = session.scalars(
        select(CompanyLedger).where(CompanyLedger.client_id.in_(client_ids)).order_by(CompanyLedger.id.desc())
    )
    return _group(rows, "client_id")


def system_logs_by_client(session: Session, client_ids: list[int]) -> dict[int, list]:
    rows = session.scalars(
        select(SystemLog).where(SystemLog.client_id.in_(client_ids)).order_by(SystemLog.id.desc())
    )
    return _group(rows, "client_id")


def groups_by_id(session: Session, group_ids: set[int]) -> dict[int, GroupSetting]:
    if not group_ids:
        return {}
    return {g.id: g for g in session.scalars(select(GroupSetting).where(GroupSetting.id.in_(group_ids)))}


def in_company(session: Session, company_id: int, client_id: int | None) -> Client | None:
    if client_id is None:
        return None
    return session.scalar(select(Client).where(Client.id == client_id, Client.company_id == company_id))


def group_in_company(session: Session, company_id: int, group_id: int) -> GroupSetting | None:
    return session.scalar(
        select(GroupSetting).where(GroupSetting.id == group_id, GroupSetting.company_id == company_id)
    )


def user_in_account(session: Session, account_id: int, user_id: int) -> User | None:
    return session.scalar(select(User).where(User.id == user_id, User.account_id == account_id))


def value_taken(session: Session, company_id: int, column: str, value: str, exclude_id: int | None = None) -> bool:
    col = getattr(Client, column)
    query = select(Client.id).where(Client.company_id == company_id, col == value)
    if exclude_id is not None:
        query = query.where(Client.id != exclude_id)
    return session.scalar(query.limit(1)) is not None


def contacts_of(session: Session, client_id: int, include_trashed: bool = False) -> list[ClientContact]:
    query = select(ClientContact).where(ClientContact.client_id == client_id)
    if not include_trashed:
        query = query.where(ClientContact.deleted_at.is_(None))
    return list(session.scalars(query.order_by(ClientContact.id)))


def set_contact_password(session: Session, client_id: int, email: str, hashed_password: str) -> None:
    session.execute(
        update(ClientContact)
        .where(ClientContact.client_id == client_id, ClientContact.email == email)
        .values(password=hashed_password)
    )


def move_children(session: Session, from_client: int, to_client: int) -> None:
    """Re-home everything that points at a client (used by merge)."""
    session.execute(
        update(ClientContact).where(ClientContact.client_id == from_client).values(client_id=to_client, is_primary=False)
    )
    for model in (ClientGatewayToken, Activity, CompanyLedger, SystemLog):
        session.execute(update(model).where(model.client_id == from_client).values(client_id=to_client))


def purge_children(session: Session, client_id: int) -> None:
    for model in (ClientContact, ClientGatewayToken, CompanyLedger, SystemLog, Activity):
        session.execute(delete(model).where(model.client_id == client_id))
