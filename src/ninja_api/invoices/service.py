"""Invoice rules: create, update, recalculate, and the state transitions; never commits."""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import service as activities
from ninja_api.calc import InvoiceInput, LineItemInput, calculate, clamp_partial_after_save, stored_money, updated_status
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ApiError
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_decimal, as_text
from ninja_api.billing import line_items
from ninja_api.invoices import repository
from ninja_api.billing.settings import ClientSettings, company_today
from ninja_api.models import Client, Invoice, InvoiceInvitation
from ninja_api.models.base import utcnow
from ninja_api.models.payment import INVOICE_TYPE
from ninja_api.numbering import lock_company, next_number
from ninja_api.products import repository as product_repository
from ninja_api.products.service import update_from_line_items
from ninja_api.security import random_key

DRAFT, SENT, PARTIAL, PAID, CANCELLED, REVERSED = 1, 2, 3, 4, 5, 6
MAX_AMOUNT = Decimal("99999999999999")

TEXT_FIELDS = ("po_number", "terms", "public_notes", "private_notes", "footer", "tax_name1", "tax_name2",
               "tax_name3", "custom_value1", "custom_value2", "custom_value3", "custom_value4")
MONEY_FIELDS = ("discount", "tax_rate1", "tax_rate2", "tax_rate3", "custom_surcharge1", "custom_surcharge2",
                "custom_surcharge3", "custom_surcharge4", "partial", "exchange_rate")
DATE_FIELDS = ("date", "due_date", "partial_due_date")
BOOL_FIELDS = ("is_amount_discount", "uses_inclusive_taxes", "auto_bill_enabled")
ID_FIELDS = ("project_id", "assigned_user_id", "design_id", "subscription_id", "vendor_id", "location_id")


# --- reading input ------------------------------------------------------------------------------


def parse_date(value) -> date | None:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _validate(session: Session, ctx: AuthContext, data: dict, invoice: Invoice | None) -> Errors:
    errors = Errors()
    creating = invoice is None
    if creating:
        raw = data.get("client_id")
        client = repository.client_in_company(session, ctx.company_id, ids.decode(raw)) if isinstance(raw, str) else None
        if raw is None:
            errors.required("client_id")
        elif client is None or client.is_deleted:
            errors.invalid_choice("client_id")
    elif "client_id" in data and data["client_id"] is not None and ids.decode(data["client_id"]) != invoice.client_id:
        errors.invalid_choice("client_id")
    number = as_text(data.get("number"))
    if number and repository.number_taken(session, ctx.company_id, number, None if creating else invoice.id):
        errors.taken("number")
    for field in MONEY_FIELDS:
        value = data.get(field)
        if value is not None and as_decimal(value) is None:
            errors.must_be(field, "a number")
    if data.get("discount") is not None and (as_decimal(data["discount"]) or 0) > MAX_AMOUNT:
        errors.add("discount", f"The discount must not be greater than {MAX_AMOUNT}.")
    partial = as_decimal(data.get("partial")) if data.get("partial") is not None else None
    if creating and partial is not None and partial < 0:
        errors.add("partial", "The partial must be greater than or equal to 0.")
    for field in DATE_FIELDS:
        if data.get(field) is not None and parse_date(data[field]) is None:
            errors.add(field, f"The {field.replace('_', ' ')} is not a valid date.")
    for field in BOOL_FIELDS:
        if data.get(field) is not None and as_bool(data[field]) is None:
            errors.add(field, f"The {field.replace('_', ' ')} field must be true or false.")
    if "line_items" in data and data["line_items"] is not None and not isinstance(data["line_items"], list):
        errors.add("line_items", "The line items must be an array.")
    elif isinstance(data.get("line_items"), list):
        for i, item in enumerate(data["line_items"]):
            for name in ("quantity", "cost", "discount", "tax_rate1", "tax_rate2", "tax_rate3"):
                number = as_decimal(item.get(name)) if isinstance(item, dict) else None
                if number is not None and abs(number) > MAX_AMOUNT:
                    errors.add(f"line_items.{i}.{name}", f"The line_items.{i}.{name} must not be greater than {MAX_AMOUNT}.")
    invitations = data.get("invitations")
    if invitations is not None:
        if not isinstance(invitations, list):
            errors.add("invitations", "The invitations must be an array.")
        else:
            seen: list = []
            for i, inv in enumerate(invitations):
                field = f"invitations.{i}.client_contact_id"
                contact = inv.get("client_contact_id") if isinstance(inv, dict) else None
                if contact is None:
                    errors.add(field, f"The {field.replace('_', ' ')} field is required.")
                elif contact in seen:
                    errors.add(field, f"The {field.replace('_', ' ')} field has a duplicate value.")
                seen.append(contact)
    for field in ID_FIELDS:
        value = data.get(field)
        if value is not None and not isinstance(value, str):
            errors.invalid_choice(field)
    return errors


