"""Key lists in upstream order and small builders shared by the auth, token, company, user tests."""

import re

from ninja_api import ids
from ninja_api.accounts.service import issue_token
from ninja_api.models import Company, CompanyToken, CompanyUser, User
from ninja_api.models.base import utcnow
from ninja_api.security import hash_password

PASSWORD = "Password0"

TOKEN_KEYS = ["id", "user_id", "token", "name", "is_system", "updated_at", "archived_at", "created_at", "is_deleted"]
USER_KEYS = [
    "id", "first_name", "last_name", "email", "last_login", "created_at", "updated_at", "archived_at", "is_deleted",
    "phone", "email_verified_at", "signature", "custom_value1", "custom_value2", "custom_value3", "custom_value4",
    "oauth_provider_id", "last_confirmed_email_address", "google_2fa_secret", "has_password", "oauth_user_token",
    "verified_phone_number", "language_id", "user_logged_in_notification", "referral_code", "referral_meta",
]
COMPANY_USER_KEYS = [
    "permissions", "notifications", "settings", "react_settings", "is_owner", "is_admin", "is_locked", "updated_at",
    "archived_at", "created_at", "permissions_updated_at", "ninja_portal_url",
]
ACCOUNT_KEYS = [
    "id", "key", "default_url", "plan", "plan_term", "plan_started", "plan_paid", "plan_expires", "user_agent",
    "payment_id", "trial_started", "trial_plan", "plan_price", "num_users", "utm_source", "utm_medium",
    "utm_content", "utm_term", "referral_code", "latest_version", "current_version", "updated_at", "archived_at",
    "report_errors", "debug_enabled", "is_docker", "is_scheduler_running", "default_company_id",
    "disable_auto_update", "emails_sent", "email_quota", "is_migrated", "hosted_client_count",
    "hosted_company_count", "is_hosted", "set_react_as_default_ap", "trial_days_left", "account_sms_verified",
    "has_iap_plan", "tax_api_enabled", "nordigen_enabled", "upload_extensions",
]
# entities.md §23.1, v5.11.48: 103 fields, then the default include.
COMPANY_KEYS = [
    "id", "company_key", "update_products", "fill_products", "convert_products", "custom_surcharge_taxes1",
    "custom_surcharge_taxes2", "custom_surcharge_taxes3", "custom_surcharge_taxes4", "show_product_cost",
    "enable_product_cost", "show_product_details", "enable_product_quantity", "default_quantity", "custom_fields",
    "size_id", "industry_id", "first_month_of_year", "first_day_of_week", "subdomain", "portal_mode",
    "portal_domain", "settings", "enabled_tax_rates", "enabled_modules", "updated_at", "archived_at", "created_at",
    "slack_webhook_url", "google_analytics_url", "google_analytics_key", "matomo_url", "matomo_id",
    "enabled_item_tax_rates", "client_can_register", "is_large", "is_disabled", "enable_shop_api",
    "mark_expenses_invoiceable", "mark_expenses_paid", "invoice_expense_documents", "invoice_task_timelog",
    "auto_start_tasks", "invoice_task_documents", "show_tasks_table", "use_credits_payment",
    "default_task_is_date_based", "enable_product_discount", "calculate_expense_tax_by_amount",
    "hide_empty_columns_on_pdf", "expense_inclusive_taxes", "expense_amount_is_pretax", "oauth_password_required",
    "session_timeout", "default_password_timeout", "invoice_task_datelog", "show_task_end_date", "markdown_enabled",
    "use_comma_as_decimal_place", "report_include_drafts", "client_registration_fields", "convert_rate_to_client",
    "markdown_email_enabled", "stop_on_unpaid_recurring", "use_quote_terms_on_conversion", "stock_notification",
    "inventory_notification_threshold", "track_inventory", "enable_applying_payments", "enabled_expense_tax_rates",
    "invoice_task_project", "report_include_deleted", "invoice_task_lock", "convert_payment_currency",
    "convert_expense_currency", "notify_vendor_when_paid", "invoice_task_hours", "calculate_taxes", "tax_data",
    "has_e_invoice_certificate", "has_e_invoice_certificate_passphrase", "invoice_task_project_header",
    "invoice_task_item_description", "origin_tax_data", "expense_mailbox", "expense_mailbox_active",
    "inbound_mailbox_allow_company_users", "inbound_mailbox_allow_vendors", "inbound_mailbox_allow_clients",
    "inbound_mailbox_allow_unknown", "inbound_mailbox_blacklist", "inbound_mailbox_whitelist", "smtp_host",
    "smtp_port", "smtp_encryption", "smtp_username", "smtp_password", "smtp_local_domain", "smtp_verify_peer",
    "e_invoice", "has_quickbooks_token", "is_quickbooks_token_active", "legal_entity_id", "documents",
]
# What first_load embeds in a company after its own fields, in upstream's include order.
FIRST_LOAD_KEYS = [
    "documents", "users", "designs", "clients", "invoices", "recurring_invoices", "tax_rates", "products",
    "expenses", "vendors", "payments", "payment_terms", "groups", "company_gateways", "activities", "quotes",
    "credits", "projects", "tasks", "webhooks", "tokens_hashed", "system_logs", "expense_categories",
    "task_statuses", "subscriptions", "recurring_expenses", "purchase_orders", "bank_integrations",
    "bank_transactions", "bank_transaction_rules", "task_schedulers",
]
MINI_LOAD_KEYS = [
    "documents", "users", "designs", "tax_rates", "payment_terms", "groups", "company_gateways", "activities",
    "expense_categories", "task_statuses", "subscriptions", "bank_integrations", "bank_transaction_rules",
    "task_schedulers",
]
REGISTRATION_FIELDS = [
    {"key": "first_name", "required": True, "visible": True},
    {"key": "last_name", "required": True, "visible": True},
    {"key": "email", "required": True, "visible": True},
    {"key": "phone", "required": False, "visible": True},
    {"key": "password", "required": True, "visible": True},
    *({"key": k, "required": False, "visible": False} for k in (
        "name", "website", "address1", "address2", "city", "state", "postal_code", "country_id", "custom_value1",
        "custom_value2", "custom_value3", "custom_value4", "public_notes", "vat_number", "currency_id",
    )),
]

