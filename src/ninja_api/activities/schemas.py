"""Activity, ledger and system-log rows as upstream renders them (read-only records)."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, money, text, unix
from ninja_api.models import Activity, CompanyLedger, SystemLog


def serialize_activity(row: Activity, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "activity_type_id": code(row.activity_type_id),
        "client_id": hashed(row.client_id),
        "recurring_invoice_id": hashed(row.recurring_invoice_id),
        "recurring_expense_id": hashed(row.recurring_expense_id),
        "purchase_order_id": hashed(row.purchase_order_id),
        "vendor_id": hashed(row.vendor_id),
        "vendor_contact_id": hashed(row.vendor_contact_id),
        "company_id": hashed(row.company_id),
        "user_id": hashed(row.user_id),
        "invoice_id": hashed(row.invoice_id),
        "quote_id": hashed(row.quote_id),
        "payment_id": hashed(row.payment_id),
        "credit_id": hashed(row.credit_id),
        "updated_at": unix(row.updated_at),
        "created_at": unix(row.created_at),
        "expense_id": hashed(row.expense_id),
        "is_system": bool(row.is_system),
        "contact_id": hashed(row.client_contact_id),
        "task_id": hashed(row.task_id),
        "token_id": hashed(row.token_id),
        "notes": text(row.notes),
        "ip": text(row.ip),
    }


# The polymorphic type column stores "invoices" for invoices and the PHP class name otherwise.
LEDGER_KEYS = {
    "invoices": "invoice_id",
    "App\\Models\\Invoice": "invoice_id",
    "App\\Models\\Payment": "payment_id",
    "App\\Models\\Credit": "credit_id",
    "App\\Models\\Client": "client_id",
}


def serialize_ledger(row: CompanyLedger, ctx: AuthContext) -> dict:
    key = LEDGER_KEYS.get(row.company_ledgerable_type)
    if key is None:
        short = row.company_ledgerable_type.rsplit("\\", 1)[-1]
        key = "".join("_" + c.lower() if c.isupper() else c for c in short).lstrip("_") + "_id"
    return {
        key: hashed(row.company_ledgerable_id),
        "notes": text(row.notes),
        "balance": money(row.balance),
        "adjustment": money(row.adjustment),
        "activity_id": text(row.activity_id),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": 0,
    }


def serialize_system_log(row: SystemLog, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "company_id": hashed(row.company_id),
        "user_id": hashed(row.user_id),
        "client_id": hashed(row.client_id),
        "event_id": int(row.event_id or 0),
        "category_id": int(row.category_id or 0),
        "type_id": int(row.type_id or 0),
        "log": row.log if row.log is not None else {},
        "updated_at": unix(row.updated_at),
        "created_at": unix(row.created_at),
    }