PRODUCT_FILL = (("cost", "price"), ("product_cost", "cost"), ("notes", "notes"), ("tax_name1", "tax_name1"),
                ("tax_rate1", "tax_rate1"), ("tax_name2", "tax_name2"), ("tax_rate2", "tax_rate2"),
                ("tax_name3", "tax_name3"), ("tax_rate3", "tax_rate3"), ("tax_id", "tax_id"))


def fill_from_products(session: Session, ctx: AuthContext, items) -> list:
    """With the company's fill_products on, a line naming a product takes what it leaves out from it."""
    if not ctx.company.fill_products or not isinstance(items, list):
        return items
    keys = {i["product_key"] for i in items if isinstance(i, dict) and isinstance(i.get("product_key"), str)}
    products = product_repository.by_keys(session, ctx.company_id, keys)
    filled = []
    for item in items:
        product = products.get(item.get("product_key")) if isinstance(item, dict) else None
        if product is not None:
            item = dict(item)
            for line_key, product_key in PRODUCT_FILL:
                if item.get(line_key) is None:
                    value = getattr(product, product_key)
                    item[line_key] = format(value, "f") if isinstance(value, Decimal) else value
            if item.get("quantity") is None:
                item["quantity"] = "1"
        filled.append(item)
    return filled


def _fill(invoice: Invoice, data: dict) -> None:
    for field in TEXT_FIELDS:
        if field in data:
            setattr(invoice, field, as_text(data[field]))
    if "number" in data:
        invoice.number = as_text(data["number"])
    for field in MONEY_FIELDS:
        if field in data:
            value = as_decimal(data[field]) if data[field] is not None else None
            if field in ("discount", "tax_rate1", "tax_rate2", "tax_rate3"):
                value = value if value is not None else Decimal(0)
            if field == "exchange_rate":
                value = value if value is not None else Decimal(1)
            setattr(invoice, field, value)
    for field in DATE_FIELDS:
        if field in data:
            setattr(invoice, field, parse_date(data[field]))
    for field in BOOL_FIELDS:
        if field in data and data[field] is not None:
            setattr(invoice, field, as_bool(data[field]))
    for field in ID_FIELDS:
        if field in data:
            setattr(invoice, field, ids.decode(data[field]) if data[field] is not None else None)
    if "line_items" in data:
        invoice.line_items = line_items.clean(data["line_items"])


# --- money --------------------------------------------------------------------------------------


def totals_of(invoice: Invoice, precision: int):
    """The calculation core's result for the invoice's current lines and settings."""
    items = line_items.clean(invoice.line_items or [])
    return items, calculate(InvoiceInput(
        line_items=tuple(LineItemInput.from_mapping(item) for item in items),
        discount=invoice.discount or 0,
        is_amount_discount=bool(invoice.is_amount_discount),
        tax_name1=invoice.tax_name1 or "", tax_rate1=invoice.tax_rate1 or 0,
        tax_name2=invoice.tax_name2 or "", tax_rate2=invoice.tax_rate2 or 0,
        tax_name3=invoice.tax_name3 or "", tax_rate3=invoice.tax_rate3 or 0,
        custom_surcharge1=invoice.custom_surcharge1 or 0, custom_surcharge2=invoice.custom_surcharge2 or 0,
        custom_surcharge3=invoice.custom_surcharge3 or 0, custom_surcharge4=invoice.custom_surcharge4 or 0,
        custom_surcharge_tax1=bool(invoice.custom_surcharge_tax1),
        custom_surcharge_tax2=bool(invoice.custom_surcharge_tax2),
        custom_surcharge_tax3=bool(invoice.custom_surcharge_tax3),
        custom_surcharge_tax4=bool(invoice.custom_surcharge_tax4),
        uses_inclusive_taxes=bool(invoice.uses_inclusive_taxes),
        precision=precision,
    ))


