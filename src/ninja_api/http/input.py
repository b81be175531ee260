"""The merged input bag upstream builds from query string and body.

JSON, form-urlencoded and multipart bodies all end up as one dict; PHP bracket keys
(`contacts[0][email]`) become nested lists and dicts; strings are trimmed (not passwords) and
empty strings become None, as Laravel's global middleware does.
"""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from fastapi import Request
from starlette.datastructures import UploadFile

from ninja_api.http.errors import ApiError

UNTRIMMED = {"password", "password_confirmation", "current_password"}
_BRACKETS = re.compile(r"\[([^\]]*)\]")
_SURROGATES = re.compile("[\ud800-\udfff]")
# Limits on what a request may send, checked where input is read (never deeper in the stack):
MAX_BODY_BYTES = 10 * 1024 * 1024  # JSON and form bodies; uploads are limited per file
MAX_DEPTH = 32  # nesting of JSON values and of PHP bracket keys (`a[b][c]`)
MAX_FIELDS = 10_000  # form and query pairs


def too_deep() -> ApiError:
    return ApiError(400, {"message": f"The request nests values more than {MAX_DEPTH} levels deep."})


def _depth_ok(value) -> bool:
    """Iteratively, so that a hostile body cannot exhaust the stack while being checked."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth > MAX_DEPTH:
                return False
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return True


def _key_path(key: str) -> list[str]:
    head, _, rest = key.partition("[")
    if not rest:
        return [key]
    return [head] + _BRACKETS.findall("[" + rest)


def _listify(node):
    """PHP arrays with keys 0..n arrive as dicts; turn dicts of numeric keys into lists."""
    if isinstance(node, dict):
        node = {k: _listify(v) for k, v in node.items()}
        if node and all(isinstance(k, str) and k.isdigit() for k in node):
            return [node[k] for k in sorted(node, key=int)]
        return node
    if isinstance(node, list):
        return [_listify(v) for v in node]
    return node


def parse_php_pairs(pairs) -> dict:
    """Build nested data from (key, value) pairs the way PHP fills $_POST."""
    root: dict = {}
    pairs = list(pairs)
    if len(pairs) > MAX_FIELDS:
        raise ApiError(400, {"message": f"The request sends more than {MAX_FIELDS} fields."})
    for key, value in pairs:
        if key == "" or key.startswith("["):
            continue  # PHP drops a pair without a name
        path = _key_path(key)
        if len(path) > MAX_DEPTH:
            raise too_deep()
        node = root
        for i, part in enumerate(path):
            last = i == len(path) - 1
            if part == "":
                # `a[]=x` appends: give it the next free numeric key.
                part = str(sum(1 for k in node if isinstance(k, str) and k.isdigit()))
            if last:
                node[part] = value
            else:
                child = node.get(part)
                if not isinstance(child, dict):
                    child = {}
                    node[part] = child
                node = child
    # The top level stays a bag of names even when every name is a number.
    return {k: _listify(v) for k, v in root.items()}


def normalise(value, key: str | None = None):
    if isinstance(value, str):
        # NUL cannot be stored in PostgreSQL text, nor a lone surrogate in UTF-8; no client means them.
        value = _SURROGATES.sub("\ufffd", value.replace("\x00", ""))
        if key not in UNTRIMMED:
            value = value.strip()
        return None if value == "" else value
    if isinstance(value, dict):
        return {_SURROGATES.sub("\ufffd", k.replace("\x00", "")) if isinstance(k, str) else k: normalise(v, k)
                for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v, key) for v in value]
    return value


def is_true(value) -> bool:
    """Upstream toggles compare loosely with the string 'true': JSON true matches, '1' does not."""
    return value is True or (isinstance(value, str) and value == "true")


@dataclass
class RequestInput:
    data: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    def has(self, key: str) -> bool:
        return key in self.data

    def flag(self, key: str) -> bool:
        return is_true(self.data.get(key))


async def read_body(request: Request) -> tuple[dict, dict]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        form = await request.form()
        pairs, files = [], {}
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                files.setdefault(key, []).append(value)
            else:
                pairs.append((key, value))
        return parse_php_pairs(pairs), files
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise ApiError(413, {"message": "The request body is too large."})
    if not raw.strip():
        return {}, {}
    if content_type == "application/x-www-form-urlencoded":
        return parse_php_pairs(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)), {}
    if content_type.endswith("json") or content_type in ("", "text/plain"):
        try:
            body = json.loads(raw)
        except ValueError:
            raise ApiError(400, {"message": "The request body is not valid JSON."}) from None
        except RecursionError:
            raise too_deep() from None
        if not _depth_ok(body):
            raise too_deep()
        if isinstance(body, dict):
            return body, {}
        # A bare JSON array has no field names to merge; treat it as an empty bag.
        return {}, {}
    return {}, {}


async def get_input(request: Request) -> RequestInput:
    cached = getattr(request.state, "input", None)
    if cached is not None:
        return cached
    query = parse_php_pairs(request.query_params.multi_items())
    body, files = await read_body(request)
    merged = dict(query)
    merged.update(body)
    result = RequestInput(data=normalise(merged), query=normalise(query), files=files)
    request.state.input = result
    return result
