"""Company rules: creating one for the account, updating columns and settings, deleting."""

import re
from urllib.parse import urlsplit

from sqlalchemy import delete, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from ninja_api.payment_terms.service import seed_company_terms
from ninja_api.accounts.service import COMPANY_NOTIFICATIONS, attach_user, new_company, system_token
from ninja_api.companies.settings import rebuild_company_settings, sanitize_company_settings_input, validate_settings
from ninja_api.companies import logo
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_int, as_text, is_email
from ninja_api.models import Account, Base, Company, CompanyUser, User
from ninja_api.models.base import utcnow

BOOL_COLUMNS = (
    "update_products", "fill_products", "convert_products", "custom_surcharge_taxes1", "custom_surcharge_taxes2",
    "custom_surcharge_taxes3", "custom_surcharge_taxes4", "show_product_cost", "enable_product_cost",
    "show_product_details", "enable_product_quantity", "default_quantity", "client_can_register",
    "enable_shop_api", "mark_expenses_invoiceable", "mark_expenses_paid", "invoice_expense_documents",
    "invoice_task_timelog", "auto_start_tasks", "invoice_task_documents", "show_tasks_table", "is_disabled",
    "default_task_is_date_based", "enable_product_discount", "calculate_expense_tax_by_amount",
    "expense_inclusive_taxes", "oauth_password_required", "invoice_task_datelog", "show_task_end_date",
    "markdown_enabled", "use_comma_as_decimal_place", "report_include_drafts", "convert_rate_to_client",
    "markdown_email_enabled", "stop_on_unpaid_recurring", "use_quote_terms_on_conversion", "stock_notification",
    "track_inventory", "enable_applying_payments", "invoice_task_project", "report_include_deleted",
    "invoice_task_lock", "convert_payment_currency", "convert_expense_currency", "notify_vendor_when_paid",
    "invoice_task_hours", "calculate_taxes", "invoice_task_project_header", "invoice_task_item_description",
    "expense_mailbox_active", "inbound_mailbox_allow_company_users", "inbound_mailbox_allow_vendors",
    "inbound_mailbox_allow_clients", "inbound_mailbox_allow_unknown", "smtp_verify_peer",
)
INT_COLUMNS = (
    "enabled_tax_rates", "enabled_modules", "enabled_item_tax_rates", "enabled_expense_tax_rates",
    "session_timeout", "default_password_timeout", "inventory_notification_threshold", "smtp_port",
    "industry_id", "size_id", "matomo_id",
)
NULLABLE_INT = {"industry_id", "size_id", "matomo_id", "smtp_port"}
TEXT_COLUMNS = (
    "subdomain", "portal_mode", "portal_domain", "first_day_of_week", "first_month_of_year",
    "slack_webhook_url", "google_analytics_key", "matomo_url", "expense_mailbox", "inbound_mailbox_blacklist",
    "inbound_mailbox_whitelist", "smtp_host", "smtp_encryption", "smtp_local_domain",
    "e_invoice_certificate_passphrase",
)
JSON_COLUMNS = ("custom_fields", "client_registration_fields", "tax_data")
SECRETS = ("smtp_username", "smtp_password")
NOT_NULL_TEXT = {"slack_webhook_url", "google_analytics_key", "portal_mode"}
INBOUND_FLAGS = (
    "expense_mailbox_active", "inbound_mailbox_allow_company_users", "inbound_mailbox_allow_vendors",
    "inbound_mailbox_allow_clients", "inbound_mailbox_allow_unknown",
)
_EMAIL_LIST = re.compile(r"^[\w\-.+]+@([\w-]+\.)+[\w-]{2,4}(,[\w\-.+]+@([\w-]+\.)+[\w-]{2,4})*$")
_ALNUM = re.compile(r"^[^\W_]+$")


def companies_of_user(session: Session, user_id: int):
    return select(Company).where(
        Company.id.in_(select(CompanyUser.company_id).where(CompanyUser.user_id == user_id))
    )


