"""The company as a resource, with the collections login and refresh embed."""

from collections.abc import Callable

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ninja_api.accounts.schemas import serialize_account
from ninja_api.activities.resource import activity_resource, system_log_resource
from ninja_api.clients.resource import client_resource, group_setting_resource
from ninja_api.companies.schemas import serialize_company
from ninja_api.documents.include import DOCUMENTS
from ninja_api.http.resource import Include, Resource, not_stored
from ninja_api.models import Account, Activity, Client, Company, CompanyToken, CompanyUser, GroupSetting, SystemLog, User
from ninja_api.tokens.schemas import serialize_token, serialize_token_hashed
from ninja_api.users.resource import user_resource

account_resource = Resource(
    name="accounts", label="Account", model=Account, serialize=serialize_account, permission="account",
    has_assigned_user=False,
)
token_full_resource = Resource(
    name="tokens", label="CompanyToken", model=CompanyToken, serialize=serialize_token, permission="token",
    has_assigned_user=False,
)
token_masked_resource = Resource(
    name="tokens", label="CompanyToken", model=CompanyToken, serialize=serialize_token_hashed, permission="token",
    has_assigned_user=False,
)


def _collection(model, *, order=None, extra: Callable[[Select], Select] | None = None):
    def fetch(session: Session, rows, ctx) -> dict:
        query = select(model).where(model.company_id.in_([r.id for r in rows]))
        if extra is not None:
            query = extra(query)
        if ctx.collections_since is not None and hasattr(model, "updated_at"):
            query = query.where(model.updated_at >= ctx.collections_since)
        found: dict[int, list] = {}
        for row in session.scalars(query.order_by(order if order is not None else model.id)):
            found.setdefault(row.company_id, []).append(row)
        return found

    return fetch


def _users(session: Session, rows, ctx) -> dict:
    query = select(CompanyUser.company_id, User).join(User, User.id == CompanyUser.user_id).where(
        CompanyUser.company_id.in_([r.id for r in rows])
    )
    if ctx.collections_since is not None:
        query = query.where(User.updated_at >= ctx.collections_since)
    found: dict[int, list] = {}
    for company_id, user in session.execute(query.order_by(User.id)):
        found.setdefault(company_id, []).append(user)
    return found


def _account(session: Session, rows, ctx) -> dict:
    accounts = {a.id: a for a in session.scalars(select(Account).where(Account.id.in_({r.account_id for r in rows})))}
    return {r.id: accounts.get(r.account_id) for r in rows}


_ORDER = [
    "users", "designs", "account", "clients", "contacts", "invoices", "recurring_invoices", "tax_rates", "products",
    "expenses", "vendors", "payments", "payment_terms", "groups", "company_gateways", "activities", "quotes",
    "credits", "projects", "tasks", "webhooks", "tokens", "tokens_hashed", "system_logs", "expense_categories",
    "task_statuses", "subscriptions", "recurring_expenses", "purchase_orders", "bank_integrations",
    "bank_transactions", "bank_transaction_rules", "task_schedulers", "schedulers", "locations",
]

_STORED = {
    "users": Include("users", lambda: user_resource, _users),
    "account": Include("account", lambda: account_resource, _account, many=False),
    "clients": Include("clients", lambda: client_resource, _collection(Client)),
    "groups": Include("groups", lambda: group_setting_resource, _collection(GroupSetting)),
    "activities": Include("activities", lambda: activity_resource, _collection(Activity, order=Activity.id.desc())),
    "tokens": Include("tokens", lambda: token_full_resource,
                      _collection(CompanyToken, extra=lambda q: q.where(CompanyToken.deleted_at.is_(None)))),
    "tokens_hashed": Include("tokens_hashed", lambda: token_masked_resource,
                             _collection(CompanyToken, extra=lambda q: q.where(CompanyToken.deleted_at.is_(None)))),
    "system_logs": Include("system_logs", lambda: system_log_resource, _collection(SystemLog, order=SystemLog.id.desc())),
}

company_resource = Resource(
    name="companies",
    label="Company",
    model=Company,
    serialize=serialize_company,
    permission="company",
    has_assigned_user=False,
    default_includes=[DOCUMENTS],
    includes=[_STORED.get(name) or not_stored(name) for name in _ORDER],
    silent_relations=frozenset({"country", "timezone", "language", "company_user", "ledger"}),
)

# What login and refresh embed in each company ("first_load").
FIRST_LOAD = {
    name: {}
    for name in (
        "activities", "designs", "task_statuses", "expense_categories", "users", "clients", "company_gateways",
        "credits", "expenses", "groups", "invoices", "purchase_orders", "products", "payments", "payment_terms",
        "projects", "recurring_expenses", "recurring_invoices", "quotes", "tasks", "subscriptions", "tax_rates",
        "tokens_hashed", "vendors", "webhooks", "system_logs", "bank_integrations", "bank_transactions",
        "bank_transaction_rules", "task_schedulers",
    )
}
