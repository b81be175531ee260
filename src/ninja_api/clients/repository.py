"""Every query about clients and what hangs off them; always scoped to one company."""

from collections import defaultdict

from sqlalchemy import (
    Column, ColumnElement, Table, and_, bindparam, delete, or_, select, update,
)
from sqlalchemy.orm import Session
from sqlalchemy.schema import sort_tables

from ninja_api.models import (
    Activity,
    Base,
    Client,
    ClientContact,
    ClientGatewayToken,
    CompanyLedger,
    Credit,
    GroupSetting,
    Invoice,
    Paymentable,
    SystemLog,
    User,
)
from ninja_api.models.payment import CREDIT_TYPE, INVOICE_TYPE


def _group(rows, key) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


# Every page of clients runs these: built once, a statement keeps its cache key, and a request
# only binds the page's ids (about half the cost of a query built afresh).
_CONTACTS = (
    select(ClientContact)
    .where(ClientContact.client_id.in_(bindparam("ids", expanding=True)), ClientContact.deleted_at.is_(None))
    .order_by(ClientContact.is_primary.desc(), ClientContact.id)
)
_GATEWAY_TOKENS = (
    select(ClientGatewayToken)
    .where(ClientGatewayToken.client_id.in_(bindparam("ids", expanding=True)), ClientGatewayToken.deleted_at.is_(None))
    .order_by(ClientGatewayToken.id)
)


def contacts_by_client(session: Session, client_ids: list[int]) -> dict[int, list[ClientContact]]:
    return _group(session.scalars(_CONTACTS, {"ids": list(client_ids)}), "client_id")


def gateway_tokens_by_client(session: Session, client_ids: list[int]) -> dict[int, list]:
    return _group(session.scalars(_GATEWAY_TOKENS, {"ids": list(client_ids)}), "client_id")


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


# --- purge and merge ------------------------------------------------------------------------------
#
# What belongs to a client is read from the metadata: every table with a `client_id` column (or a
# foreign key to `clients`), then every table with a foreign key to one of those, and so on
# (invitations, paymentables...). A new entity is covered without touching this code.

# Links the database cannot see: (id column, type column, type value, parent model). A payment's
# pivot rows point at invoices and credits polymorphically.
MORPH_LINKS = (
    (Paymentable.paymentable_id, Paymentable.paymentable_type, INVOICE_TYPE, Invoice),
    (Paymentable.paymentable_id, Paymentable.paymentable_type, CREDIT_TYPE, Credit),
)


def _models_by_table() -> dict[Table, type]:
    return {mapper.local_table: mapper.class_ for mapper in Base.registry.mappers}


def _client_columns(table: Table) -> list[Column]:
    """The columns of `table` that hold a client id: `client_id` and any foreign key to clients."""
    clients = Client.__table__
    columns = [table.c.client_id] if "client_id" in table.c else []
    columns += [fk.parent for fk in table.foreign_keys if fk.column.table is clients and fk.parent not in columns]
    return columns


def _tables_in_dependency_order() -> list[Table]:
    """Parents before children: by foreign key, and by the polymorphic links above."""
    morphs = [(parent.__table__, id_column.table) for id_column, _, _, parent in MORPH_LINKS]
    return sort_tables(_models_by_table(), extra_dependencies=morphs)


def _purge_plan(client_id: int) -> list[tuple[type, ColumnElement[bool] | None, list]]:
    """(model, rows to delete, [(column, ids to let go of)]) per table, children first.

    A row is the client's when a client column names it, or when a required foreign key (or a
    polymorphic link) points at one of the client's rows. A nullable foreign key is a reference,
    not ownership: another client's row that merely mentions one of these rows (an expense billed
    on the client's invoice...) keeps living, with that column emptied."""
    clients = Client.__table__
    owned: dict[Table, ColumnElement[bool]] = {}
    plan: list[tuple[Table, ColumnElement[bool] | None, list]] = []
    for table in _tables_in_dependency_order():
        if table is clients:
            continue
        clauses = [column == client_id for column in _client_columns(table)]
        references = []
        for fk in table.foreign_keys:
            parent = fk.column.table
            if parent not in owned or parent is table:
                continue
            parent_ids = select(fk.column).where(owned[parent])
            if fk.parent.nullable:
                references.append((fk.parent, parent_ids))
            else:
                clauses.append(fk.parent.in_(parent_ids))
        for id_column, type_column, type_value, parent_model in MORPH_LINKS:
            parent = parent_model.__table__
            if id_column.table is table and parent in owned:
                parent_ids = select(parent.c.id).where(owned[parent])
                clauses.append(and_(type_column == type_value, id_column.in_(parent_ids)))
        if clauses:
            owned[table] = or_(*clauses)
        if clauses or references:
            plan.append((table, owned.get(table), references))
    models = _models_by_table()
    return [(models[table], condition, references) for table, condition, references in reversed(plan)]


def purge_children(session: Session, client_id: int) -> None:
    """Delete every row that belongs to the client (the client row itself stays), children first
    so that foreign keys hold at each statement on every backend."""
    for model, condition, references in _purge_plan(client_id):
        for column, parent_ids in references:
            session.execute(update(model).where(column.in_(parent_ids)).values({column.key: None}))
        if condition is not None:
            session.execute(delete(model).where(condition))


def move_children(session: Session, from_client: int, to_client: int, leave: tuple[type, ...] = ()) -> None:
    """Re-home every row that points at `from_client`, except the models in `leave`. Rows without a
    client column of their own (invitations, paymentables) move with the rows they hang off. Moved
    contacts join as secondary contacts."""
    session.execute(
        update(ClientContact).where(ClientContact.client_id == from_client).values(client_id=to_client, is_primary=False)
    )
    for table, model in _models_by_table().items():
        if model in (Client, ClientContact) or model in leave:
            continue
        for column in _client_columns(table):
            session.execute(update(model).where(column == from_client).values({column.key: to_client}))


def latest_ledger(session: Session, client_id: int) -> CompanyLedger | None:
    return session.scalar(
        select(CompanyLedger).where(CompanyLedger.client_id == client_id).order_by(CompanyLedger.id.desc()).limit(1)
    )
