"""All tables, imported so that Alembic and the app see one metadata."""

from ninja_api.models.account import Account
from ninja_api.models.activity import Activity, CompanyLedger, SystemLog
from ninja_api.models.bank import BankIntegration, BankTransaction, BankTransactionRule, CsvUpload
from ninja_api.models.throttle import ThrottleHit
from ninja_api.models.job import Job
from ninja_api.models.base import Base
from ninja_api.models.client import Client, ClientContact, ClientGatewayToken, GroupSetting
from ninja_api.models.company import Company
from ninja_api.models.credit import Credit, CreditInvitation
from ninja_api.models.design import Design
from ninja_api.models.document import Document
from ninja_api.models.gateway import CompanyGateway
from ninja_api.models.invoice import Invoice, InvoiceInvitation
from ninja_api.models.payment import Payment, Paymentable
from ninja_api.models.product import PaymentTerm, Product, TaxRate
from ninja_api.models.project import Location, Project, Task, TaskStatus
from ninja_api.models.purchase_order import PurchaseOrder, PurchaseOrderInvitation
from ninja_api.models.quote import Quote, QuoteInvitation
from ninja_api.models.recurring import (
    RecurringInvoice, RecurringInvoiceInvitation, RecurringQuote, RecurringQuoteInvitation,
)
from ninja_api.models.subscription import Subscription
from ninja_api.models.template import TemplatePreview
from ninja_api.models.token import CompanyToken
from ninja_api.models.user import CompanyUser, User
from ninja_api.models.vendor import Expense, ExpenseCategory, RecurringExpense, Vendor, VendorContact
from ninja_api.models.webhook import Webhook, WebhookDelivery

__all__ = [
    "Account",
    "Activity",
    "BankIntegration",
    "BankTransaction",
    "BankTransactionRule",
    "Base",
    "Client",
    "ClientContact",
    "ClientGatewayToken",
    "Company",
    "CompanyGateway",
    "CompanyLedger",
    "CompanyToken",
    "CompanyUser",
    "Credit",
    "CsvUpload",
    "CreditInvitation",
    "Design",
    "Document",
    "Expense",
    "ExpenseCategory",
    "GroupSetting",
    "Invoice",
    "InvoiceInvitation",
    "Location",
    "Payment",
    "PaymentTerm",
    "Paymentable",
    "Product",
    "Project",
    "PurchaseOrder",
    "PurchaseOrderInvitation",
    "Quote",
    "QuoteInvitation",
    "RecurringExpense",
    "RecurringInvoice",
    "RecurringInvoiceInvitation",
    "RecurringQuote",
    "RecurringQuoteInvitation",
    "Subscription",
    "SystemLog",
    "Task",
    "TaskStatus",
    "TaxRate",
    "ThrottleHit",
    "Job",
    "TemplatePreview",
    "User",
    "Vendor",
    "VendorContact",
    "Webhook",
    "WebhookDelivery",
]
