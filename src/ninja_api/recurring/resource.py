"""A recurring entity as the shared machinery sees it: upstream's RecurringInvoiceFilters, sorts and bulk."""

import json
from decimal import Decimal

from sqlalchemy import Select, String, Text, cast, exists, literal_column, or_, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from ninja_api.billing.resource import document_resource
from ninja_api.billing.settings import settings_by_client
from ninja_api.http.auth import AuthContext
from ninja_api.http.envelope import message
from ninja_api.http.errors import ValidationFailed
from ninja_api.http.listing import ilike, like, parse_moment, status_words
from ninja_api.http.lookup import can
from ninja_api.http.resource import Resource
from ninja_api.http.validation import as_decimal
from ninja_api.models import Client, ClientContact
from ninja_api.models.base import utcnow
from ninja_api.subscriptions.links import set_payment_link
from ninja_api.recurring import actions, schedule
from ninja_api.recurring.kind import RecurringKind
from ninja_api.recurring.schemas import serializer

# The document filters upstream's RecurringInvoiceFilters does not have.
NOT_OFFERED = ("status_id", "private_notes", "date", "due_date", "date_range", "due_date_range")
_NOTHING = literal_column("1") == 0


class money_text(FunctionElement):
    """A money column as the text a LIKE search sees ("100.000000"), alike on every backend."""

    type = String()
    inherit_cache = True


@compiles(money_text)
def _money_text_sqlite(element, compiler, **kw):
    # SQLite keeps money as integer millionths (see models.types.Money).
    arg = compiler.process(element.clauses, **kw)
    return f"printf('%d.%06d', {arg} / 1000000, abs({arg}) % 1000000)"


@compiles(money_text, "postgresql")
def _money_text_pg(element, compiler, **kw):
    return f"CAST({compiler.process(element.clauses, **kw)} AS TEXT)"


@compiles(money_text, "mysql")
@compiles(money_text, "mariadb")
def _money_text_mysql(element, compiler, **kw):
    return f"CAST({compiler.process(element.clauses, **kw)} AS CHAR)"


def _search(model):
    """`filter=`: date, amount, number, custom values, the client's name, its contacts, line notes."""

    def apply(query: Select, value, ctx) -> Select:
        if not value:
            return query
        pattern = like(value)
        own = [cast(model.date, String).like(pattern, escape="\\"), money_text(model.amount).like(pattern, escape="\\")]
        own += [ilike(getattr(model, c), value) for c in ("number", "custom_value1", "custom_value2", "custom_value3",
                                                          "custom_value4")]
        client = exists().where(Client.id == model.client_id, ilike(Client.name, value))
        contact = exists().where(
            ClientContact.client_id == model.client_id,
            or_(*[ilike(getattr(ClientContact, c), value) for c in ("first_name", "last_name", "email")]),
        )
        return query.where(or_(*own, client, contact, ilike(type_coerce(model.line_items, Text), value)))

    return apply


def _client_status(model):
    def apply(query: Select, value, ctx) -> Select:
        words = status_words(value)
        if words is None:
            return query
        clauses = [model.status_id == status for word, status in (
            ("draft", schedule.DRAFT), ("active", schedule.ACTIVE), ("paused", schedule.PAUSED),
            ("completed", schedule.COMPLETED)) if word in words]
        if "pending" in words:
            # Not stored: active with the next send still ahead (upstream's status accessor).
            clauses.append((model.status_id == schedule.ACTIVE) & (model.next_send_date > utcnow()))
        return query.where(or_(*clauses)) if clauses else query

    return apply


def _product_key(model):
    def apply(query: Select, value, ctx) -> Select:
        if not value:
            return query
        # Any line whose product_key is exactly one of the keys (stored JSON is compact and ASCII).
        keys = value.split(",")
        stored = type_coerce(model.line_items, Text)  # the JSON as text, not a value to encode
        return query.where(or_(*[stored.like(like(f'"product_key":{json.dumps(k)}'), escape="\\") for k in keys]))

    return apply