def recalculate(invoice: Invoice, settings: ClientSettings) -> None:
    """Line totals, taxes, amount and balance from the lines, as upstream stores them."""
    precision = settings.precision
    items, totals = totals_of(invoice, precision)
    invoice.line_items = line_items.apply_results(items, totals.line_items, bool(invoice.uses_inclusive_taxes), precision)
    stored = stored_money(
        totals,
        status_id=invoice.status_id or DRAFT,
        amount_old=invoice.amount or 0,
        balance_old=invoice.balance or 0,
        paid_to_date=invoice.paid_to_date or 0,
        rappen_rounding=settings.flag("enable_rappen_rounding"),
    )
    invoice.amount, invoice.balance, invoice.total_taxes = stored.amount, stored.balance, stored.total_taxes
    if invoice.partial is not None:
        invoice.partial = clamp_partial_after_save(invoice.partial, invoice.amount, invoice.balance)


def refresh_client_balance(session: Session, ctx: AuthContext, client: Client, invoice: Invoice, note: str) -> None:
    before = client.balance
    session.flush()
    client.balance = repository.open_balance(session, client.id)
    if client.balance != before:
        activities.ledger(session, ctx, client, client.balance - before, invoice.id, INVOICE_TYPE, note)


def adjust_client(session, ctx, client: Client, invoice: Invoice, balance: Decimal = Decimal(0),
                  paid: Decimal = Decimal(0), note: str = "") -> None:
    client.balance += balance
    client.paid_to_date += paid
    if balance:
        activities.ledger(session, ctx, client, balance, invoice.id, INVOICE_TYPE, note)


# --- invitations --------------------------------------------------------------------------------


def sync_invitations(session: Session, ctx: AuthContext, invoice: Invoice, sent: list | None) -> None:
    existing = repository.invitations_by_invoice(session, [invoice.id], include_trashed=True).get(invoice.id, [])
    contacts = {c.id: c for c in repository.live_contacts(session, invoice.client_id)}
    now = utcnow()
    if sent is not None:
        keys = {inv.get("key") for inv in sent if isinstance(inv, dict) and inv.get("key")}
        for invitation in existing:
            if invitation.key not in keys and invitation.deleted_at is None:
                invitation.deleted_at = now
        by_key = {i.key: i for i in existing}
        by_contact = {i.client_contact_id: i for i in existing}
        for inv in sent:
            if not isinstance(inv, dict):
                continue
            known = by_key.get(inv.get("key"))
            if known is not None:
                known.deleted_at = None
                continue
            contact_id = ids.decode(inv.get("client_contact_id"))
            if contact_id not in contacts:
                continue  # contacts of another client are skipped silently
            previous = by_contact.get(contact_id)
            if previous is not None:
                previous.deleted_at = None
            else:
                _invite(session, ctx, invoice, contact_id)
        session.flush()
    live = repository.invitations_by_invoice(session, [invoice.id]).get(invoice.id, [])
    if not live:
        trashed = {i.client_contact_id: i for i in existing}
        targets = [c for c in contacts.values() if c.send_email] or list(contacts.values())[:1]
        if not targets:
            from ninja_api.clients.service import sync_contacts
            client = session.get(Client, invoice.client_id)
            sync_contacts(session, ctx, client, [], [])
            targets = repository.live_contacts(session, invoice.client_id)
        for contact in targets:
            if contact.id in trashed:
                trashed[contact.id].deleted_at = None
            else:
                _invite(session, ctx, invoice, contact.id)
        session.flush()


