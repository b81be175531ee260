"""The company as a resource, with the collections login and refresh embed."""

from collections.abc import Callable

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, defer

from ninja_api.accounts.schemas import serialize_account
from ninja_api.activities.resource import activity_resource, ledger_resource, system_log_resource
from ninja_api.clients.resource import client_resource, group_setting_resource
from ninja_api.companies.schemas import serialize_company
from ninja_api.designs import repository as designs_repository
from ninja_api.documents.include import DOCUMENTS
from ninja_api.http.auth import AuthContext
from ninja_api.http.resource import Include, Resource, not_stored
from ninja_api.models import (
    Account, Activity, Client, Company, CompanyLedger, CompanyToken, CompanyUser, GroupSetting, Invoice, Payment,
    PaymentTerm, Product, SystemLog, TaxRate, User,
)
from ninja_api.models import Location, Project, Task, TaskStatus
from ninja_api.models import BankIntegration, CompanyGateway, Expense, ExpenseCategory, Subscription, Vendor
from ninja_api.tokens.schemas import serialize_token, serialize_token_hashed
from ninja_api.users.resource import company_user_resource, user_resource


class LoadContext(AuthContext):
    """The context of a login or refresh render.

    Login limits the big collections to rows *created* since `?created_at=`, refresh to rows
    *updated* since `?updated_at=` (`collections_since`, None for everything). Only these answers
    narrow collections to a restricted user's own rows; a company `?include=` shows them all.
    """

    def __init__(self, *args, since_column: str = "updated_at", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.since_column = since_column


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


def _can_view(ctx: AuthContext, entity: str) -> bool:
    # Upstream's hasPermission("view_x"): admin, or view_x, view_all, edit_all or edit_x in the list.
    return any(ctx.has_permission(p) for p in (f"view_{entity}", "view_all", "edit_all", f"edit_{entity}"))


def _own_or_assigned(model, entity: str) -> Callable[[Select, AuthContext], Select]:
    def scope(query: Select, ctx: AuthContext) -> Select:
        if _can_view(ctx, entity):
            return query
        return query.where(or_(model.user_id == ctx.user_id, model.assigned_user_id == ctx.user_id))

    return scope


def _own_unless_admin(model) -> Callable[[Select, AuthContext], Select]:
    def scope(query: Select, ctx: AuthContext) -> Select:
        return query if ctx.is_admin else query.where(model.user_id == ctx.user_id)

    return scope


def _subscriptions_scope(query: Select, ctx: LoadContext) -> Select:
    """Login counts subscriptions created since `?created_at=`; refresh sends them all. A user
    who is not an admin gets only their own."""
    if ctx.since_column == "created_at" and ctx.collections_since is not None:
        query = query.where(Subscription.created_at >= ctx.collections_since)
    return query if ctx.is_admin else query.where(Subscription.user_id == ctx.user_id)


def _bank_integrations_scope(query: Select, ctx: LoadContext) -> Select:
    """As subscriptions in time; a user who may not see bank transactions gets their own accounts,
    and one who only books transactions gets them without balances."""
    from ninja_api.bank_integrations.resource import without_balance

    if ctx.since_column == "created_at" and ctx.collections_since is not None:
        query = query.where(BankIntegration.created_at >= ctx.collections_since)
    if not _can_view(ctx, "bank_transaction"):
        query = query.where(BankIntegration.user_id == ctx.user_id)
    return query.options(defer(BankIntegration.balance)) if without_balance(ctx) else query


def _lazy(package: str):
    # Entity resources import the company machinery themselves; load them when first rendered.
    import importlib

    return importlib.import_module(f"ninja_api.{package}.resource")


def _collection(model, *, newest_first: bool = False, limit: int | None = None, timed: bool = False,
                load_scope: Callable[[Select, AuthContext], Select] | None = None,
                extra: Callable[[Select], Select] | None = None):
    """Fetch one company collection for a page of companies.

    `timed`: login and refresh limit it by `collections_since`. `limit`: upstream's relation keeps
    only the newest N rows of each company (activities 50, system logs 100).
    """

    def fetch(session: Session, rows, ctx) -> dict:
        query = select(model).where(model.company_id.in_([r.id for r in rows]))
        if extra is not None:
            query = extra(query)
        if isinstance(ctx, LoadContext):
            if timed and ctx.collections_since is not None:
                query = query.where(getattr(model, ctx.since_column) >= ctx.collections_since)
            if load_scope is not None:
                query = load_scope(query, ctx)
        order = model.id.desc() if newest_first else model.id.asc()
        if limit is not None:
            ranked = query.add_columns(
                func.row_number().over(partition_by=model.company_id, order_by=order).label("rank")
            ).subquery()
            keep = select(ranked.c.id).where(ranked.c.rank <= limit)
            query = select(model).where(model.id.in_(keep))
        found: dict[int, list] = {}
        for row in session.scalars(query.order_by(order)):
            found.setdefault(row.company_id, []).append(row)
        return found

    return fetch


def _users(session: Session, rows, ctx) -> dict:
    # Every member of the company, archived users included; never limited by time.
    query = select(CompanyUser.company_id, User).join(User, User.id == CompanyUser.user_id).where(
        CompanyUser.company_id.in_([r.id for r in rows])
    )
    found: dict[int, list] = {}
    for company_id, user in session.execute(query.order_by(User.id)):
        found.setdefault(company_id, []).append(user)
    return found


def _account(session: Session, rows, ctx) -> dict:
    accounts = {a.id: a for a in session.scalars(select(Account).where(Account.id.in_({r.account_id for r in rows})))}
    return {r.id: accounts.get(r.account_id) for r in rows}


def _company_user(session: Session, rows, ctx) -> dict:
    """The caller's own CompanyUser row in each company (absent when not a member)."""
    links = session.scalars(
        select(CompanyUser).where(CompanyUser.company_id.in_([r.id for r in rows]), CompanyUser.user_id == ctx.user_id)
    )
    return {link.company_id: link for link in links}


_live_tokens = _collection(CompanyToken, extra=lambda q: q.where(CompanyToken.deleted_at.is_(None)))

# Upstream's availableIncludes order; `documents` is the default include and comes first anyway.
_ORDER = [
    "users", "designs", "account", "clients", "contacts", "invoices", "recurring_invoices", "tax_rates", "products",
    "country", "timezone", "language", "expenses", "vendors", "payments", "payment_terms", "company_user", "groups",
    "company_gateways", "activities", "quotes", "credits", "projects", "tasks", "ledger", "webhooks", "tokens",
    "tokens_hashed", "system_logs", "expense_categories", "task_statuses", "subscriptions", "recurring_expenses",
    "purchase_orders", "bank_integrations", "bank_transactions", "bank_transaction_rules", "task_schedulers",
    "schedulers", "locations",
]
# Relations upstream's model has but renders nothing for (no include method).
_SILENT = {"country", "timezone", "language"}

_STORED = {
    "users": Include("users", lambda: user_resource, _users),
    "account": Include("account", lambda: account_resource, _account, many=False),
    # Live custom designs and the system ones, never limited by time or user (upstream queries them afresh).
    "designs": Include("designs", lambda: _lazy("designs").design_resource, designs_repository.for_companies),
    "clients": Include("clients", lambda: client_resource,
                       _collection(Client, timed=True, load_scope=_own_or_assigned(Client, "client"))),
    "company_user": Include("company_user", lambda: company_user_resource, _company_user, many=False),
    "groups": Include("groups", lambda: group_setting_resource,
                      _collection(GroupSetting, extra=lambda q: q.where(GroupSetting.deleted_at.is_(None)))),
    "activities": Include("activities", lambda: activity_resource,
                          _collection(Activity, newest_first=True, limit=50, load_scope=_own_unless_admin(Activity))),
    "ledger": Include("ledger", lambda: ledger_resource, _collection(CompanyLedger)),
    "tokens": Include("tokens", lambda: token_full_resource, _live_tokens),
    "tokens_hashed": Include("tokens_hashed", lambda: token_masked_resource, _live_tokens),
    "system_logs": Include("system_logs", lambda: system_log_resource,
                           _collection(SystemLog, newest_first=True, limit=100)),
    "invoices": Include("invoices", lambda: _lazy("invoices").invoice_resource,
                        _collection(Invoice, timed=True)),
    "payments": Include("payments", lambda: _lazy("invoices").payment_resource,
                        _collection(Payment, timed=True)),
    "products": Include("products", lambda: _lazy("products").product_resource,
                        _collection(Product, timed=True)),
    "tax_rates": Include("tax_rates", lambda: _lazy("tax_rates").tax_rate_resource,
                         _collection(TaxRate)),
    "payment_terms": Include("payment_terms", lambda: _lazy("payment_terms").payment_term_resource,
                             _collection(PaymentTerm,
                                         extra=lambda q: q.where(PaymentTerm.deleted_at.is_(None)))),
    "projects": Include("projects", lambda: _lazy("projects").project_resource,
                        _collection(Project, timed=True, load_scope=_own_or_assigned(Project, "project"))),
    "tasks": Include("tasks", lambda: _lazy("tasks").task_resource,
                     _collection(Task, timed=True, load_scope=_own_or_assigned(Task, "task"))),
    "task_statuses": Include("task_statuses", lambda: _lazy("task_statuses").task_status_resource,
                             _collection(TaskStatus)),
    "locations": Include("locations", lambda: _lazy("locations").location_resource, _collection(Location)),
    "vendors": Include("vendors", lambda: _lazy("vendors").vendor_resource,
                       _collection(Vendor, timed=True, load_scope=_own_or_assigned(Vendor, "vendor"))),
    "expenses": Include("expenses", lambda: _lazy("expenses").expense_resource,
                        _collection(Expense, timed=True, load_scope=_own_or_assigned(Expense, "expense"))),
    "subscriptions": Include("subscriptions", lambda: _lazy("subscriptions").subscription_resource,
                             _collection(Subscription, load_scope=_subscriptions_scope)),
    "bank_integrations": Include("bank_integrations", lambda: _lazy("bank_integrations").bank_integration_resource,
                                 _collection(BankIntegration, load_scope=_bank_integrations_scope)),
    # Every gateway, archived ones too; login and refresh give a user who is not an admin only their own.
    "company_gateways": Include("company_gateways", lambda: _lazy("company_gateways").company_gateway_resource,
                                _collection(CompanyGateway, load_scope=_own_unless_admin(CompanyGateway))),
    "expense_categories": Include("expense_categories",
                                  lambda: _lazy("expense_categories").expense_category_resource,
                                  _collection(ExpenseCategory)),
}


def _prepare(session: Session, rows, ctx) -> None:
    """Upstream's computed `is_large`: the flag, or a user in several companies who is not admin in
    all of them (one query for the whole page)."""
    flags = list(session.scalars(
        select(CompanyUser.is_admin).where(CompanyUser.user_id == ctx.user_id, CompanyUser.deleted_at.is_(None))
    ))
    mixed = len(flags) > 1 and not all(flags)
    for row in rows:
        row.render_is_large = bool(row.is_large) or mixed


company_resource = Resource(
    name="companies",
    label="Company",
    model=Company,
    serialize=serialize_company,
    permission="company",
    has_assigned_user=False,
    default_includes=[DOCUMENTS],
    includes=[_STORED.get(name) or not_stored(name) for name in _ORDER if name not in _SILENT],
    silent_relations=frozenset(_SILENT),
    prepare=_prepare,
)

# Nested includes of what login and refresh embed: users carry their company_user, gateways their
# catalogue gateway.
NESTED = {"users": {"company_user": {}}, "company_gateways": {"gateway": {}}}

# What login and refresh embed in each company ("first_load").
FIRST_LOAD = {
    name: NESTED.get(name, {})
    for name in (
        "activities", "designs", "task_statuses", "expense_categories", "users", "clients", "company_gateways",
        "credits", "expenses", "groups", "invoices", "purchase_orders", "products", "payments", "payment_terms",
        "projects", "recurring_expenses", "recurring_invoices", "quotes", "tasks", "subscriptions", "tax_rates",
        "tokens_hashed", "vendors", "webhooks", "system_logs", "bank_integrations", "bank_transactions",
        "bank_transaction_rules", "task_schedulers",
    )
}

# What login embeds when the default company is large ("mini_load").
MINI_LOAD = {
    name: NESTED.get(name, {})
    for name in (
        "activities", "tax_rates", "company_gateways", "users", "task_statuses", "payment_terms", "groups",
        "designs", "expense_categories", "subscriptions", "bank_integrations", "bank_transaction_rules",
        "task_schedulers",
    )
}
