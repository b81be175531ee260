"""Hashed ids: the only place integers become public strings and back.

The salt is process configuration (HASH_SALT), set once by `configure` when the app starts.
"""

from hashids import Hashids

MIN_LENGTH = 10

_hashids = Hashids(salt="", min_length=MIN_LENGTH)


def configure(salt: str) -> None:
    global _hashids
    _hashids = Hashids(salt=salt, min_length=MIN_LENGTH)


def encode(value: int | None) -> str:
    # A missing relation renders as "" upstream, never as the hash of 0.
    if value is None:
        return ""
    return _hashids.encode(int(value))


def decode(value: object) -> int | None:
    """First number of the decoded tuple, or None for anything that is not a hash."""
    if not isinstance(value, str) or not value:
        return None
    try:
        numbers = _hashids.decode(value)
    except Exception:  # characters outside the alphabet
        return None
    if not numbers:
        return None
    return int(numbers[0])
