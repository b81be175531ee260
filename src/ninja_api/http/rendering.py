"""Row values to upstream JSON values. Floats appear here and nowhere else."""

import json
from datetime import date, datetime, timezone
from decimal import Decimal

from fastapi import Response

from ninja_api import ids
from ninja_api.settings import MINIMUM_CLIENT_VERSION, get_settings


def text(value) -> str:
    return "" if value is None else str(value)


def hashed(value: int | None) -> str:
    return ids.encode(value)


def code(value: int | None) -> str:
    """Numeric enums and static ids (status_id, country_id...) render as strings, '' when unset."""
    return "" if value is None else str(value)


def unix(value: datetime | None) -> int:
    if value is None:
        return 0
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return int(value.timestamp())


def ymd(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%Y-%m-%d")


def money(value: Decimal | int | None) -> int | float:
    """PHP prints whole floats without a fraction (10.0 as 10); others shortest round-trip."""
    if value is None:
        return 0
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def obj(value) -> dict | list:
    if value is None or value == [] or value == "":
        return {}
    return value


def declares(schema: dict | None = None, **fields: dict):
    """What the code cannot show, stated next to it and checked against its output by the tests:
    a function's whole schema (it loops over a table), or single keys (a catalogue's raw value)."""

    def mark(fn):
        if schema is not None:
            fn.json_schema = schema
        fn.json_fields = fields
        return fn

    return mark


def _default(value):
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, datetime):
        return unix(value)
    if isinstance(value, date):
        return ymd(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(payload) -> bytes:
    return json.dumps(payload, default=_default, separators=(",", ":")).encode()


class ApiResponse(Response):
    media_type = "application/json"

    def __init__(self, content, status_code: int = 200, headers: dict | None = None) -> None:
        merged = {
            "X-Api-Version": MINIMUM_CLIENT_VERSION,
            "X-App-Version": get_settings().app_version,
        }
        merged.update(headers or {})
        super().__init__(content=content, status_code=status_code, headers=merged)

    def render(self, content) -> bytes:
        return dumps(content)