def _next_send_between(model):
    def apply(query: Select, value, ctx) -> Select:
        if not value or "|" not in value:
            return query
        start, end = (parse_moment(part) for part in value.split("|")[:2])
        if start is None or end is None:
            return query
        return query.where(model.next_send_date.between(start, end))

    return apply


def _frequency_ids(model):
    def apply(query: Select, value, ctx) -> Select:
        if not value:
            return query
        wanted = [int(v) for v in value.split(",") if v.strip().lstrip("-").isdigit()]
        return query.where(model.frequency_id.in_(wanted)) if wanted else query.where(_NOTHING)

    return apply


def _sorts(model) -> dict:
    return {
        "status_id": lambda: (model.status_id, model.last_sent_date),
        "next_send_datetime": lambda: model.next_send_date,
    }


def _prepare(kind: RecurringKind):
    """Upcoming dates for a page, when shown: with the clients' settings loaded once."""

    def prepare(session, rows, ctx: AuthContext) -> None:
        if kind.dates_on_request and ctx.query.get("show_dates") != "true":
            return
        clients = {c.id: c for c in session.scalars(select(Client).where(Client.id.in_({r.client_id for r in rows})))}
        by_client = settings_by_client(session, ctx.company, clients)
        for row in rows:
            if row.client_id in by_client:
                row.listed_dates = schedule.listed_dates(row, by_client[row.client_id])

    return prepare


def _percentage(inp) -> Decimal:
    """`percentage_increase`: required for increase_prices, a number from 0 to 100."""
    raw = inp.get("percentage_increase")
    if raw is None:
        raise ValidationFailed({"percentage_increase": [
            "The percentage increase field is required when action is increase_prices."]})
    value = as_decimal(raw)
    if value is None:
        raise ValidationFailed({"percentage_increase": ["The percentage increase must be a number."]})
    if value < 0:
        raise ValidationFailed({"percentage_increase": ["The percentage increase must be at least 0."]})
    if value > 100:
        raise ValidationFailed({"percentage_increase": ["The percentage increase must not be greater than 100."]})
    return value


def _repricing(kind: RecurringKind, resource: Resource, action: str):
    """increase_prices / update_prices on every row the user may edit, answered with upstream's
    message (upstream queues the work and answers at once; here it is done before the answer)."""

    def run(session, ctx, rows, inp):
        percentage = _percentage(inp) if action == "increase_prices" else None
        for row in rows:
            if not can(ctx, resource, row, "edit"):
                continue
            if percentage is not None:
                actions.increase_prices(session, ctx, kind, row, percentage)
            else:
                actions.update_prices(session, ctx, kind, row)
        session.flush()
        return message("Update in progress.")

    return run


def recurring_resource(kind: RecurringKind) -> Resource:
    model = kind.model
    resource = document_resource(
        kind.document,
        serializer(kind),
        prepare=_prepare(kind),
        omit_filters=NOT_OFFERED,
        filters={
            "filter": _search(model),
            "client_status": _client_status(model),
            "product_key": _product_key(model),
            "next_send_between": _next_send_between(model),
            "frequency_id": _frequency_ids(model),
        },
        sorts=_sorts(model),
        silent_relations=frozenset({"company", "user", "assigned_user", "project", "vendor", "history", "invoices",
                                    "subscription", "location"}),
        actions={
            "archive": lambda s, ctx, row, inp: actions.archive(s, ctx, kind, row),
            "restore": lambda s, ctx, row, inp: actions.restore(s, ctx, kind, row),
            "delete": lambda s, ctx, row, inp: actions.delete(s, ctx, kind, row),
            "start": lambda s, ctx, row, inp: actions.start(s, ctx, kind, row),
            "stop": lambda s, ctx, row, inp: actions.stop(s, ctx, kind, row),
            "send_now": lambda s, ctx, row, inp: actions.send_now(s, ctx, kind, row),
            "set_payment_link": set_payment_link,
        },
        strict_ids=True,
        action_required=False,
    )
    resource.set_actions = {name: _repricing(kind, resource, name) for name in ("increase_prices", "update_prices")}
    return resource
