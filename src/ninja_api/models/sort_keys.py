"""Sort keys stored beside the column they order, so a list sorts by an index instead of computing
an expression for every row of the company."""

import re

_NOT_DIGITS = re.compile(r"[^0-9]+")


def digits_key(number: str | None) -> str | None:
    """Upstream's numeric `number` sort (`REGEXP_REPLACE(number, '[^0-9]+', '') + 0`) as text that
    orders the same way: the digits without leading zeros, after their count ("INV-0042" → "00242").
    No digits count as 0, as MySQL's `'' + 0`; a number of any length keeps its exact order."""
    if number is None:
        return None
    digits = _NOT_DIGITS.sub("", number).lstrip("0")
    return f"{len(digits):03d}{digits}"
