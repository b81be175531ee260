"""Random keys and password hashes, compatible with upstream's bcrypt ($2y$) hashes."""

import secrets
import string

import bcrypt

_ALNUM = string.ascii_letters + string.digits


def random_key(length: int) -> str:
    return "".join(secrets.choice(_ALNUM) for _ in range(length))


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=10)).decode()


def check_password(password: str, hashed: str | None) -> bool:
    if not hashed:
        return False
    # Laravel writes $2y$; the bcrypt library reads the identical $2b$ variant.
    candidate = hashed.replace("$2y$", "$2b$", 1).encode()
    try:
        return bcrypt.checkpw(password.encode(), candidate)
    except ValueError:
        return False
