"""The bank integration entity as the shared machinery sees it."""

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import defer

from ninja_api.bank_integrations.schemas import serialize_bank_integration
from ninja_api.http.auth import AuthContext
from ninja_api.http.crud import default_actions
from ninja_api.http.listing import contains
from ninja_api.http.resource import Include, Resource
from ninja_api.models import Account, BankIntegration

# Permissions that let a user see every account without its balance (to book transactions).
TRANSACTION_PERMISSIONS = ("create_bank_transaction", "edit_bank_transaction", "view_bank_transaction",
                           "create_all", "edit_all", "view_all")


def sees_all(ctx: AuthContext, entity: str) -> bool:
    # Upstream's hasPermission("view_x"): admin, or view_x, edit_x, view_all or edit_all.
    return any(ctx.has_permission(p) for p in (f"view_{entity}", f"edit_{entity}", "view_all", "edit_all"))


def without_balance(ctx: AuthContext) -> bool:
    return not ctx.is_admin and any(p in (ctx.company_user.permissions or "") for p in TRANSACTION_PERMISSIONS)


def _listed(ctx: AuthContext) -> Select:
    """Who sees which accounts in a list: everyone with the view permission all of them; a user
    who books bank transactions all of them without balances; anyone else their own."""
    query = select(BankIntegration).where(BankIntegration.company_id == ctx.company_id)
    if sees_all(ctx, "bank_integration"):
        return query
    if without_balance(ctx):
        return query.options(defer(BankIntegration.balance))
    return query.where(BankIntegration.user_id == ctx.user_id)


def _status(query: Select, value, ctx) -> Select:
    """Unlike the shared status filter, `archived` includes deleted accounts."""
    if not value:
        return query
    words = {w.strip() for w in str(value).split(",")}
    clauses = []
    if "active" in words:
        clauses.append(BankIntegration.deleted_at.is_(None))
    if "archived" in words:
        clauses.append(BankIntegration.deleted_at.is_not(None))
    if "deleted" in words:
        clauses.append(BankIntegration.is_deleted.is_(True))
    return query.where(or_(*clauses)) if clauses else query


def _company_resource() -> Resource:
    from ninja_api.companies.resource import company_resource

    return company_resource


def _transaction_resource() -> Resource:
    from ninja_api.bank_transactions.resource import bank_transaction_resource

    return bank_transaction_resource


def _transactions_of(session, rows, ctx) -> dict:
    """{account id: its transactions, oldest first}, one query for the page."""
    from ninja_api.models import BankTransaction

    found: dict = {}
    query = (select(BankTransaction).where(BankTransaction.bank_integration_id.in_([r.id for r in rows]),
                                           BankTransaction.company_id == ctx.company_id)
             .order_by(BankTransaction.id))
    for row in session.scalars(query):
        found.setdefault(row.bank_integration_id, []).append(row)
    return found


def _account_of(session, rows, ctx) -> dict:
    account = session.get(Account, ctx.account_id)
    return {r.id: account for r in rows}


def _account_resource() -> Resource:
    from ninja_api.companies.resource import account_resource

    return account_resource


bank_integration_resource = Resource(
    name="bank_integrations",
    label="BankIntegration",
    model=BankIntegration,
    serialize=serialize_bank_integration,
    permission="bank_integration",
    has_assigned_user=False,
    base_query=_listed,
    includes=[
        Include("company", _company_resource, lambda s, rows, ctx: {r.id: ctx.company for r in rows}, many=False),
        Include("account", _account_resource, _account_of, many=False),
        Include("bank_transactions", _transaction_resource, _transactions_of),
    ],
    silent_relations=frozenset({"user", "transactions"}),
    filters={
        "name": contains(BankIntegration.bank_account_name),
        "filter": contains(BankIntegration.bank_account_name),
        "status": _status,
    },
    actions=default_actions(),
    # Upstream validates `action` with `in:` but does not require it.
    action_required=False,
    admin_create=True,
    admin_bulk=True,
    edit_deleted=True,
)
