"""Entity numbers from the settings counters and patterns, unique per company.

The counters live on the company row, so drawing a number locks it. A service that will draw one
takes the lock first (`lock_company`), before it inserts anything: inserts take shared locks on
the company through foreign keys, and taking the row lock after them deadlocks two concurrent
creates. Queued on the lock, concurrent creates get consecutive numbers with no gap. SQLite
serialises writers anyway.
"""

import random
import re
import string
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api.cascade import resolve
from ninja_api.models import Client, Company, GroupSetting
from ninja_api.models.base import utcnow

MAX_TRIES = 100
_DATE = re.compile(r"\{\$date:([^}]*)\}")
_PHP_DATE = {
    "Y": "%Y", "y": "%y", "m": "%m", "n": "{month}", "d": "%d", "j": "{day}", "M": "%b", "F": "%B",
    "D": "%a", "l": "%A", "H": "%H", "i": "%M", "s": "%S",
}


def lock_company(session: Session, company: Company) -> Company:
    """Re-read the company row under a row lock so its counters are current."""
    return session.scalars(
        select(Company).where(Company.id == company.id).with_for_update().execution_options(populate_existing=True)
    ).one()


def _php_date(fmt: str, now: datetime) -> str:
    out = []
    for ch in fmt:
        spec = _PHP_DATE.get(ch)
        if spec is None:
            out.append(ch)
        else:
            out.append(now.strftime(spec) if "%" in spec else spec.format(month=now.month, day=now.day))
    return "".join(out)


def format_number(pattern: str, counter: int, padding: int, values: dict[str, str], now: datetime) -> str:
    padded = str(counter).zfill(padding)
    if not pattern:
        return padded
    result = pattern
    for name in ("{$counter}", "{$client_counter}", "{$clientCounter}", "{$group_counter}", "{$groupCounter}"):
        result = result.replace(name, padded)
    result = result.replace("{$year}", now.strftime("%Y"))
    match = _DATE.search(result)
    if match:
        result = result[: match.start()] + _php_date(match.group(1), now) + result[match.end():]
    for name, value in values.items():
        result = result.replace("{$" + name + "}", value)
    return result


def _pattern_values(client: Client | None, user_id: int | None) -> dict[str, str]:
    values = {"user_id": str(user_id or "").zfill(2), "userId": str(user_id or "").zfill(2)}
    if client is not None:
        values.update(
            {
                "client_number": client.number or "",
                "client_id_number": client.id_number or client.number or "",
                "clientIdNumber": client.id_number or client.number or "",
            }
        )
        for i in range(1, 5):
            custom = getattr(client, f"custom_value{i}") or ""
            values[f"client_custom{i}"] = custom
            values[f"clientCustom{i}"] = custom
    return values


def _taken(session: Session, model, company_id: int, number: str) -> bool:
    # Archived and deleted rows keep their numbers, so they count.
    return session.scalar(
        select(model.id).where(model.company_id == company_id, model.number == number).limit(1)
    ) is not None


def next_number(
    session: Session,
    company: Company,
    entity: str,
    model,
    *,
    client: Client | None = None,
    group: GroupSetting | None = None,
    user_id: int | None = None,
    counter_entity: str | None = None,
    append_counter: bool = False,
    prefix: str = "",
) -> str:
    """Draw the next free number for `entity` (e.g. "client", "invoice") and advance its counter.

    `prefix` goes before the formatted number and counts when checking it is free."""
    company = lock_company(session, company)
    pattern = str(resolve(f"{entity}_number_pattern", company, group, client) or "")
    if append_counter and pattern and "counter" not in pattern.lower():
        pattern += "{$counter}"
    padding = int(resolve("counter_padding", company, group, client, 4) or 4)
    counter_key = f"{counter_entity or entity}_number_counter"

    # Which settings object owns the counter depends on the pattern.
    if client is not None and ("client_counter" in pattern or "clientCounter" in pattern):
        owner = client
    elif group is not None and ("group_counter" in pattern or "groupCounter" in pattern):
        owner = group
    else:
        owner = company
    counter = int((owner.settings or {}).get(counter_key) or 1)

    now = utcnow()
    values = _pattern_values(client, user_id)
    number = prefix + format_number(pattern, counter, padding, values, now)
    tries = 0
    while _taken(session, model, company.id, number):
        tries += 1
        if tries >= MAX_TRIES:
            number = number + "_" + "".join(random.choices(string.ascii_letters + string.digits, k=5))
            break
        counter += 1
        number = prefix + format_number(pattern, counter, padding, values, now)

    settings = dict(owner.settings or {})
    settings[counter_key] = counter + 1
    owner.settings = settings
    return number
