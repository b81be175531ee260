from sqlalchemy import Select, exists, literal_column, or_, select
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.http.listing import ilike
from ninja_api.http.resource import Include, Resource
from ninja_api.models import Account, Company, CompanyToken, CompanyUser, User
from ninja_api.users.schemas import serialize_company_user, serialize_user


def _members(ctx):
    return exists().where(CompanyUser.user_id == User.id, CompanyUser.company_id == ctx.company_id)


def _can_view_users(ctx) -> bool:
    return any(ctx.has_permission(p) for p in ("view_user", "view_all", "edit_all", "edit_user"))


def _base_query(ctx) -> Select:
    query = select(User).where(_members(ctx))
    # Without view_user a user lists only themself.
    return query if _can_view_users(ctx) else query.where(User.id == ctx.user_id)


def _in_company(session: Session, row: User, ctx) -> bool:
    return session.scalar(
        select(CompanyUser.id).where(CompanyUser.user_id == row.id, CompanyUser.company_id == ctx.company_id)
    ) is not None


def _company_user_of(session: Session, rows, ctx) -> dict:
    links = session.scalars(
        select(CompanyUser).where(CompanyUser.user_id.in_([r.id for r in rows]), CompanyUser.company_id == ctx.company_id)
    )
    return {link.user_id: link for link in links}


def _company_users_of(session: Session, rows, ctx) -> dict:
    found: dict[int, list] = {}
    for link in session.scalars(select(CompanyUser).where(CompanyUser.user_id.in_([r.id for r in rows])).order_by(CompanyUser.id)):
        found.setdefault(link.user_id, []).append(link)
    return found


def _companies_of(session: Session, rows, ctx) -> dict:
    found: dict[int, list] = {}
    query = (select(CompanyUser.user_id, Company).join(Company, Company.id == CompanyUser.company_id)
             .where(CompanyUser.user_id.in_([r.id for r in rows])).order_by(Company.id))
    for user_id, company in session.execute(query):
        found.setdefault(user_id, []).append(company)
    return found


# --- filters (UserFilters) ---------------------------------------------------------------------


def _search(query: Select, value, ctx) -> Select:
    if not value:
        return query
    return query.where(or_(*[ilike(getattr(User, c), value) for c in ("first_name", "last_name", "email", "signature")]))


def _hide_owner_users(query: Select, value, ctx) -> Select:
    # Applies whenever the key is present, whatever its value.
    return query.where(exists().where(CompanyUser.user_id == User.id, CompanyUser.company_id == ctx.company_id,
                                      CompanyUser.is_owner.is_(False)))


def _hide_removed_users(query: Select, value, ctx) -> Select:
    return query.where(exists().where(CompanyUser.user_id == User.id, CompanyUser.company_id == ctx.company_id,
                                      CompanyUser.deleted_at.is_(None)))


def _sending_users(query: Select, value, ctx) -> Select:
    # Users with a connected mailer; this server stores no OAuth refresh tokens, so none qualify.
    return query.where(literal_column("1") == 0) if value == "true" else query


def _without(query: Select, value, ctx) -> Select:
    if not value:
        return query
    keys = [ids.decode(part.strip()) for part in value.split(",")]
    keys = [k for k in keys if k is not None]
    return query.where(User.id.not_in(keys)) if keys else query


# --- CompanyUser includes ----------------------------------------------------------------------


def _user_of_link(session: Session, rows, ctx) -> dict:
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_({r.user_id for r in rows})))}
    return {r.id: users.get(r.user_id) for r in rows}


def _company_of_link(session: Session, rows, ctx) -> dict:
    companies = {c.id: c for c in session.scalars(select(Company).where(Company.id.in_({r.company_id for r in rows})))}
    return {r.id: companies.get(r.company_id) for r in rows}


def _account_of_link(session: Session, rows, ctx) -> dict:
    accounts = {a.id: a for a in session.scalars(select(Account).where(Account.id.in_({r.account_id for r in rows})))}
    return {r.id: accounts.get(r.account_id) for r in rows}


def _token_of_link(session: Session, rows, ctx) -> dict:
    """The link's system token (the first live one), absent when there is none."""
    found: dict[tuple[int, int], CompanyToken] = {}
    query = select(CompanyToken).where(
        CompanyToken.user_id.in_({r.user_id for r in rows}),
        CompanyToken.company_id.in_({r.company_id for r in rows}),
        CompanyToken.is_system.is_(True),
        CompanyToken.deleted_at.is_(None),
    ).order_by(CompanyToken.id)
    for token in session.scalars(query):
        found.setdefault((token.user_id, token.company_id), token)
    return {r.id: found.get((r.user_id, r.company_id)) for r in rows}


def _company_resource():
    from ninja_api.companies.resource import company_resource

    return company_resource


def _account_resource():
    from ninja_api.companies.resource import account_resource

    return account_resource


def _token_resource():
    from ninja_api.companies.resource import token_full_resource

    return token_full_resource


company_user_resource = Resource(
    name="company_users", label="CompanyUser", model=CompanyUser, serialize=serialize_company_user,
    permission="user", has_assigned_user=False,
    includes=[
        Include("user", lambda: user_resource, _user_of_link, many=False),
        Include("company", _company_resource, _company_of_link, many=False),
        Include("token", _token_resource, _token_of_link, many=False),
        Include("account", _account_resource, _account_of_link, many=False),
    ],
    silent_relations=frozenset({"user_pivot", "company_pivot", "users", "tokens"}),
)

user_resource = Resource(
    name="users",
    label="User",
    model=User,
    serialize=serialize_user,
    permission="user",
    has_assigned_user=False,
    base_query=_base_query,
    in_company=_in_company,
    includes=[
        Include("companies", _company_resource, _companies_of),
        Include("company_users", lambda: company_user_resource, _company_users_of),
        Include("company_user", lambda: company_user_resource, _company_user_of, many=False),
    ],
    filters={
        "filter": _search,
        "hideOwnerUsers": _hide_owner_users,
        "hideRemovedUsers": _hide_removed_users,
        "sending_users": _sending_users,
        "without": _without,
    },
    silent_relations=frozenset({"tokens", "account", "token", "company_tokens", "contacts"}),
)
