"""Laravel's validation messages, and coercion of loosely typed input (forms send strings)."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from ninja_api import ids
from ninja_api.http.errors import ValidationFailed

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_INTEGER = re.compile(r"^[+-]?\d+$")


def attribute(field: str) -> str:
    return field.replace("_", " ")


class Errors:
    def __init__(self) -> None:
        self.bag: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.bag.setdefault(field, []).append(message)

    def required(self, field: str) -> None:
        self.add(field, f"The {attribute(field)} field is required.")

    def invalid_choice(self, field: str) -> None:
        self.add(field, f"The selected {attribute(field)} is invalid.")

    def taken(self, field: str) -> None:
        self.add(field, f"The {attribute(field)} has already been taken.")

    def must_be(self, field: str, what: str) -> None:
        self.add(field, f"The {attribute(field)} must be {what}.")

    def __bool__(self) -> bool:
        return bool(self.bag)

    def raise_if_any(self) -> None:
        if self.bag:
            raise ValidationFailed(self.bag)


def as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float, Decimal, str)):
        return str(value)
    return None


def as_int(value) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INTEGER.match(value.strip()):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def as_bool(value) -> bool | None:
    """Laravel's boolean rule: true, false, 1, 0, "1", "0" (and we also take "true"/"false")."""
    if isinstance(value, bool):
        return value
    if value in (1, "1", "true"):
        return True
    if value in (0, "0", "false"):
        return False
    return None


def as_decimal(value) -> Decimal | None:
    """Numbers and numeric strings ("125.5", as the Go SDK sends) without passing through float."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    if "_" in text:  # Python reads "1_000" as a number; PHP and every client do not
        return None
    try:
        result = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def is_email(value) -> bool:
    return isinstance(value, str) and len(value) <= 255 and bool(_EMAIL.match(value))


def as_hashed_id(value) -> int | None:
    return ids.decode(value) if isinstance(value, str) else None


def as_date(value) -> date | None:
    """A `Y-m-d` date (anything after the tenth character, such as a time, is ignored)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