def php_int(value) -> int:
    """PHP's (int) cast of a request value: leading digits of a string, 0 for anything else."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        found = re.match(r"\s*[+-]?\d+", value)
        return int(found.group()) if found else 0
    return 0


def _is_url(value) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def prepare(data: dict, company: Company | None) -> dict:
    """The request clean-up upstream's store and update requests do before validating."""
    data = dict(data)
    if company is None and data.get("name") is None:
        data["name"] = "Untitled Company"
    if company is None and data.get("google_analytics_url") is not None:
        data["google_analytics_key"] = data["google_analytics_url"]
    domain = data.get("portal_domain")
    if isinstance(domain, str) and (company is None or len(domain) > 1):
        data["portal_domain"] = domain.lower().rstrip("/")
    if isinstance(data.get("settings"), dict):
        data["settings"] = sanitize_company_settings_input(data["settings"])
    if company is not None and data.get("subdomain") is not None and data["subdomain"] == company.subdomain:
        data.pop("subdomain")
    for secret in SECRETS:
        value = data.get(secret)
        # A value of asterisks (the mask the API shows) means "unchanged".
        if value is not None and len(str(value).replace("*", "")) < 2:
            data.pop(secret)
    if data.get("smtp_port") is not None:
        data["smtp_port"] = php_int(data["smtp_port"])
    return data


def validate(data: dict, *, updating: bool) -> None:
    errors = Errors()
    if data.get("settings") is not None:
        for field, messages in validate_settings(data["settings"], level="company").items():
            for message in messages:
                errors.add(field, message)
    if updating:
        for field in ("industry_id", "size_id", "country_id"):
            if data.get(field) is not None and as_int(data[field]) is None:
                errors.must_be(field, "an integer")
        if data.get("work_email") is not None and not is_email(data["work_email"]):
            errors.must_be("work_email", "a valid email address")
        if data.get("matomo_id") is not None and as_int(data["matomo_id"]) is None:
            errors.must_be("matomo_id", "an integer")
    for field in ("smtp_host", "smtp_encryption", "smtp_local_domain") if updating else ("smtp_host",):
        if data.get(field) is not None and not isinstance(data[field], str):
            errors.must_be(field, "a string")
    if not updating:
        for field in ("smtp_encryption", "smtp_local_domain"):
            if data.get(field) is not None and not isinstance(data[field], str):
                errors.must_be(field, "a string")
    if data.get("portal_mode") in ("domain", "iframe") and data.get("portal_domain") is not None:
        if not _is_url(data["portal_domain"]):
            errors.must_be("portal_domain", "a valid URL")
    if not updating and data.get("portal_mode") not in ("domain", "iframe"):
        subdomain = data.get("subdomain")
        if subdomain is not None and not (isinstance(subdomain, str) and _ALNUM.match(subdomain)):
            errors.add("subdomain", "The subdomain must only contain letters and numbers.")
    if updating:
        if data.get("expense_mailbox") is not None and not is_email(data["expense_mailbox"]):
            errors.must_be("expense_mailbox", "a valid email address")
        for field in INBOUND_FLAGS:
            if field in data and as_bool(data[field]) is None:
                errors.add(field, f"The {field.replace('_', ' ')} field must be true or false.")
        for field in ("inbound_mailbox_whitelist", "inbound_mailbox_blacklist"):
            value = data.get(field)
            if value is not None and not (isinstance(value, str) and _EMAIL_LIST.match(value)):
                errors.add(field, f"The {field.replace('_', ' ')} format is invalid.")
    errors.raise_if_any()


