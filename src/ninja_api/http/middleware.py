"""ASGI middleware: CORS as upstream sends it, and Laravel's method override."""

import re
from urllib.parse import parse_qsl

from ninja_api.settings import MINIMUM_CLIENT_VERSION, get_settings

ALLOW_HEADERS = (
    "X-React,X-API-PASSWORD-BASE64,X-API-COMPANY-KEY,X-API-SECRET,X-API-TOKEN,X-API-PASSWORD,DNT,"
    "User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Content-Disposition,"
    "Range,X-CSRF-TOKEN,X-XSRF-TOKEN,X-LIVEWIRE"
)
PREFLIGHT_ALLOW_HEADERS = ALLOW_HEADERS + ",X-CLIENT-PLATFORM,X-CLIENT-VERSION"
EXPOSE_HEADERS = "X-APP-VERSION,X-MINIMUM-CLIENT-VERSION,Content-Disposition"
OVERRIDABLE = {"PUT", "PATCH", "DELETE"}
_MULTIPART_METHOD = re.compile(
    rb'content-disposition:\s*form-data;\s*name="_method"\r\n\r\n([A-Za-z]+)\r\n', re.IGNORECASE
)


def _cors_headers(preflight: bool) -> list[tuple[bytes, bytes]]:
    return [
        (b"access-control-allow-origin", b"*"),
        (b"access-control-allow-methods", b"GET, POST, PUT, DELETE, OPTIONS"),
        (b"access-control-allow-headers", (PREFLIGHT_ALLOW_HEADERS if preflight else ALLOW_HEADERS).encode()),
        (b"access-control-expose-headers", EXPOSE_HEADERS.encode()),
        (b"x-app-version", get_settings().app_version.encode()),
        (b"x-minimum-client-version", MINIMUM_CLIENT_VERSION.encode()),
    ]


class CorsMiddleware:
    """Every response carries the CORS headers; any OPTIONS request is answered 200 `OK`."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["method"] == "OPTIONS":
            headers = _cors_headers(True) + [(b"content-type", b"text/plain; charset=utf-8")]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": b"OK"})
            return

        async def send_with_cors(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in _cors_headers(False) if h[0] not in names]
                message = dict(message, headers=list(message.get("headers", [])) + extra)
            await send(message)

        await self.app(scope, receive, send_with_cors)


class MethodOverrideMiddleware:
    """A POST carrying `_method` (query, form or multipart body) or X-HTTP-Method-Override is
    routed as that method: PHP clients upload with POST multipart `_method=PUT`."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)

        method = None
        for key, value in parse_qsl(scope.get("query_string", b"").decode("latin-1")):
            if key == "_method":
                method = value
        for name, value in scope.get("headers", []):
            if name.lower() == b"x-http-method-override":
                method = value.decode("latin-1")

        content_type = b""
        for name, value in scope.get("headers", []):
            if name.lower() == b"content-type":
                content_type = value.lower()
        is_form = content_type.startswith((b"application/x-www-form-urlencoded", b"multipart/form-data"))
        if is_form:
            body, messages = await _drain(receive)
            if content_type.startswith(b"application/x-www-form-urlencoded"):
                for key, value in parse_qsl(body.decode("utf-8", "replace")):
                    if key == "_method":
                        method = value
            else:
                found = _MULTIPART_METHOD.search(body)
                if found:
                    method = found.group(1).decode()
            receive = _replay(messages, receive)

        if method and method.upper() in OVERRIDABLE:
            scope = dict(scope, method=method.upper())
        await self.app(scope, receive, send)


async def _drain(receive):
    messages, chunks = [], []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] == "http.request":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        else:
            break
    return b"".join(chunks), messages


def _replay(messages, original):
    pending = list(messages)

    async def receive():
        if pending:
            return pending.pop(0)
        return await original()

    return receive
