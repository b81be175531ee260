"""The web app's global search, as upstream's SearchController answers it without Elasticsearch.

Upstream's database path lists the company's clients, their contacts, its invoices and the
settings pages whatever `search` says; the web app filters that list as the user types.
"""

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.clients import repository as clients_repository
from ninja_api.clients.schemas import display_name
from ninja_api.http.auth import AuthContext
from ninja_api.search import repository

# The settings pages, in upstream's order: key (its parts translated and joined) → path.
SETTINGS_PAGES = (
    ("user_details", "/settings/user_details"),
    ("password", "/settings/user_details/password"),
    ("connect", "/settings/user_details/connect"),
    ("accent_color", "/settings/user_details/accent_color"),
    ("notifications", "/settings/user_details/notifications"),
    ("enable_two_factor", "/settings/user_details/enable_two_factor"),
    # Upstream lists `custom_fields` twice; the later path wins, in the first one's place.
    ("custom_fields", "/settings/custom_fields"),
    ("preferences", "/settings/user_details/preferences"),
    ("company_details", "/settings/company_details"),
    ("company_details,details", "/settings/company_details/details"),
    ("company_details,address", "/settings/company_details/address"),
    ("company_details,logo", "/settings/company_details/logo"),
    ("company_details,defaults", "/settings/company_details/defaults"),
    ("company_details,documents", "/settings/company_details/documents"),
    ("company_details,custom_fields", "/settings/company_details/custom_fields"),
    ("localization", "/settings/localization"),
    ("localization,custom_labels", "/settings/localization/custom_labels"),
    ("online_payments", "/settings/online_payments"),
    ("tax_settings", "/settings/tax_settings"),
    ("product_settings", "/settings/product_settings"),
    ("task_settings", "/settings/task_settings"),
    ("expense_settings", "/settings/expense_settings"),
    ("workflow_settings", "/settings/workflow_settings"),
    ("import_export", "/settings/import_export"),
    ("account_management", "/settings/account_management"),
    ("account_management,overview", "/settings/account_management/overview"),
    ("account_management,enabled_modules", "/settings/account_management/enabled_modules"),
    ("account_management,integrations", "/settings/account_management/integrations"),
    ("account_management,security_settings", "/settings/account_management/security_settings"),
    ("account_management,danger_zone", "/settings/account_management/danger_zone"),
    ("backup_restore", "/settings/backup_restore"),
    ("backup_restore,restore", "/settings/backup_restore/restore"),
    ("backup_restore,backup", "/settings/backup_restore/backup"),
    ("custom_fields,company", "/settings/custom_fields/company"),
    ("custom_fields,clients", "/settings/custom_fields/clients"),
    ("custom_fields,products", "/settings/custom_fields/products"),
    ("custom_fields,invoices", "/settings/custom_fields/invoices"),
    ("custom_fields,payments", "/settings/custom_fields/payments"),
    ("custom_fields,projects", "/settings/custom_fields/projects"),
    ("custom_fields,tasks", "/settings/custom_fields/tasks"),
    ("custom_fields,vendors", "/settings/custom_fields/vendors"),
    ("custom_fields,expenses", "/settings/custom_fields/expenses"),
    ("custom_fields,users", "/settings/custom_fields/users"),
    ("custom_fields,quotes", "/settings/custom_fields/quotes"),
    ("custom_fields,credits", "/settings/custom_fields/credits"),
    ("generated_numbers", "/settings/generated_numbers"),
    ("client_portal", "/settings/client_portal"),
    ("email_settings", "/settings/email_settings"),
    ("templates_and_reminders", "/settings/templates_and_reminders"),
    ("bank_accounts", "/settings/bank_accounts"),
    ("group_settings", "/settings/group_settings"),
    ("subscriptions", "/settings/subscriptions"),
    ("schedules", "/settings/schedules"),
    ("users", "/settings/users"),
    ("system_logs", "/settings/system_logs"),
    ("payment_terms", "/settings/payment_terms"),
    ("tax_rates", "/settings/tax_rates"),
    ("task_statuses", "/settings/task_statuses"),
    ("expense_categories", "/settings/expense_categories"),
    ("integrations", "/settings/integrations"),
    ("integrations,api_tokens", "/settings/integrations/api_tokens"),
    ("integrations,api_webhooks", "/settings/integrations/api_webhooks"),
    ("integrations,analytics", "/settings/integrations/analytics"),
    ("gateways", "/settings/online_payments"),
    ("gateways,create", "/settings/gateways/create"),
    ("bank_accounts,transaction_rules", "/settings/bank_accounts/transaction_rules"),
    ("bank_accounts,transaction_rules/create", "/settings/bank_accounts/transaction_rules/create"),
)

