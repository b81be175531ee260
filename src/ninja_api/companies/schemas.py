"""Company JSON in upstream's field order (v5.11.48)."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, obj, text, unix
from ninja_api.models import Company

_FLAGS_A = (
    "update_products", "fill_products", "convert_products", "custom_surcharge_taxes1",
    "custom_surcharge_taxes2", "custom_surcharge_taxes3", "custom_surcharge_taxes4",
    "show_product_cost", "enable_product_cost", "show_product_details",
    "enable_product_quantity", "default_quantity",
)


def _masked(value, mask: str) -> str:
    return mask if value else ""


def serialize_company(row: Company, ctx: AuthContext) -> dict:
    data: dict = {"id": hashed(row.id), "company_key": text(row.company_key)}
    for flag in _FLAGS_A:
        data[flag] = bool(getattr(row, flag))
    data.update(
        {
            "custom_fields": obj(row.custom_fields),
            "size_id": code(row.size_id),
            "industry_id": code(row.industry_id),
            "first_month_of_year": text(row.first_month_of_year) or "1",
            "first_day_of_week": text(row.first_day_of_week),
            "subdomain": text(row.subdomain),
            "portal_mode": text(row.portal_mode),
            "portal_domain": text(row.portal_domain),
            "settings": obj(row.settings),
            "enabled_tax_rates": int(row.enabled_tax_rates or 0),
            "enabled_modules": int(row.enabled_modules or 0),
            "updated_at": unix(row.updated_at),
            "archived_at": 0,
            "created_at": unix(row.created_at),
            "slack_webhook_url": text(row.slack_webhook_url),
            "google_analytics_url": text(row.google_analytics_key),
            "google_analytics_key": text(row.google_analytics_key),
            "matomo_url": text(row.matomo_url),
            "matomo_id": code(row.matomo_id),
            "enabled_item_tax_rates": int(row.enabled_item_tax_rates or 0),
            "client_can_register": bool(row.client_can_register),
            # Computed upstream (see the resource's prepare): the flag, or a user in several companies
            # who is not an admin in all of them.
            "is_large": bool(getattr(row, "render_is_large", row.is_large)),
            "is_disabled": bool(row.is_disabled),
            "enable_shop_api": bool(row.enable_shop_api),
            "mark_expenses_invoiceable": bool(row.mark_expenses_invoiceable),
            "mark_expenses_paid": bool(row.mark_expenses_paid),
            "invoice_expense_documents": bool(row.invoice_expense_documents),
            "invoice_task_timelog": bool(row.invoice_task_timelog),
            "auto_start_tasks": bool(row.auto_start_tasks),
            "invoice_task_documents": bool(row.invoice_task_documents),
            "show_tasks_table": bool(row.show_tasks_table),
            "use_credits_payment": "always",
            "default_task_is_date_based": bool(row.default_task_is_date_based),
            "enable_product_discount": bool(row.enable_product_discount),
            "calculate_expense_tax_by_amount": bool(row.calculate_expense_tax_by_amount),
            "hide_empty_columns_on_pdf": False,
            "expense_inclusive_taxes": bool(row.expense_inclusive_taxes),
            "expense_amount_is_pretax": True,
            "oauth_password_required": bool(row.oauth_password_required),
            "session_timeout": int(row.session_timeout or 0),
            "default_password_timeout": int(row.default_password_timeout or 0),
            "invoice_task_datelog": bool(row.invoice_task_datelog),
            "show_task_end_date": bool(row.show_task_end_date),
            "markdown_enabled": bool(row.markdown_enabled),
            "use_comma_as_decimal_place": bool(row.use_comma_as_decimal_place),
            "report_include_drafts": bool(row.report_include_drafts),
            "client_registration_fields": row.client_registration_fields or [],
            "convert_rate_to_client": bool(row.convert_rate_to_client),
            "markdown_email_enabled": bool(row.markdown_email_enabled),
            "stop_on_unpaid_recurring": bool(row.stop_on_unpaid_recurring),
            "use_quote_terms_on_conversion": bool(row.use_quote_terms_on_conversion),
            "stock_notification": bool(row.stock_notification),
            "inventory_notification_threshold": int(row.inventory_notification_threshold or 0),
            "track_inventory": bool(row.track_inventory),
            "enable_applying_payments": bool(row.enable_applying_payments),
            "enabled_expense_tax_rates": int(row.enabled_expense_tax_rates or 0),
            "invoice_task_project": bool(row.invoice_task_project),
            "report_include_deleted": bool(row.report_include_deleted),
            "invoice_task_lock": bool(row.invoice_task_lock),
            "convert_payment_currency": bool(row.convert_payment_currency),
            "convert_expense_currency": bool(row.convert_expense_currency),
            "notify_vendor_when_paid": bool(row.notify_vendor_when_paid),
            "invoice_task_hours": bool(row.invoice_task_hours),
            "calculate_taxes": bool(row.calculate_taxes),
            "tax_data": obj(row.tax_data),
            "has_e_invoice_certificate": bool(row.e_invoice_certificate),
            "has_e_invoice_certificate_passphrase": bool(row.e_invoice_certificate_passphrase),
            "invoice_task_project_header": bool(row.invoice_task_project_header),
            "invoice_task_item_description": bool(row.invoice_task_item_description),
            "origin_tax_data": obj(row.origin_tax_data),
            "expense_mailbox": text(row.expense_mailbox),
            "expense_mailbox_active": bool(row.expense_mailbox_active),
            "inbound_mailbox_allow_company_users": bool(row.inbound_mailbox_allow_company_users),
            "inbound_mailbox_allow_vendors": bool(row.inbound_mailbox_allow_vendors),
            "inbound_mailbox_allow_clients": bool(row.inbound_mailbox_allow_clients),
            "inbound_mailbox_allow_unknown": bool(row.inbound_mailbox_allow_unknown),
            "inbound_mailbox_blacklist": text(row.inbound_mailbox_blacklist),
            "inbound_mailbox_whitelist": text(row.inbound_mailbox_whitelist),
            "smtp_host": text(row.smtp_host),
            "smtp_port": int(row.smtp_port or 0),
            "smtp_encryption": text(row.smtp_encryption),
            "smtp_username": _masked(row.smtp_username, "********"),
            "smtp_password": _masked(row.smtp_password, "********"),
            "smtp_local_domain": text(row.smtp_local_domain),
            "smtp_verify_peer": bool(row.smtp_verify_peer),
            "e_invoice": obj(row.e_invoice),
            "has_quickbooks_token": False,
            "is_quickbooks_token_active": False,
            "legal_entity_id": row.legal_entity_id,
        }
    )
    return data
