"""Accounts, companies, owners and tokens: creating the tenancy tree."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ninja_api.companies.settings import company_defaults
from ninja_api.payment_terms.service import seed_company_terms
from ninja_api.models import Account, Company, CompanyToken, CompanyUser, User
from ninja_api.models.base import utcnow
from ninja_api.security import hash_password, random_key
from ninja_api.settings import get_settings

DEFAULT_NOTIFICATIONS = {"email": ["all_notifications"]}
# What upstream gives the owner of a company created with POST /companies.
COMPANY_NOTIFICATIONS = {"email": ["invoice_sent_all"]}
CLIENT_REGISTRATION_FIELDS = (
    ("first_name", True, True), ("last_name", True, True), ("email", True, True), ("phone", False, True),
    ("password", True, True), ("name", False, False), ("website", False, False), ("address1", False, False),
    ("address2", False, False), ("city", False, False), ("state", False, False), ("postal_code", False, False),
    ("country_id", False, False), ("custom_value1", False, False), ("custom_value2", False, False),
    ("custom_value3", False, False), ("custom_value4", False, False), ("public_notes", False, False),
    ("vat_number", False, False), ("currency_id", False, False),
)


def client_registration_fields() -> list[dict]:
    """The portal registration form every new company starts with."""
    return [{"key": key, "required": required, "visible": visible}
            for key, required, visible in CLIENT_REGISTRATION_FIELDS]


def new_company(session: Session, account: Account, name: str | None = None) -> Company:
    settings = company_defaults()
    settings["currency_id"] = str(get_settings().default_currency)
    if name:
        settings["name"] = name
    company = Company(
        account_id=account.id,
        company_key=random_key(32),
        settings=settings,
        custom_fields={},
        client_registration_fields=client_registration_fields(),
        default_password_timeout=1800000,
        enabled_modules=32767,
        markdown_enabled=False,
    )
    session.add(company)
    session.flush()
    return company


def attach_user(session: Session, company: Company, user: User, *, owner: bool,
                notifications: dict | None = None) -> CompanyUser:
    company_user = CompanyUser(
        company_id=company.id,
        account_id=company.account_id,
        user_id=user.id,
        permissions="",
        notifications=notifications if notifications is not None else DEFAULT_NOTIFICATIONS,
        settings={},
        react_settings={},
        is_owner=owner,
        is_admin=owner,
        is_locked=False,
        permissions_updated_at=utcnow(),
    )
    session.add(company_user)
    session.flush()
    if owner:
        from ninja_api.task_statuses.service import create_defaults

        create_defaults(session, company.id, user.id)
    return company_user


def issue_token(session: Session, company: Company, user: User, *, name: str, system: bool, value: str | None = None) -> CompanyToken:
    token = CompanyToken(
        company_id=company.id,
        account_id=company.account_id,
        user_id=user.id,
        token=value or random_key(64),
        name=name,
        is_system=system,
    )
    session.add(token)
    session.flush()
    return token


def full_name(user: User) -> str:
    # Upstream joins with one space and does not trim: "Demo " for a user without a last name.
    return f"{user.first_name or ''} {user.last_name or ''}"


def system_token(session: Session, company: Company, user: User, name: str | None = None) -> CompanyToken:
    """The (user, company) system token, created when missing (login and refresh do this)."""
    token = session.scalar(
        select(CompanyToken)
        .where(
            CompanyToken.company_id == company.id,
            CompanyToken.user_id == user.id,
            CompanyToken.is_system.is_(True),
            CompanyToken.deleted_at.is_(None),
        )
        .order_by(CompanyToken.id)
        .limit(1)
    )
    return token or issue_token(session, company, user, name=name or full_name(user), system=True)


def create_account(
    session: Session,
    *,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    company_name: str | None = None,
    token: str | None = None,
) -> tuple[Account, Company, User, CompanyToken]:
    account = Account(key=random_key(32), referral_code=random_key(32).lower(), latest_version="")
    session.add(account)
    session.flush()
    company = new_company(session, account, company_name)
    account.default_company_id = company.id
    now = utcnow()
    user = User(
        account_id=account.id,
        first_name=first_name,
        last_name=last_name,
        email=email,
        password=hash_password(password),
        has_password=True,
        email_verified_at=now,
        referral_code=random_key(32).lower(),
        referral_meta={"free": 0, "pro": 0, "enterprise": 0},
    )
    session.add(user)
    session.flush()
    attach_user(session, company, user, owner=True)
    system_token(session, company, user)
    seed_company_terms(session, company.id, user.id)
    api_token = issue_token(session, company, user, name="API Token", system=False, value=token)
    return account, company, user, api_token


def has_accounts(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Account)))
