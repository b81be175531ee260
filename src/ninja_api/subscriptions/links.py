"""`set_payment_link`: an invoice or recurring invoice points at a subscription of its company."""

from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.subscriptions import repository


def set_payment_link(session: Session, ctx: AuthContext, row, inp: RequestInput) -> None:
    """Bulk action: upstream links the subscription only when it is the company's, else nothing changes."""
    value = inp.get("subscription_id")
    key = ids.decode(value) if isinstance(value, str) else None
    if repository.in_company(session, ctx.company_id, key):
        row.subscription_id = key
