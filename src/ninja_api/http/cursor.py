"""Keyset pages: `cursor=` walks a list by id, `updated_since=` by (updated_at, id).

Offsets skip a row when one before it is deleted and repeat one when a row is inserted before it;
a position in a fixed order does neither. Rows are created with ascending ids, so new ones fall
after every position already handed out; a change to a row moves it past every position in the
(updated_at, id) order, so a sync that keeps following `next_cursor` sees each change once, after
it happened. The token is opaque to clients (base64 of a small JSON array) and says which walk it
belongs to, so a cursor of one kind cannot be replayed as the other.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, or_

from ninja_api.http import listing
from ninja_api.http.errors import ApiError

BY_ID = "i"
BY_UPDATE = "u"


@dataclass(frozen=True)
class Position:
    walk: str
    # The last row handed out; None before the first page.
    updated_at: datetime | None = None
    id: int | None = None


def _invalid(name: str) -> ApiError:
    return ApiError(400, {"message": f"The {name} is not valid."})


def encode(position: Position) -> str:
    key: list = [position.walk, position.id]
    if position.walk == BY_UPDATE:
        key.append(position.updated_at.isoformat(timespec="microseconds"))
    raw = json.dumps(key, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str) -> Position:
    try:
        key = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        walk, last_id = key[0], key[1]
        if walk not in (BY_ID, BY_UPDATE) or not isinstance(last_id, int) or isinstance(last_id, bool):
            raise ValueError
        if walk == BY_ID:
            if len(key) != 2:
                raise ValueError
            return Position(BY_ID, None, last_id)
        if len(key) != 3 or not isinstance(key[2], str):
            raise ValueError
        return Position(BY_UPDATE, datetime.fromisoformat(key[2]), last_id)
    except (ValueError, TypeError, IndexError, KeyError, binascii.Error, UnicodeDecodeError):
        raise _invalid("cursor") from None


def requested(data: dict) -> Position | None:
    """The position a request asks for; None when it pages by number."""
    if "cursor" not in data and "updated_since" not in data:
        return None
    # An empty `cursor=` arrives as None (empty strings become null, as upstream's input does).
    token, since = data.get("cursor"), data.get("updated_since")
    if token is not None and not isinstance(token, str) or since is not None and not isinstance(since, str):
        raise _invalid("cursor")
    if token:
        return decode(token)
    if since is None:
        return Position(BY_ID)
    moment = listing.parse_moment(since)
    if moment is None:
        raise _invalid("updated_since")
    # Nothing has id 0: this position sits just before every row updated at `moment`.
    return Position(BY_UPDATE, moment, 0)


def walk(model, query: Select, position: Position, sort) -> Select:
    """The rows after `position`, in the walk's order."""
    if sort:
        raise ApiError(400, {"message": "A cursor walks the list in its own order: leave sort out."})
    query = query.order_by(None)
    if position.walk == BY_ID:
        if position.id is not None:
            query = query.where(model.id > position.id)
        return query.order_by(model.id.asc())
    stamp = model.updated_at
    # The first term bounds an index range; the second leaves out what the last page already had.
    query = query.where(stamp >= position.updated_at,
                        or_(stamp > position.updated_at, and_(stamp == position.updated_at, model.id > position.id)))
    return query.order_by(stamp.asc(), model.id.asc())


def after(position: Position, rows: list) -> Position:
    """The position past the last row of a page (the same one when the page is empty)."""
    if not rows:
        return position
    last = rows[-1]
    return Position(position.walk, last.updated_at if position.walk == BY_UPDATE else None, last.id)
