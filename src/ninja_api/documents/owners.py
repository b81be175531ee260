"""The entities that hold documents: how upstream names each as a documentable, and its app link."""

from dataclasses import dataclass

from ninja_api.models import (
    Client, Company, Credit, Expense, GroupSetting, Invoice, Payment, Product, Project, PurchaseOrder, Quote,
    RecurringExpense, RecurringInvoice, RecurringQuote, Task, Vendor,
)


@dataclass(frozen=True)
class Owner:
    path: str  # the route segment: /{path}/{id}/upload
    model: type
    documentable_type: str
    link: str = ""  # the web app's page of the owner, `{id}` replaced
    operation_id: str = ""  # upstream's spec name of the upload operation


OWNERS = [
    Owner("clients", Client, "App\\Models\\Client", "/clients/{id}", operation_id="uploadClient"),
    Owner("invoices", Invoice, "invoices", "/invoices/{id}/edit", operation_id="uploadInvoice"),
    Owner("quotes", Quote, "App\\Models\\Quote", "/quotes/{id}/edit", operation_id="uploadQuote"),
    Owner("credits", Credit, "App\\Models\\Credit", "/credits/{id}/edit", operation_id="uploadCredits"),
    Owner("recurring_invoices", RecurringInvoice, "App\\Models\\RecurringInvoice", "/recurring_invoices/{id}/edit", operation_id="uploadRecurringInvoice"),
    Owner("recurring_quotes", RecurringQuote, "App\\Models\\RecurringQuote", operation_id="uploadRecurringQuote"),
    Owner("payments", Payment, "App\\Models\\Payment", "/payments/{id}/edit", operation_id="uploadPayment"),
    Owner("products", Product, "App\\Models\\Product", operation_id="uploadProduct"),
    Owner("projects", Project, "App\\Models\\Project", "/projects/{id}", operation_id="uploadProject"),
    Owner("tasks", Task, "App\\Models\\Task", "/tasks/{id}/edit", operation_id="uploadTask"),
    Owner("vendors", Vendor, "App\\Models\\Vendor", "/vendors/{id}", operation_id="uploadVendor"),
    Owner("expenses", Expense, "App\\Models\\Expense", "/expenses/{id}/edit", operation_id="uploadExpense"),
    Owner("recurring_expenses", RecurringExpense, "App\\Models\\RecurringExpense", "/recurring_expenses/{id}/edit", operation_id="uploadRecurringExpense"),
    Owner("purchase_orders", PurchaseOrder, "App\\Models\\PurchaseOrder", operation_id="uploadPurchaseOrder"),
    Owner("group_settings", GroupSetting, "App\\Models\\GroupSetting", operation_id="uploadGroupSetting"),
]
# The company holds documents too; its upload route is the company's own (it is the tenant, not a
# row scoped to one).
COMPANY = Owner("companies", Company, "App\\Models\\Company", operation_id="uploadCompanies")
BY_MODEL = {o.model: o for o in (*OWNERS, COMPANY)}
BY_TYPE = {o.documentable_type: o for o in (*OWNERS, COMPANY)}