INVALID_TOKEN = {"message": "Invalid token", "errors": {}}
UNAUTHORIZED = {"message": "This action is unauthorized."}
INVALID_PASSWORD = {"message": "Invalid Password", "errors": {}}
ALNUM64 = re.compile(r"[A-Za-z0-9]{64}")


def h(value: int) -> str:
    return ids.encode(value)


def with_password(headers: dict, password: str = PASSWORD) -> dict:
    return {**headers, "X-API-PASSWORD": password}


def pagination(total: int, count: int | None = None, per_page: int = 20) -> dict:
    count = total if count is None else count
    return {"pagination": {"total": total, "count": count, "per_page": per_page, "current_page": 1,
                           "total_pages": max(1, -(-total // per_page)), "links": {}}}


def token_row(session_factory, value: str) -> CompanyToken:
    with session_factory() as s:
        from sqlalchemy import select

        return s.scalar(select(CompanyToken).where(CompanyToken.token == value))


def system_token_of(session_factory, user_id: int, company_id: int) -> CompanyToken:
    with session_factory() as s:
        from sqlalchemy import select

        return s.scalar(select(CompanyToken).where(
            CompanyToken.user_id == user_id, CompanyToken.company_id == company_id,
            CompanyToken.is_system.is_(True)).order_by(CompanyToken.id))


def add_member(session_factory, tenant, email: str, token: str, *, admin: bool = False, owner: bool = False,
               permissions: str = "", first_name: str = "Second", last_name: str = "Member",
               company_id: int | None = None) -> dict:
    """A further user of the tenant's account, member of one of its companies, with an API token."""
    with session_factory() as s:
        company = s.get(Company, company_id or tenant.company.id)
        user = User(account_id=tenant.account.id, first_name=first_name, last_name=last_name, email=email,
                    password=hash_password(PASSWORD), has_password=True, email_verified_at=utcnow(),
                    referral_code="r" * 32, referral_meta={"free": 0, "pro": 0, "enterprise": 0})
        s.add(user)
        s.flush()
        link = CompanyUser(company_id=company.id, account_id=company.account_id, user_id=user.id,
                           permissions=permissions, notifications={"email": ["all_notifications"]}, settings={},
                           react_settings={}, is_owner=owner, is_admin=admin, is_locked=False,
                           permissions_updated_at=utcnow())
        s.add(link)
        api = issue_token(s, company, user, name="Member Token", system=False, value=token)
        s.commit()
        return {"user_id": user.id, "token_id": api.id, "link_id": link.id,
                "headers": {"X-API-TOKEN": token, "X-Requested-With": "XMLHttpRequest"}}
