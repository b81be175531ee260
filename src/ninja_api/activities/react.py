"""`GET /activities?reactv2`: each activity as upstream's Activity::activity_string() builds it.

Every entity the activity's sentence names becomes `{label, hashed_id}` (a contact also carries
`contact_entity`); then come the activity's own id, type, notes, creation time and ip.
"""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import formatting, ids
from ninja_api.activities import repository
from ninja_api.billing.settings import ClientSettings
from ninja_api.clients import repository as clients_repository
from ninja_api.clients.schemas import display_name as client_name
from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import text, unix
from ninja_api.models import (
    Activity, Client, ClientContact, Credit, Expense, Invoice, Payment, PurchaseOrder, Quote, RecurringExpense,
    RecurringInvoice, Subscription, Task, User, Vendor, VendorContact,
)
from ninja_api.vendors import repository as vendors_repository
from ninja_api.vendors.schemas import display_name as vendor_name

SYSTEM = "System"
DEFAULT_ROWS = 75

# The placeholders of each activity's English sentence that name something, in sentence order
# (`:client` and `:vendor` are added for every activity that has one, so they are left out here).
_U = ("user",)
SENTENCE = {
    1: _U, 2: _U, 3: _U, 4: _U + ("invoice",), 5: _U + ("invoice",), 6: _U + ("invoice", "contact"),
    7: ("contact", "invoice"), 8: _U + ("invoice",), 9: _U + ("invoice",),
    10: _U + ("payment", "payment_amount", "invoice"),
    11: _U + ("payment",), 12: _U + ("payment",), 13: _U + ("payment",),
    14: _U + ("credit",), 15: _U + ("credit",), 16: _U + ("credit",), 17: _U + ("credit",),
    18: _U + ("quote",), 19: _U + ("quote",), 20: _U + ("quote", "contact"), 21: ("contact", "quote"),
    22: _U + ("quote",), 23: _U + ("quote",), 24: _U + ("quote",), 25: _U + ("invoice",), 26: _U,
    27: _U + ("payment",), 28: _U + ("credit",), 29: ("contact", "quote"),
    30: _U, 31: _U, 32: _U, 33: _U,
    34: _U + ("expense",), 35: _U + ("expense",), 36: _U + ("expense",), 37: _U + ("expense",),
    39: _U + ("payment_amount", "payment"), 40: _U + ("adjustment", "payment_amount", "payment"),
    41: ("payment_amount",),
    42: _U + ("task",), 43: _U + ("task",), 44: _U + ("task",), 45: _U + ("task",), 46: _U + ("task",),
    47: _U + ("expense",), 48: _U, 49: _U, 50: _U, 51: _U, 52: _U,
    53: _U + ("invoice",), 54: _U + ("invoice",), 55: ("contact",), 56: _U, 57: ("invoice",),
    58: _U + ("invoice",), 59: _U + ("invoice",), 60: ("contact", "quote"), 61: _U, 62: _U,
    63: _U + ("invoice", "contact"), 64: _U + ("invoice", "contact"), 65: _U + ("invoice", "contact"),
    66: _U + ("invoice", "contact"),
    **{n: _U + ("subscription",) for n in range(80, 85)},
    **{n: _U + ("recurring_invoice",) for n in range(100, 105)},
    **{n: _U + ("recurring_expense",) for n in range(120, 125)},
    **{n: _U + ("purchase_order",) for n in range(130, 136)},
    136: ("contact", "purchase_order"), 137: ("contact", "purchase_order"),
    138: ("payment",), 139: ("expense", "contact"), 140: (), 141: _U,
}
# A payment a contact made online (no API token) reads "...:contact entered payment...".
ONLINE_PAYMENT = ("contact", "payment", "invoice")
# A user note also names every document it is attached to.
NOTE_ENTITIES = ("invoice", "quote", "credit", "payment", "task", "expense", "purchase_order",
                 "recurring_invoice", "recurring_expense")

# name → (activity column, model); `number` is the label of each.
NUMBERED = {
    "invoice": ("invoice_id", Invoice), "quote": ("quote_id", Quote), "credit": ("credit_id", Credit),
    "payment": ("payment_id", Payment), "task": ("task_id", Task), "expense": ("expense_id", Expense),
    "purchase_order": ("purchase_order_id", PurchaseOrder), "subscription": ("subscription_id", Subscription),
    "recurring_invoice": ("recurring_invoice_id", RecurringInvoice),
    "recurring_expense": ("recurring_expense_id", RecurringExpense),
}


def rows_limit(given: bool, inp_rows) -> int | None:
    """`rows` (default 75) as Laravel's take() reads it: empty or negative is no limit, a non-number 0."""
    if not given:
        return DEFAULT_ROWS
    if inp_rows is None:
        return None
    try:
        value = int(str(inp_rows).strip())
    except ValueError:
        try:
            value = int(float(str(inp_rows).strip()))
        except ValueError:
            return 0
    return value if value >= 0 else None