def _invite(session: Session, ctx: AuthContext, invoice: Invoice, contact_id: int) -> InvoiceInvitation:
    invitation = InvoiceInvitation(
        company_id=ctx.company_id, user_id=ctx.user_id, client_contact_id=contact_id,
        invoice_id=invoice.id, key=random_key(32),
    )
    session.add(invitation)
    return invitation


# --- create / update ----------------------------------------------------------------------------


def blank(session: Session, ctx: AuthContext) -> Invoice:
    company = ctx.company
    return Invoice(
        company_id=ctx.company_id, user_id=ctx.user_id, status_id=DRAFT, amount=Decimal(0), balance=Decimal(0),
        paid_to_date=Decimal(0), discount=Decimal(0), is_amount_discount=True, is_deleted=False,
        tax_rate1=Decimal(0), tax_rate2=Decimal(0), tax_rate3=Decimal(0), total_taxes=Decimal(0),
        exchange_rate=Decimal(1), line_items=[], date=company_today(company),
        custom_surcharge_tax1=company.custom_surcharge_taxes1, custom_surcharge_tax2=company.custom_surcharge_taxes2,
        custom_surcharge_tax3=company.custom_surcharge_taxes3, custom_surcharge_tax4=company.custom_surcharge_taxes4,
        uses_inclusive_taxes=False, auto_bill_enabled=False,
    )


def _apply_number(session: Session, ctx: AuthContext, invoice: Invoice, client: Client, settings: ClientSettings) -> None:
    if invoice.number:
        return
    invoice.number = next_number(session, ctx.company, "invoice", Invoice, client=client, group=settings.group,
                                 user_id=ctx.user_id, append_counter=True)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> Invoice:
    data = inp.data
    lock_company(session, ctx.company)
    _validate(session, ctx, data, None).raise_if_any()
    client = repository.client_in_company(session, ctx.company_id, ids.decode(data["client_id"]))
    settings = ClientSettings(session, ctx.company, client)
    invoice = blank(session, ctx)
    invoice.client_id = client.id
    invoice.date = settings.today()
    invoice.uses_inclusive_taxes = settings.flag("inclusive_taxes")
    invoice.auto_bill_enabled = settings.flag("auto_bill_standard_invoices")
    invoice.design_id = settings.design_id()
    clean = {k: v for k, v in data.items() if k not in ("status_id", "amount", "balance", "paid_to_date")}
    if "line_items" in clean:
        clean["line_items"] = fill_from_products(session, ctx, clean["line_items"])
    _fill(invoice, clean)
    if not invoice.date:
        invoice.date = settings.today()
    if not invoice.terms:
        invoice.terms = as_text(settings.get("invoice_terms")) or None
    if not invoice.footer:
        invoice.footer = as_text(settings.get("invoice_footer")) or None
    if client.public_notes:
        invoice.public_notes = client.public_notes
    invoice.exchange_rate = settings.exchange_rate()
    if not invoice.partial:
        invoice.partial_due_date = None
    if invoice.partial_due_date and not invoice.due_date:
        terms = as_text(settings.get("payment_terms"))
        if terms and terms.lstrip("-").isdigit():
            invoice.due_date = invoice.date + timedelta(days=int(terms))
    recalculate(invoice, settings)
    session.add(invoice)
    session.flush()
    _update_products(session, ctx, invoice, settings)
    sync_invitations(session, ctx, invoice, data.get("invitations") if isinstance(data.get("invitations"), list) else None)
    if settings.get("counter_number_applied", "when_saved") == "when_saved":
        _apply_number(session, ctx, invoice, client, settings)
    activities.record(session, ctx, activities.CREATE_INVOICE, client_id=client.id, invoice_id=invoice.id)
    session.flush()
    run_toggles(session, ctx, invoice, inp)
    return invoice


