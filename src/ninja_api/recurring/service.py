"""Recurring document rules: blank, create, update and their toggles, on the shared document core.

Services never commit. Every function takes the `RecurringKind` it works for, so recurring
invoices and recurring quotes share every line.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.activities import service as activities
from ninja_api.billing import fields, invitations, repository
from ninja_api.billing import service as documents
from ninja_api.billing.settings import ClientSettings
from ninja_api.billing.totals import recalculate
from ninja_api.http.auth import AuthContext
from ninja_api.http.input import RequestInput
from ninja_api.http.validation import Errors, as_bool, as_decimal, as_int, as_text
from ninja_api.models.base import utcnow
from ninja_api.numbering import lock_company
from ninja_api.recurring import schedule
from ninja_api.recurring.kind import RecurringKind

BILLED_ALWAYS = ("always", "optout")
INT_MAX = 2_147_483_647


def blank(session: Session, ctx: AuthContext, kind: RecurringKind):
    """Upstream's factory: draft, monthly, endless, due on the payment terms, the company's auto_bill."""
    return kind.model(
        company_id=ctx.company_id, user_id=ctx.user_id, status_id=schedule.DRAFT, amount=Decimal(0),
        balance=Decimal(0), paid_to_date=Decimal(0), discount=Decimal(0), is_amount_discount=True, is_deleted=False,
        tax_rate1=Decimal(0), tax_rate2=Decimal(0), tax_rate3=Decimal(0), total_taxes=Decimal(0), partial=Decimal(0),
        line_items=[], uses_inclusive_taxes=False, frequency_id=5, remaining_cycles=schedule.ENDLESS,
        due_date_days="terms", auto_bill_enabled=False, is_proforma=False,
        auto_bill=str((ctx.company.settings or {}).get("auto_bill") or "off"),
        custom_surcharge_tax1=False, custom_surcharge_tax2=False, custom_surcharge_tax3=False,
        custom_surcharge_tax4=False,
    )


# --- request rules beyond the shared document ones -------------------------------------------


def _php_string(value) -> str | None:
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value if isinstance(value, str) else None


def check_frequency(errors: Errors, data: dict, *, required: bool) -> None:
    """`required|integer|digits_between:1,12`: both messages when both fail, as Laravel reports."""
    if "frequency_id" not in data or data["frequency_id"] is None:
        if required:
            errors.required("frequency_id")
        return
    value = data["frequency_id"]
    if as_int(value) is None:
        errors.must_be("frequency_id", "an integer")
    digits = _php_string(value)
    if digits is None or not (digits.isascii() and digits.isdigit()) or not 1 <= len(digits) <= 12:
        errors.add("frequency_id", "The frequency id must be between 1 and 12 digits.")
    elif int(digits) > INT_MAX:
        # Ours: twelve digits pass upstream's rule and overflow the integer column.
        errors.add("frequency_id", f"The frequency id must not be greater than {INT_MAX}.")


def parse_day(value) -> datetime | None:
    """A date, or a date and time, as clients send `next_send_date` (Y-m-d, ISO 8601)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if len(text) <= 10:
            return datetime.combine(date.fromisoformat(text), time())
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


def _check_next_send_date(errors: Errors, data: dict, now: datetime) -> None:
    """`bail|required|date|after:yesterday` (yesterday: the server's, in UTC, as upstream)."""
    moment = parse_day(data.get("next_send_date"))
    if moment is None:
        errors.add("next_send_date", "The next send date is not a valid date.")
    elif moment <= datetime.combine(now.date() - timedelta(days=1), time()):
        errors.add("next_send_date", "The next send date must be a date after yesterday.")


def _check_own(errors: Errors, data: dict, now: datetime, *, creating: bool) -> None:
    check_frequency(errors, data, required=creating)
    if creating and data.get("due_date_days") is not None and not isinstance(data["due_date_days"], str):
        errors.add("due_date_days", "The due date days must be a string.")
    _check_next_send_date(errors, data, now)
    # Upstream writes these to integer and string columns unchecked (a database error); we answer 422.
    if data.get("remaining_cycles") is not None and as_int(data["remaining_cycles"]) is None:
        errors.must_be("remaining_cycles", "an integer")
    if data.get("auto_bill") is not None and not isinstance(data["auto_bill"], str):
        errors.must_be("auto_bill", "a string")


def _prepare(data: dict, now: datetime) -> None:
    """What upstream's requests do to the input before validating it."""
    if "due_date_days" in data and data["due_date_days"] is None:
        data["due_date_days"] = "terms"
    if data.get("next_send_date") is None:
        data["next_send_date"] = now.date().isoformat()
    if isinstance(data.get("next_send_date"), str):
        data["next_send_date_client"] = data["next_send_date"]
    if isinstance(data.get("auto_bill"), str):
        data["auto_bill_enabled"] = data["auto_bill"] in BILLED_ALWAYS


