"""Purchase order rules: create, update and what they trigger, on the shared document core; never commits."""

from sqlalchemy.orm import Session

from ninja_api.billing import service as documents
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.models import PurchaseOrder
from ninja_api.purchase_orders.kind import PURCHASE_ORDER


def blank(session: Session, ctx: AuthContext) -> PurchaseOrder:
    return documents.blank(ctx, PURCHASE_ORDER)


def _factory_defaults(doc: PurchaseOrder, settings) -> None:
    # Upstream's factory never takes the company's inclusive-taxes setting for a purchase order.
    doc.uses_inclusive_taxes = False


def _number_when_saved(session: Session, ctx: AuthContext, order: PurchaseOrder, settings) -> None:
    if settings.get("counter_number_applied", "when_saved") == "when_saved":
        documents.apply_number(session, ctx, PURCHASE_ORDER, order, None, settings)


def create(session: Session, ctx: AuthContext, inp: RequestInput) -> PurchaseOrder:
    order, _vendor, settings = documents.create(session, ctx, PURCHASE_ORDER, inp, defaults=_factory_defaults,
                                                client_notes_win=False)
    _number_when_saved(session, ctx, order, settings)
    session.flush()
    run_toggles(session, ctx, order, inp)
    return order


def update(session: Session, ctx: AuthContext, order: PurchaseOrder, inp: RequestInput) -> PurchaseOrder:
    vendor, _settings = documents.update(session, ctx, PURCHASE_ORDER, order, inp)
    documents.finish_update(session, ctx, PURCHASE_ORDER, order, vendor, inp)
    run_toggles(session, ctx, order, inp)
    return order


def run_toggles(session: Session, ctx: AuthContext, order: PurchaseOrder, inp: RequestInput) -> None:
    """Actions a create or update asks for in its query or body, in upstream's order."""
    from ninja_api.purchase_orders import actions

    if inp.flag("send_email"):
        actions.email(session, ctx, order)
    if inp.flag("mark_sent"):
        actions.mark_sent(session, ctx, order)
    documents.save_defaults(ctx, PURCHASE_ORDER, order, inp)
    session.flush()


def delete(session: Session, ctx: AuthContext, order: PurchaseOrder) -> None:
    from ninja_api.purchase_orders import actions

    actions.delete(session, ctx, order)