def _update_products(session: Session, ctx: AuthContext, invoice: Invoice, settings: ClientSettings) -> None:
    company_currency = str((ctx.company.settings or {}).get("currency_id") or "1")
    if ctx.company.update_products and settings.currency_id == company_currency:
        update_from_line_items(session, ctx, invoice.line_items or [], project_id=invoice.project_id,
                               vendor_id=invoice.vendor_id)


def is_locked(invoice: Invoice, settings: ClientSettings) -> bool:
    mode = settings.get("lock_invoices", "off")
    if mode == "when_sent":
        return invoice.status_id == SENT
    if mode == "when_paid":
        return invoice.status_id in (PARTIAL, PAID)
    if mode == "end_of_month" and invoice.date:
        today = settings.today()
        return (invoice.date.year, invoice.date.month) < (today.year, today.month)
    return False


def update(session: Session, ctx: AuthContext, invoice: Invoice, inp: RequestInput) -> Invoice:
    data = inp.data
    lock_company(session, ctx.company)
    client = session.get(Client, invoice.client_id)
    settings = ClientSettings(session, ctx.company, client)
    if is_locked(invoice, settings):
        raise ApiError(422, {"message": "", "errors": {"number": "This invoice is locked and unable to be modified"}})
    _validate(session, ctx, data, invoice).raise_if_any()
    clean = {k: v for k, v in data.items() if k not in ("client_id", "status_id", "amount", "balance", "paid_to_date")}
    if "line_items" in clean:
        clean["line_items"] = fill_from_products(session, ctx, clean["line_items"])
    _fill(invoice, clean)
    invoice.custom_surcharge_tax1 = ctx.company.custom_surcharge_taxes1
    invoice.custom_surcharge_tax2 = ctx.company.custom_surcharge_taxes2
    invoice.custom_surcharge_tax3 = ctx.company.custom_surcharge_taxes3
    invoice.custom_surcharge_tax4 = ctx.company.custom_surcharge_taxes4
    invoice.updated_at = utcnow()
    recalculate(invoice, settings)
    _update_products(session, ctx, invoice, settings)
    if invoice.status_id != DRAFT:
        invoice.status_id = updated_status(invoice.status_id, invoice.balance, invoice.amount)
        refresh_client_balance(session, ctx, client, invoice, "Invoice updated")
    session.flush()
    sync_invitations(session, ctx, invoice, data.get("invitations") if isinstance(data.get("invitations"), list) else None)
    activities.record(session, ctx, activities.UPDATE_INVOICE, client_id=client.id, invoice_id=invoice.id)
    run_toggles(session, ctx, invoice, inp)
    return invoice


def run_toggles(session: Session, ctx: AuthContext, invoice: Invoice, inp: RequestInput) -> None:
    """Actions a create or update asks for in its query or body, in upstream's order."""
    from ninja_api.invoices import actions, billing, emails

    if inp.flag("auto_bill"):
        billing.auto_bill(session, ctx, invoice)
    if inp.flag("paid"):
        actions.mark_paid(session, ctx, invoice, reference=as_text(inp.get("reference")))
    if inp.flag("mark_sent"):
        actions.mark_sent(session, ctx, invoice)
    amount_paid = as_decimal(inp.get("amount_paid")) if inp.get("amount_paid") is not None else None
    if amount_paid is not None:
        actions.apply_amount(session, ctx, invoice, amount_paid, reference=as_text(inp.get("reference")))
    if inp.flag("send_email"):
        emails.send(session, ctx, invoice, "invoice")
    if inp.flag("cancel"):
        actions.cancel(session, ctx, invoice)
    if inp.flag("save_default_footer") or inp.flag("save_default_terms"):
        settings = dict(ctx.company.settings or {})
        if inp.flag("save_default_footer"):
            settings["invoice_footer"] = invoice.footer or ""
        if inp.flag("save_default_terms"):
            settings["invoice_terms"] = invoice.terms or ""
        ctx.company.settings = settings
    session.flush()


def delete(session: Session, ctx: AuthContext, invoice: Invoice) -> None:
    from ninja_api.invoices import actions

    actions.delete(session, ctx, invoice)


