from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session

from ninja_api.http.listing import ilike
from ninja_api.http.resource import Include, Resource
from ninja_api.models import CompanyUser, User
from ninja_api.users.schemas import serialize_company_user, serialize_user


def _members(ctx):
    return exists().where(CompanyUser.user_id == User.id, CompanyUser.company_id == ctx.company_id)


def _base_query(ctx) -> Select:
    return select(User).where(_members(ctx))


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


def _search(query: Select, value, ctx) -> Select:
    if not value:
        return query
    return query.where(or_(*[ilike(getattr(User, c), value) for c in ("first_name", "last_name", "email")]))


company_user_resource = Resource(
    name="company_users", label="CompanyUser", model=CompanyUser, serialize=serialize_company_user,
    permission="user", has_assigned_user=False,
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
        Include("company_user", lambda: company_user_resource, _company_user_of, many=False),
        Include("company_users", lambda: company_user_resource, _company_users_of),
    ],
    filters={"filter": _search},
    silent_relations=frozenset({"companies", "company_users", "tokens", "account"}),
)
