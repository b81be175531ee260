"""Recurring expense JSON, field for field in upstream's order and types."""

from ninja_api.billing.schemas import datetime_raw
from ninja_api.expenses.schemas import serialize_expense
from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, declares
from ninja_api.models import RecurringExpense
from ninja_api.recurring_expenses import generate

# An expense's keys, less those a recurring expense does not render, in the recurring order.
_BEFORE_STATUS = ("id", "user_id", "assigned_user_id")
_SHARED = (
    "vendor_id", "invoice_id", "client_id", "bank_id", "invoice_currency_id",
)
_AFTER_CURRENCY = (
    "currency_id", "category_id", "payment_type_id", "is_deleted", "should_be_invoiced", "invoice_documents",
    "amount", "foreign_amount", "exchange_rate", "tax_name1", "tax_rate1", "tax_name2", "tax_rate2", "tax_name3",
    "tax_rate3", "private_notes", "public_notes", "transaction_reference",
)
_AFTER_TRANSACTION = (
    "date", "number", "payment_date", "custom_value1", "custom_value2", "custom_value3", "custom_value4",
    "updated_at", "archived_at", "created_at", "project_id", "tax_amount1", "tax_amount2", "tax_amount3",
    "uses_inclusive_taxes", "calculate_tax_by_amount",
)


@declares(recurring_dates=generate.listed_dates)
def serialize_recurring_expense(row: RecurringExpense, ctx: AuthContext) -> dict:
    expense = serialize_expense(row, ctx)
    data = {key: expense[key] for key in _BEFORE_STATUS}
    data["status_id"] = code(row.status_id or 1)
    data.update({key: expense[key] for key in _SHARED})
    data["recurring_expense_currency_id"] = ""
    data.update({key: expense[key] for key in _AFTER_CURRENCY})
    # Upstream renders this one unhashed.
    data["transaction_id"] = code(row.transaction_id or None)
    data.update({key: expense[key] for key in _AFTER_TRANSACTION})
    data.update({
        "entity_type": "recurringExpense",
        "frequency_id": code(row.frequency_id),
        "remaining_cycles": int(row.remaining_cycles or 0),
        "last_sent_date": datetime_raw(row.last_sent_date),
        # The day the schedule shows; the UTC moment it runs is not rendered.
        "next_send_date": datetime_raw(row.next_send_date_client),
        # Worked out for a whole page in the resource's `prepare`, when they are shown.
        "recurring_dates": getattr(row, "listed_dates", None) or [],
    })
    return data