# English labels of the words above (a word with no label shows as its translation key).
LABELS = {
    "accent_color": "Accent Color", "account_management": "Account Management", "address": "Address",
    "analytics": "Analytics", "api_tokens": "API Tokens", "api_webhooks": "API Webhooks", "backup": "Backup",
    "backup_restore": "Backup | Restore", "bank_accounts": "Credit Cards & Banks",
    "client_portal": "Client Portal", "clients": "Clients", "company": "Company",
    "company_details": "Company Details", "connect": "Connect", "create": "Create", "credits": "Credits",
    "custom_fields": "Custom Fields", "custom_labels": "Custom Labels", "danger_zone": "Danger Zone",
    "defaults": "Defaults", "details": "Details", "documents": "Documents", "email_settings": "Email Settings",
    "enable_two_factor": "Two-Factor Authentication", "enabled_modules": "Enabled Modules",
    "expense_categories": "Expense Categories", "expense_settings": "Expense Settings", "expenses": "Expenses",
    "gateways": "Payment Gateways", "generated_numbers": "Generated Numbers", "group_settings": "Group Settings",
    "import_export": "Import | Export", "integrations": "Integrations", "invoices": "Invoices",
    "localization": "Localization", "logo": "Logo", "notifications": "Notifications",
    "online_payments": "Online Payments", "overview": "Overview", "password": "Password",
    "payment_terms": "Payment Terms", "payments": "Payments", "preferences": "Preferences",
    "product_settings": "Product Settings", "products": "Products", "projects": "Projects", "quotes": "Quotes",
    "restore": "Restore", "schedules": "Schedules", "security_settings": "Security Settings",
    "subscriptions": "Subscriptions", "system_logs": "System Logs", "task_settings": "Task Settings",
    "task_statuses": "Task Statuses", "tasks": "Tasks", "tax_rates": "Tax Rates", "tax_settings": "Tax Settings",
    "templates_and_reminders": "Templates & Reminders", "transaction_rules": "Transaction Rules",
    "user_details": "User Details", "users": "Users", "vendors": "Vendors",
    "workflow_settings": "Workflow Settings",
}


def settings_pages() -> list[dict]:
    pages = []
    for key, path in SETTINGS_PAGES:
        words = key.split(",")
        label = " ".join(LABELS.get(word, f"texts.{word}") for word in words)
        pages.append({"id": label, "path": path, "type": words[-1], "name": label})
    return pages


def _own_only(ctx: AuthContext, permission: str) -> int | None:
    """Upstream narrows to the user's own rows unless they may view all of them."""
    if ctx.has_permission("view_all") and ctx.has_permission(permission):
        return None
    return ctx.user_id


def _contact_label(contact, client_name: str) -> str:
    name = f"{contact.first_name or ''} {contact.last_name or ''}"
    if len(name) <= 1:
        name = client_name
    return f"{name} <{contact.email or ''}>"


def search(session: Session, ctx: AuthContext) -> dict:
    clients = repository.clients(session, ctx.company_id, _own_only(ctx, "view_client"))
    invoices = repository.invoices(session, ctx.company_id, _own_only(ctx, "view_invoice"))
    client_ids = {c.id for c in clients} | {client.id for _id, _number, client in invoices}
    contacts = clients_repository.contacts_by_client(session, sorted(client_ids)) if client_ids else {}
    names = {}

    def name_of(client) -> str:
        if client.id not in names:
            names[client.id] = display_name(client, contacts.get(client.id, []))
        return names[client.id]

    client_items, contact_items = [], []
    for client in clients:
        hashed = ids.encode(client.id)
        client_items.append({"name": name_of(client), "type": "/client", "id": hashed,
                             "path": f"/clients/{hashed}"})
        for contact in contacts.get(client.id, []):
            contact_items.append({"name": _contact_label(contact, name_of(client)), "type": "/client",
                                  "id": hashed, "path": f"/clients/{hashed}"})
    invoice_items = []
    for invoice_id, number, client in invoices:
        hashed = ids.encode(invoice_id)
        invoice_items.append({"name": f"{name_of(client)} - {number or ''}", "type": "/invoice", "id": hashed,
                              "path": f"/invoices/{hashed}/edit"})
    return {"clients": client_items, "client_contacts": contact_items, "invoices": invoice_items,
            "settings": settings_pages()}
