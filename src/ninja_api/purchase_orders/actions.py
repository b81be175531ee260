"""Purchase order state transitions: sent, accepted, received into stock, cancelled, turned into an expense."""

from decimal import Decimal

from sqlalchemy.orm import Session

from ninja_api.activities import service as activities
from ninja_api.billing import emails, invitations
from ninja_api.billing import service as core
from ninja_api.billing.settings import settings_for
from ninja_api.expenses import service as expenses
from ninja_api.http import lifecycle
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import bad_request
from ninja_api.http.validation import as_decimal
from ninja_api.models import Expense, Product, Project, PurchaseOrder, Vendor
from ninja_api.models.base import utcnow
from ninja_api.numbering import lock_company, next_number
from ninja_api.payments.validation import php_number
from ninja_api.products import repository as products
from ninja_api.products import service as product_service
from ninja_api.webhooks import events as webhook_events
from ninja_api.purchase_orders.kind import ACCEPTED, CANCELLED, DRAFT, PURCHASE_ORDER, RECEIVED, SENT

ALREADY_EXPENSED = "Already converted to an expense."


def _refs(order: PurchaseOrder) -> dict:
    return core.party_refs(PURCHASE_ORDER, order)


def mark_sent(session: Session, ctx: AuthContext, order: PurchaseOrder) -> bool:
    """A draft goes out: its invitations are sent, it takes a number, and it owes its amount."""
    if order.status_id != DRAFT:
        return False
    lock_company(session, ctx.company)
    vendor = session.get(Vendor, order.vendor_id)
    invitations.mark_sent_now(session, PURCHASE_ORDER, order)
    order.status_id = SENT
    core.apply_number(session, ctx, PURCHASE_ORDER, order, None, settings_for(session, ctx.company, vendor))
    order.balance = (order.balance or Decimal(0)) + (order.amount or Decimal(0))
    webhook_events.fire(session, order, "sent")
    return True


def email(session: Session, ctx: AuthContext, order: PurchaseOrder) -> None:
    order.last_sent_date = utcnow()
    emails.send(session, ctx, PURCHASE_ORDER, order, "purchase_order", mark_sent=mark_sent)


def cancel(session: Session, ctx: AuthContext, order: PurchaseOrder) -> None:
    if order.status_id <= SENT:
        order.status_id = CANCELLED


def accept(session: Session, ctx: AuthContext, order: PurchaseOrder) -> bool:
    """What the vendor does in upstream's portal, offered to the company too: a sent order is accepted."""
    if order.status_id != SENT:
        return False
    order.status_id = ACCEPTED
    activities.record(session, ctx, activities.ACCEPT_PURCHASE_ORDER, **_refs(order))
    return True


def add_to_inventory(session: Session, ctx: AuthContext, order: PurchaseOrder) -> None:
    """Each line's quantity arrives in stock, its product created when the company has none of that key."""
    lines = order.line_items or []
    known = products.by_keys(session, ctx.company_id, {str(i.get("product_key") or "") for i in lines})
    for item in lines:
        key = str(item.get("product_key") or "")
        quantity = as_decimal(item.get("quantity")) or Decimal(0)
        product = known.get(key)
        if product is None:
            product = product_service.blank(session, ctx)
            product.user_id = order.user_id
            product.project_id = order.project_id
            product.vendor_id = order.vendor_id
            product.product_key = key
            product.notes = item.get("notes") or ""
            product.price = as_decimal(item.get("cost")) or Decimal(0)
            product.quantity = quantity
            for n in (1, 2, 3, 4):
                setattr(product, f"custom_value{n}", item.get(f"custom_value{n}") or "")
            product.in_stock_quantity = 0
            session.add(product)
            known[key] = product
        # The stock column holds whole units: a fractional quantity is truncated, as upstream's integer column does.
        product.in_stock_quantity = (product.in_stock_quantity or 0) + int(quantity)
    order.status_id = RECEIVED
    session.flush()


def _expense_notes(order: PurchaseOrder) -> str:
    return "".join(
        f"{php_number(as_decimal(item.get('quantity')) or Decimal(0))} x {item.get('product_key') or ''}"
        f" [ {item.get('notes') or ''} ]\n"
        for item in order.line_items or []
    )


def to_expense(session: Session, ctx: AuthContext, order: PurchaseOrder) -> Expense:
    """The order's cost as one expense of its vendor, once (a second time answers 400)."""
    if order.expense_id is not None and session.get(Expense, order.expense_id) is not None:
        raise bad_request(ALREADY_EXPENSED)
    lock_company(session, ctx.company)
    vendor = session.get(Vendor, order.vendor_id)
    expense = expenses.blank(session, ctx)
    expense.user_id = order.user_id
    taxes = order.total_taxes or Decimal(0)
    expense.amount = order.amount if order.uses_inclusive_taxes else order.amount - taxes
    expense.date = utcnow().date()
    expense.vendor_id = order.vendor_id
    expense.uses_inclusive_taxes = bool(order.uses_inclusive_taxes)
    expense.calculate_tax_by_amount = True
    expense.private_notes = f"Purchase Order # {order.number or ''}"
    expense.currency_id = vendor.currency_id
    expense.public_notes = _expense_notes(order)
    if taxes > 0:
        expense.tax_amount1 = taxes
        expense.tax_name1 = "Tax"
    expense.number = next_number(session, ctx.company, "expense", Expense, user_id=ctx.user_id)
    if order.project_id:
        project = session.get(Project, order.project_id)
        expense.project_id = order.project_id
        expense.client_id = project.client_id if project is not None else None
    elif order.client_id:
        expense.client_id = order.client_id
    session.add(expense)
    session.flush()
    order.expense_id = expense.id
    return expense


def archive(session: Session, ctx: AuthContext, order: PurchaseOrder) -> None:
    if lifecycle.archive(order):
        activities.record(session, ctx, PURCHASE_ORDER.activities.archive, **_refs(order))


def delete(session: Session, ctx: AuthContext, order: PurchaseOrder) -> None:
    if lifecycle.delete(order):
        activities.record(session, ctx, PURCHASE_ORDER.activities.delete, **_refs(order))


def restore(session: Session, ctx: AuthContext, order: PurchaseOrder) -> None:
    if lifecycle.restore(order):
        activities.record(session, ctx, PURCHASE_ORDER.activities.restore, **_refs(order))