def _fill_schedule(doc, data: dict) -> None:
    if data.get("frequency_id") is not None:
        doc.frequency_id = as_int(data["frequency_id"])
    if "remaining_cycles" in data:
        doc.remaining_cycles = as_int(data["remaining_cycles"]) if data["remaining_cycles"] is not None else None
    if "due_date_days" in data:
        doc.due_date_days = as_text(data["due_date_days"])
    if isinstance(data.get("auto_bill"), str):
        doc.auto_bill = data["auto_bill"]
    if data.get("auto_bill_enabled") is not None:
        doc.auto_bill_enabled = bool(as_bool(data["auto_bill_enabled"]))
    moment = parse_day(data.get("next_send_date_client"))
    if moment is not None:
        doc.next_send_date_client = datetime.combine(moment.date(), time())


def normalise_send_moment(doc, settings: ClientSettings) -> None:
    """After every save: the UTC moment from the client's day and send time."""
    day = schedule.client_day(doc)
    if day is not None:
        doc.next_send_date = schedule.send_moment(settings, day)


# --- create and update ------------------------------------------------------------------------


def create(session: Session, ctx: AuthContext, kind: RecurringKind, inp: RequestInput):
    data, now, document = inp.data, utcnow(), kind.document
    _prepare(data, now)
    lock_company(session, ctx.company)
    errors = fields.validate(session, ctx, document, data, None, deleted_clients=True)
    _check_own(errors, data, now, creating=True)
    errors.raise_if_any()
    client = repository.client_in_company(session, ctx.company_id, ids.decode(data["client_id"]))
    settings = ClientSettings(session, ctx.company, client)
    if not isinstance(data.get("auto_bill"), str):
        data["auto_bill"] = str(settings.get("auto_bill", "off") or "off")
        data["auto_bill_enabled"] = data["auto_bill"] in BILLED_ALWAYS
    doc = blank(session, ctx, kind)
    doc.client_id = client.id
    doc.uses_inclusive_taxes = settings.flag("inclusive_taxes")
    fields.fill(document, doc, fields.writable(session, ctx, document, data))
    _fill_schedule(doc, data)
    # Upstream's company defaults for a recurring entity: there are no recurring terms or footer
    # settings, the client's public notes win, and the exchange rate follows the currencies.
    if client.public_notes:
        doc.public_notes = client.public_notes
    doc.exchange_rate = settings.exchange_rate()
    for name, value in documents.surcharge_taxes(ctx).items():
        setattr(doc, name, value)
    if not doc.design_id:
        doc.design_id = ids.decode(settings.get(kind.design_setting, "Wpmbk5ezJn"))
    recalculate(doc, settings, balance_follows_amount=True)
    doc.status_id = schedule.calculated_status(doc, now, new=True)
    session.add(doc)
    session.flush()
    invitations.sync(session, ctx, document, doc, documents.sent_invitations(data))
    documents.apply_number(session, ctx, document, doc, client, settings)
    activities.record(session, ctx, document.activities.create, client_id=client.id, **{document.parent_key: doc.id})
    run_toggles(session, ctx, kind, doc, inp, settings)
    session.flush()
    return doc


def update(session: Session, ctx: AuthContext, kind: RecurringKind, doc, inp: RequestInput):
    data, now, document = inp.data, utcnow(), kind.document
    _prepare(data, now)
    # Upstream's update quirk: an exchange rate left out (or 0) is reset to 1.
    if data.get("exchange_rate") is None or as_decimal(data["exchange_rate"]) == 0:
        data["exchange_rate"] = "1"
    errors = fields.validate(session, ctx, document, data, doc)
    _check_own(errors, data, now, creating=False)
    errors.raise_if_any()
    client, settings = documents.update(session, ctx, document, doc, inp)
    _fill_schedule(doc, data)
    doc.status_id = schedule.calculated_status(doc, now, new=False)
    documents.finish_update(session, ctx, document, doc, client, inp)
    run_toggles(session, ctx, kind, doc, inp, settings)
    session.flush()
    return doc


def has_generated(session: Session, kind: RecurringKind, doc) -> bool:
    """Whether any document (archived and deleted ones too) came from this recurring one."""
    target = kind.target.model
    found = select(target.id).where(target.recurring_id == doc.id, target.company_id == doc.company_id).limit(1)
    return session.scalar(found) is not None


def run_toggles(session: Session, ctx: AuthContext, kind: RecurringKind, doc, inp: RequestInput,
                settings: ClientSettings) -> None:
    """`?start=true`, `?stop=true`, `?send_now=true` (only before anything was generated), then the
    send moment is worked out again from the client's day."""
    from ninja_api.recurring import actions

    if inp.flag("start"):
        actions.start(session, ctx, kind, doc)
    if inp.flag("stop"):
        actions.stop(session, ctx, kind, doc)
    if inp.flag("send_now") and not has_generated(session, kind, doc):
        actions.send_now(session, ctx, kind, doc)
        return
    normalise_send_moment(doc, settings)


def delete(session: Session, ctx: AuthContext, kind: RecurringKind, doc) -> None:
    from ninja_api.recurring import actions

    actions.delete(session, ctx, kind, doc)