class _Related:
    """Everything the activities point at, loaded one query per table."""

    def __init__(self, session: Session, ctx: AuthContext, activities) -> None:
        self.session, self.ctx = session, ctx

        def wanted(column):
            return {getattr(a, column) for a in activities if getattr(a, column)}

        self.rows = {name: repository.by_ids(session, model, ctx.company_id, wanted(column))
                     for name, (column, model) in NUMBERED.items()}
        self.users = repository.by_ids(session, User, None, wanted("user_id"))
        self.contacts = repository.by_ids(session, ClientContact, ctx.company_id, wanted("client_contact_id"))
        self.vendor_contacts = repository.by_ids(session, VendorContact, ctx.company_id,
                                                 wanted("vendor_contact_id"))
        client_ids = wanted("client_id") | {c.client_id for c in self.contacts.values()} \
            | {p.client_id for p in self.rows["payment"].values()}
        self.clients = repository.by_ids(session, Client, ctx.company_id, client_ids)
        vendor_ids = wanted("vendor_id") | {c.vendor_id for c in self.vendor_contacts.values()}
        self.vendors = repository.by_ids(session, Vendor, ctx.company_id, vendor_ids)
        self.client_contacts = (clients_repository.contacts_by_client(session, sorted(self.clients))
                                if self.clients else {})
        self.vendor_contacts_by_vendor = (vendors_repository.contacts_by_vendor(session, sorted(self.vendors))
                                          if self.vendors else {})

    def client_label(self, client) -> str:
        return client_name(client, self.client_contacts.get(client.id, []))

    def vendor_label(self, vendor) -> str:
        return vendor_name(vendor, self.vendor_contacts_by_vendor.get(vendor.id, []))

    def money(self, payment, field: str) -> str:
        value = getattr(payment, field) if payment is not None else None
        client = self.clients.get(payment.client_id) if payment is not None else None
        if client is not None:
            return ClientSettings(self.session, self.ctx.company, client).money(value or Decimal(0))
        settings = self.ctx.company.settings or {}
        return formatting.money(Decimal(str(value or 0)), str(settings.get("currency_id") or "1"),
                                str(settings.get("country_id") or ""))


def _ref(label, key) -> dict:
    return {"label": text(label), "hashed_id": ids.encode(key) if key else ""}


def _variable(name: str, activity: Activity, related: _Related) -> dict:
    if name == "user":
        user = related.users.get(activity.user_id)
        label = f"{user.first_name or ''} {user.last_name or ''}" if user is not None else SYSTEM
        return {"user": _ref(label, user.id if user is not None else None)}
    if name in NUMBERED:
        column, _model = NUMBERED[name]
        row = related.rows[name].get(getattr(activity, column))
        return {name: _ref(getattr(row, "number", None) if row is not None else None,
                           row.id if row is not None else None)}
    if name in ("payment_amount", "adjustment"):
        payment = related.rows["payment"].get(activity.payment_id)
        return {name: {"label": related.money(payment, "amount" if name == "payment_amount" else "refunded"),
                       "hashed_id": ""}}
    if name == "contact":
        return _contact(activity, related)
    return {}


def _contact(activity: Activity, related: _Related) -> dict:
    contact = related.contacts.get(activity.client_contact_id)
    if contact is not None:
        owner = related.clients.get(activity.client_id)
        label = f"{contact.first_name or ''} {contact.last_name or ''}"
        if len(label) <= 1:
            own_client = related.clients.get(contact.client_id)
            label = related.client_label(own_client) if own_client is not None else ""
        return {"contact": {"label": label, "hashed_id": ids.encode(owner.id) if owner else "",
                            "contact_entity": "clients"}}
    contact = related.vendor_contacts.get(activity.vendor_contact_id)
    if contact is None:
        return {}
    owner = related.vendors.get(activity.vendor_id)
    label = f"{contact.first_name or ''} {contact.last_name or ''}"
    if len(label) <= 1:
        own_vendor = related.vendors.get(contact.vendor_id)
        label = related.vendor_label(own_vendor) if own_vendor is not None else ""
    return {"contact": {"label": label, "hashed_id": ids.encode(owner.id) if owner else "",
                        "contact_entity": "vendors"}}


def render(activity: Activity, related: _Related) -> dict:
    names = list(SENTENCE.get(activity.activity_type_id, ()))
    if activity.activity_type_id == 10 and activity.client_contact_id and not activity.token_id:
        names = list(ONLINE_PAYMENT)
    if activity.activity_type_id == 54 and not activity.token_id:
        names.append("contact")
    item: dict = {}
    for name in names:
        item.update(_variable(name, activity, related))
    client = related.clients.get(activity.client_id)
    if client is not None:
        item["client"] = {"label": related.client_label(client), "hashed_id": ids.encode(client.id)}
    vendor = related.vendors.get(activity.vendor_id)
    if vendor is not None:
        item["vendor"] = {"label": related.vendor_label(vendor), "hashed_id": ids.encode(vendor.id)}
    recurring = related.rows["recurring_invoice"].get(activity.recurring_invoice_id)
    if activity.activity_type_id == 4 and recurring is not None:
        item["recurring_invoice"] = _ref(recurring.number, recurring.id)
    item["activity_type_id"] = activity.activity_type_id
    item["id"] = activity.id
    item["hashed_id"] = ids.encode(activity.id)
    item["notes"] = activity.notes or ""
    item["created_at"] = unix(activity.created_at) if activity.created_at else ""
    item["ip"] = activity.ip or ""
    if activity.activity_type_id == 141:
        for name in NOTE_ENTITIES:
            column, _model = NUMBERED[name]
            if related.rows[name].get(getattr(activity, column)) is not None:
                item.update(_variable(name, activity, related))
    return item


def react_list(session: Session, ctx: AuthContext, rows_given: bool, rows,
               about: tuple[str, int] | None = None) -> dict:
    activities = repository.newest(session, ctx.company_id, None if ctx.is_admin else ctx.user_id,
                                   rows_limit(rows_given, rows), about)
    related = _Related(session, ctx, activities)
    return {"data": [render(activity, related) for activity in activities]}
