"""Company rules: creating one for the account, updating columns and settings, deleting."""

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ninja_api.accounts.service import attach_user, new_company, system_token
from ninja_api.companies.settings import rebuild_company_settings, sanitize_company_settings_input, validate_settings
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_int, as_text
from ninja_api.models import (
    Account,
    Activity,
    Client,
    ClientContact,
    ClientGatewayToken,
    Company,
    CompanyLedger,
    CompanyToken,
    CompanyUser,
    GroupSetting,
    SystemLog,
    User,
)
from ninja_api.models.base import utcnow

BOOL_COLUMNS = (
    "update_products", "fill_products", "convert_products", "custom_surcharge_taxes1", "custom_surcharge_taxes2",
    "custom_surcharge_taxes3", "custom_surcharge_taxes4", "show_product_cost", "enable_product_cost",
    "show_product_details", "enable_product_quantity", "default_quantity", "client_can_register",
    "enable_shop_api", "mark_expenses_invoiceable", "mark_expenses_paid", "invoice_expense_documents",
    "invoice_task_timelog", "auto_start_tasks", "invoice_task_documents", "show_tasks_table",
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
TEXT_COLUMNS = (
    "subdomain", "portal_mode", "portal_domain", "first_day_of_week", "first_month_of_year",
    "slack_webhook_url", "google_analytics_key", "matomo_url", "expense_mailbox", "inbound_mailbox_blacklist",
    "inbound_mailbox_whitelist", "smtp_host", "smtp_encryption", "smtp_local_domain",
)
JSON_COLUMNS = ("custom_fields", "client_registration_fields", "tax_data")
SECRETS = ("smtp_username", "smtp_password")
NOT_NULL_TEXT = {"slack_webhook_url", "google_analytics_key", "portal_mode"}


def companies_of_user(session: Session, user_id: int):
    return select(Company).where(
        Company.id.in_(select(CompanyUser.company_id).where(CompanyUser.user_id == user_id))
    )


def _validate(data: dict) -> None:
    errors = Errors()
    for field in ("industry_id", "size_id", "matomo_id", "smtp_port"):
        if data.get(field) is not None and as_int(data[field]) is None:
            errors.must_be(field, "an integer")
    if "settings" in data and data["settings"] is not None:
        if not isinstance(data["settings"], dict):
            errors.add("settings", "The settings must be an array.")
        else:
            for field, messages in validate_settings(data["settings"], level="company").items():
                for message in messages:
                    errors.add(field, message)
    errors.raise_if_any()


def fill(company: Company, data: dict) -> None:
    for field in BOOL_COLUMNS:
        if field in data and as_bool(data[field]) is not None:
            setattr(company, field, as_bool(data[field]))
    for field in INT_COLUMNS:
        if field in data:
            value = as_int(data[field]) if data[field] is not None else None
            if value is None and field not in ("industry_id", "size_id", "matomo_id", "smtp_port"):
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
            setattr(company, field, data[field])
    for field in SECRETS:
        value = data.get(field)
        # The API shows these masked; a mask sent back means "unchanged".
        if isinstance(value, str) and value.strip("*"):
            setattr(company, field, value)
    if isinstance(data.get("settings"), dict):
        sent = sanitize_company_settings_input(data["settings"])
        company.settings = rebuild_company_settings(sent, company.settings)


def update(session: Session, ctx: AuthContext, company: Company, inp: RequestInput) -> Company:
    _validate(inp.data)
    fill(company, inp.data)
    company.updated_at = utcnow()
    session.flush()
    return company


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> CompanyUser:
    _validate(inp.data)
    account = session.get(Account, ctx.account_id)
    name = as_text(inp.get("name")) or "Untitled Company"
    company = new_company(session, account, name)
    fill(company, {k: v for k, v in inp.data.items() if k != "settings"})
    if isinstance(inp.get("settings"), dict):
        settings = rebuild_company_settings(sanitize_company_settings_input(inp.get("settings")), company.settings)
        settings.setdefault("name", name)
        company.settings = settings
    link = attach_user(session, company, ctx.user, owner=True)
    system_token(session, company, ctx.user)
    return link


def destroy(session: Session, ctx: AuthContext, company: Company) -> None:
    """Remove a company and everything in it; the last company takes its account with it."""
    account = session.get(Account, company.account_id)
    siblings = list(session.scalars(select(Company.id).where(Company.account_id == account.id, Company.id != company.id)))
    user_ids = list(session.scalars(select(CompanyUser.user_id).where(CompanyUser.company_id == company.id)))
    for model in (ClientContact, ClientGatewayToken, CompanyLedger, SystemLog, Activity, Client, GroupSetting,
                  CompanyToken, CompanyUser):
        session.execute(delete(model).where(model.company_id == company.id))
    session.flush()
    if not siblings:
        session.execute(update(Account).where(Account.id == account.id).values(default_company_id=None))
        session.delete(company)
        session.flush()
        session.execute(delete(User).where(User.id.in_(user_ids)))
        session.delete(account)
    else:
        if account.default_company_id == company.id:
            account.default_company_id = siblings[0]
        session.delete(company)
    session.flush()