def fill(company: Company, data: dict) -> None:
    for field in BOOL_COLUMNS:
        if field in data and as_bool(data[field]) is not None:
            setattr(company, field, as_bool(data[field]))
    for field in INT_COLUMNS:
        if field in data:
            value = as_int(data[field]) if data[field] is not None else None
            if value is None and field not in NULLABLE_INT:
                continue
            setattr(company, field, value)
    for field in TEXT_COLUMNS:
        if field in data:
            value = as_text(data[field])
            if value is None and field in NOT_NULL_TEXT:
                value = "subdomain" if field == "portal_mode" else ""
            setattr(company, field, value)
    for field in JSON_COLUMNS:
        if field in data and isinstance(data[field], (dict, list)):
            value = data[field]
            if field == "custom_fields" and isinstance(value, dict):
                # Upstream casts every label to a string.
                value = {k: "" if v is None else as_text(v) if as_text(v) is not None else v for k, v in value.items()}
            setattr(company, field, value)
    for field in SECRETS:
        if data.get(field) is not None:
            setattr(company, field, as_text(data[field]))
    if isinstance(data.get("e_invoice"), (dict, list)):
        company.e_invoice = data["e_invoice"]
    if "settings" in data:
        company.settings = rebuild_company_settings(data["settings"], company.settings)


def update(session: Session, ctx: AuthContext, company: Company, inp: RequestInput) -> Company:
    data = prepare(inp.data, company)
    validate(data, updating=True)
    previous_logo = (company.settings or {}).get(logo.FIELD)
    fill(company, data)
    uploaded = inp.files.get(logo.FIELD)
    if uploaded:
        logo.store(session, company, uploaded[0], previous_logo)
    else:
        logo.forget(session, previous_logo, (company.settings or {}).get(logo.FIELD))
    company.updated_at = utcnow()
    session.flush()
    return company


def create(session: Session, ctx: AuthContext, inp: RequestInput, token_name: str | None = None) -> CompanyUser:
    """A new company in the caller's account; the caller becomes its owner, with a system token."""
    data = prepare(inp.data, None)
    validate(data, updating=False)
    account = session.get(Account, ctx.account_id)
    name = as_text(data.get("name")) or ""
    company = new_company(session, account, name)
    # Quirk kept: sent settings are rebuilt from the defaults, so settings without `name` lose it.
    fill(company, data)
    link = attach_user(session, company, ctx.user, owner=True, notifications=COMPANY_NOTIFICATIONS)
    link.settings = None
    # A large company makes every company of the account large.
    if session.scalar(select(Company.id).where(Company.account_id == account.id, Company.is_large.is_(True)).limit(1)):
        session.execute(sql_update(Company).where(Company.account_id == account.id).values(is_large=True))
    seed_company_terms(session, company.id, ctx.user.id)
    system_token(session, company, ctx.user, name=token_name)
    session.flush()
    return link


def destroy(session: Session, ctx: AuthContext, company: Company) -> None:
    """Remove a company and every row that belongs to it; the last company of an account takes the
    account and its users with it. Tables are found from the metadata, so new entities are covered."""
    account = session.get(Account, company.account_id)
    siblings = list(session.scalars(
        select(Company.id).where(Company.account_id == account.id, Company.id != company.id).order_by(Company.id)
    ))
    session.flush()
    tables = list(reversed(Base.metadata.sorted_tables))
    keep = {Account.__tablename__, Company.__tablename__, User.__tablename__}
    for table in tables:
        if table.name in keep:
            continue
        if "company_id" in table.c:
            session.execute(delete(table).where(table.c.company_id == company.id))
            continue
        # Rows without a company_id of their own (paymentables...) go with the rows they point at.
        for fk in table.foreign_keys:
            parent = fk.column.table
            if "company_id" in parent.c and parent.name not in keep:
                owned = select(fk.column).where(parent.c.company_id == company.id)
                session.execute(delete(table).where(fk.parent.in_(owned)))
    if siblings:
        if account.default_company_id == company.id:
            session.execute(sql_update(Account).where(Account.id == account.id).values(default_company_id=siblings[0]))
        session.execute(delete(Company).where(Company.id == company.id))
    else:
        session.execute(delete(Company).where(Company.id == company.id))
        for table in tables:
            if table.name not in (Account.__tablename__, Company.__tablename__) and "account_id" in table.c:
                session.execute(delete(table).where(table.c.account_id == account.id))
        session.execute(delete(Account).where(Account.id == account.id))
    # The ORM copies of what was removed must not be flushed again.
    for row in (company, account, ctx.token, ctx.company_user, ctx.user):
        if row in session:
            session.expunge(row)
