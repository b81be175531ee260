"""Fees and limits per gateway type: upstream's check of each value and the object it then stores.

`fees_and_limits` maps a gateway type id to one entry. Upstream checks each entry's values against
its casts (floats always pass, being converted first), then stores every entry as a full set of
fees and limits: its defaults, overwritten by the sent values cast to their types.
"""

import re
from decimal import Decimal, InvalidOperation

from ninja_api.http.rendering import money

# The casts in upstream's order: the order values are checked in.
CASTS = {
    "is_enabled": "bool",
    "gateway_type_id": "int",
    "min_limit": "float",
    "max_limit": "float",
    "fee_amount": "float",
    "fee_percent": "float",
    "fee_tax_name1": "string",
    "fee_tax_name2": "string",
    "fee_tax_name3": "string",
    "fee_tax_rate1": "float",
    "fee_tax_rate2": "float",
    "fee_tax_rate3": "float",
    "fee_cap": "float",
    "adjust_fee_percent": "bool",
}
# A stored entry's keys and defaults, in order (-1: no limit). A sent gateway_type_id comes last.
DEFAULTS = {
    "min_limit": -1, "max_limit": -1, "fee_amount": 0, "fee_percent": 0,
    "fee_tax_name1": "", "fee_tax_name2": "", "fee_tax_name3": "",
    "fee_tax_rate1": 0, "fee_tax_rate2": 0, "fee_tax_rate3": 0, "fee_cap": 0,
    "adjust_fee_percent": False, "is_enabled": True,
}
_TRUE_WORDS = {"1", "true", "on", "yes"}
_LEADING_NUMBER = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_LEADING_INTEGER = re.compile(r"^\s*[+-]?\d+")


def entries(value) -> list | None:
    """The entries of a sent fees_and_limits, or None when it is not a map or list of objects."""
    found = list(value.values()) if isinstance(value, dict) else value if isinstance(value, list) else None
    if found is None or any(not isinstance(entry, dict) for entry in found):
        return None
    return found


def _passes(kind: str, value) -> bool:
    if kind == "int":
        if isinstance(value, float):
            value = money(Decimal(str(value)))
        text = "1" if value is True else str(value) if isinstance(value, (int, str)) else None
        return text is not None and text.isdigit() and text.isascii()
    if kind == "string":
        return isinstance(value, str)
    if kind == "bool":
        if isinstance(value, bool):
            return True
        if isinstance(value, (int, float)):
            return value == 1
        return isinstance(value, str) and value.strip().lower() in _TRUE_WORDS
    return True  # floats were converted first


def problem(value) -> str | None:
    """Upstream's message for the first value of the wrong type, e.g. `is_enabled is not a valid bool`."""
    for entry in entries(value) or []:
        for key, kind in CASTS.items():
            if kind == "float" or key not in entry:
                continue
            sent = entry[key]
            if sent is None or sent == "" or sent is False:  # unset or blank: not checked
                continue
            if not _passes(kind, sent):
                return f"{key} is not a valid {kind}"
    return None


def _decimal(value) -> Decimal:
    """PHP's (float) cast, kept exact: a number, or the number a string starts with (else 0)."""
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    if isinstance(value, str):
        match = _LEADING_NUMBER.match(value)
        if match:
            try:
                return Decimal(match.group(0).strip())
            except InvalidOperation:
                return Decimal(0)
        return Decimal(0)
    if isinstance(value, (dict, list)):
        return Decimal(1 if value else 0)
    return Decimal(0)


def _cast(kind: str, value):
    if kind == "float":
        return money(_decimal(value))
    if kind == "bool":
        if isinstance(value, str):
            return value not in ("", "0")
        return bool(value)
    if kind == "string":
        if value is None or value is False:
            return ""
        if value is True:
            return "1"
        if isinstance(value, float):
            return str(money(Decimal(str(value))))
        return value if isinstance(value, str) else str(value)
    # int
    if isinstance(value, str):
        match = _LEADING_INTEGER.match(value)
        return int(match.group(0)) if match else 0
    if isinstance(value, (dict, list)):
        return 1 if value else 0
    return int(value or 0)


def cleaned(value) -> dict | list:
    """The entries as upstream stores them: every default, the sent values cast; unknown keys dropped."""

    def one(entry: dict) -> dict:
        stored = dict(DEFAULTS)
        for key, sent in entry.items():
            if key in CASTS:
                stored[key] = _cast(CASTS[key], sent)
        return stored

    if isinstance(value, dict):
        return {str(key): one(entry) for key, entry in value.items()}
    return [one(entry) for entry in value]
