"""`password_protected` routes: the caller re-confirms their password (412 otherwise)."""

import base64
import binascii
import time

from fastapi import Depends, Request

from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.errors import ApiError
from ninja_api.security import check_password


def _given_password(request: Request) -> str | None:
    plain = request.headers.get("x-api-password")
    if plain:
        return plain
    encoded = request.headers.get("x-api-password-base64")
    if encoded:
        try:
            return base64.b64decode(encoded).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
    return None


def require_password(request: Request, ctx: AuthContext = Depends(require_auth)) -> AuthContext:
    # user id -> monotonic deadline until which the password counts as recently confirmed
    confirmed_until = getattr(request.app.state, "password_confirmed", None)
    if confirmed_until is None:
        confirmed_until = request.app.state.password_confirmed = {}
    now = time.monotonic()
    given = _given_password(request)
    # A password that is sent is always checked, even while an earlier one still counts.
    recently = given is None and confirmed_until.get(ctx.user_id, 0) > now
    if recently or (given is not None and check_password(given, ctx.user.password)):
        timeout_ms = ctx.company.default_password_timeout or 0
        # Every pass extends the window; 0 means practically forever upstream.
        confirmed_until[ctx.user_id] = now + (timeout_ms / 1000 if timeout_ms else 10**9)
        return ctx
    raise ApiError(412, {"message": "Invalid Password", "errors": {}})
