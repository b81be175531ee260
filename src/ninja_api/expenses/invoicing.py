"""An invoice's lines say which expenses it bills (upstream's linkEntities)."""

from sqlalchemy import update
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.models import Expense, Invoice


def link_expenses(session: Session, invoice: Invoice) -> None:
    """The expenses named by the invoice's lines point at it. Unlike tasks, upstream does not
    unlink expenses a line no longer names."""
    named = {ids.decode(i["expense_id"]) for i in invoice.line_items or []
             if isinstance(i, dict) and isinstance(i.get("expense_id"), str) and i["expense_id"]}
    named.discard(None)
    if named:
        session.flush()
        session.execute(update(Expense).where(Expense.id.in_(named), Expense.company_id == invoice.company_id)
                        .values(invoice_id=invoice.id))
