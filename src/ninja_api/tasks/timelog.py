"""The task time log: `[[start, end, description, billable], ...]`, kept as a JSON string.

`end` 0 (or false) means the timer is still running. Validation follows upstream's request rules and
their messages; the overlap check looks only at the pairs upstream looks at.
"""

import json
import math

ATTRIBUTE = "time_log"


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def print_r(value, indent: int = 0) -> str:
    """PHP's print_r of a decoded JSON value, as upstream puts it into its message."""
    if isinstance(value, (list, dict)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        pad = " " * indent
        lines = [f"Array\n{pad}(\n"]
        for key, item in items:
            lines.append(f"{pad}    [{key}] => {print_r(item, indent + 8)}\n")
        lines.append(f"{pad})\n")
        return "".join(lines) + ("\n" if indent else "")
    if value is True:
        return "1"
    if value is False or value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)


def decode(value) -> list | None:
    """The log a request sent (a JSON string or an array); None when it is not an array."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, dict):
        # A JSON object decodes to a PHP array too; its values are the entries.
        return list(value.values())
    return value if isinstance(value, list) else None


def is_empty(value) -> bool:
    return value is None or value in ("[]", "{}", '[""]', [], {}) or value == ""


def _entry(item, index: int):
    if isinstance(item, list):
        return item[index] if len(item) > index else None
    if isinstance(item, dict):
        return item.get(str(index), item.get(index))
    if isinstance(item, str):
        return item[index] if len(item) > index else None
    return None


def error(value) -> str | None:
    """Upstream's message for a log it refuses, or None."""
    entries = decode(value)
    if entries is None:
        return f"The {ATTRIBUTE} must be a valid array."
    for item in entries:
        if not _is_int(_entry(item, 0)) or not _is_int(_entry(item, 1)):
            return f"The {ATTRIBUTE} - {print_r(item)} is invalid. Unix timestamps only."
    if not overlap_free([[_entry(i, 0), _entry(i, 1)] for i in entries]):
        return "Please correct overlapping values"
    return None


def overlap_free(log: list[list[int]]) -> bool:
    """Upstream's check: on the entries sorted by start it compares the earliest with its successor
    and checks the last one; the pairs in between are not looked at."""
    if not log:
        return True
    ordered = sorted(log, key=lambda e: e[0])
    first = ordered[0]
    if len(ordered) > 1 and first[1] == 0:
        return False
    if first[1] != 0 and first[0] > first[1]:
        return False
    if len(ordered) > 1 and ordered[1][0] < first[1]:
        return False
    last = ordered[-1]
    return not (last[1] != 0 and last[0] > last[1])


def parse_stored(time_log: str | None) -> list:
    """A stored log as a list; anything unreadable counts as empty."""
    if not time_log:
        return []
    try:
        value = json.loads(time_log)
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def encode(log: list) -> str:
    # PHP's json_encode: no spaces, slashes escaped.
    return json.dumps(log, separators=(",", ":"), ensure_ascii=False).replace("/", "\\/")


def ended(entry) -> bool:
    end = entry[1] if isinstance(entry, list) and len(entry) > 1 else 0
    return not (end is False or end is None or end == 0)


def round_end(start: int, end, round_up: bool, nearest: int):
    """The end time rounded to the settings' `task_round_to_nearest` seconds, up or down."""
    if nearest in (0, 1) or not _is_int(end) or end == 0 or not _is_int(start):
        return end
    interval = end - start
    if round_up:
        return start + math.ceil(interval / nearest) * nearest
    if interval <= nearest:
        return start
    return start + (interval // nearest) * nearest


def logged_seconds(time_log: str | list | None, now: int) -> int:
    """Seconds logged; a running entry counts until now."""
    log = time_log if isinstance(time_log, list) else parse_stored(time_log)
    total = 0
    for entry in log:
        if not isinstance(entry, list) or not entry:
            continue
        start = entry[0] if _is_int(entry[0]) else 0
        end = entry[1] if len(entry) > 1 and _is_int(entry[1]) and entry[1] else now
        total += max(end - start, 0)
    return total
