"""Hashed ids: the only place integers become public strings and back.

The salt is process configuration (HASH_SALT), set once by `configure` when the app starts.
"""

from functools import lru_cache

from hashids import Hashids

MIN_LENGTH = 10

_hashids = Hashids(salt="", min_length=MIN_LENGTH)


def configure(salt: str) -> None:
    global _hashids
    _hashids = Hashids(salt=salt, min_length=MIN_LENGTH)
    _encoded.cache_clear()
    _decoded.cache_clear()


# Hashing costs ~50 µs a number and a page repeats the same few ids (its user, its company's rows):
# both directions are remembered, per salt (configure forgets them).
@lru_cache(maxsize=65536)
def _encoded(value: int) -> str:
    return _hashids.encode(value)


@lru_cache(maxsize=65536)
def _decoded(value: str) -> int | None:
    try:
        numbers = _hashids.decode(value)
    except Exception:  # characters outside the alphabet
        return None
    return int(numbers[0]) if numbers else None


def encode(value: int | None) -> str:
    # A missing relation renders as "" upstream, never as the hash of 0.
    if value is None:
        return ""
    return _encoded(int(value))


def decode(value: object) -> int | None:
    """First number of the decoded tuple, or None for anything that is not a hash."""
    if not isinstance(value, str) or not value or len(value) > 64:
        return None
    return _decoded(value)
