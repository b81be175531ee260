"""What a route's body may hold, read from the code that reads it.

A route reads its body through its `RequestInput` (`inp.get("entity")`, `inp.has("rows")`,
`inp.files.get("documents[]")`) and hands it to service functions that do the same: this reader
follows `inp` through every ninja_api function it is passed to and lists the keys read. A key read
straight into a coercion (`as_int(inp.get("rows"))`, `is_email(...)`) has that coercion's type;
other keys are any JSON. Keys nobody names (`inp.data` handed on whole) stay allowed.
"""

import ast
import inspect
from collections.abc import Callable

from ninja_api.http import validation
from ninja_api.http.input import RequestInput
from ninja_api.openapi.shapes import DATE, HASHED_ID, ShapeError, _parse, ours

BINARY = {"type": "string", "format": "binary"}
# What each coercion takes (the valid input; anything else is the route's 422).
COERCIONS: dict[Callable, dict] = {
    validation.as_text: {"type": ["string", "number", "integer", "boolean"]},
    validation.as_int: {"type": ["integer", "string"], "description": "an integer (or its digits)"},
    validation.as_bool: {"type": ["boolean", "integer", "string"], "description": "true, false, 1, 0"},
    validation.as_decimal: {"type": ["number", "string"], "description": "a number (or its digits)"},
    validation.is_email: {"type": "string", "format": "email", "maxLength": 255},
    validation.as_hashed_id: HASHED_ID,
    validation.as_date: {**DATE, "description": "Y-m-d"},
}
_READS = ("get", "has", "flag")
_DEPTH = 5
# The shared response machinery reads the envelope's own options (`index`, `include_static`,
# `include`, `sort`...), which every route takes and no body schema can show (`index` renames
# `data`): those stay out of the bodies.
SHARED = frozenset({"ninja_api.http.envelope", "ninja_api.http.crud", "ninja_api.http.listing",
                    "ninja_api.http.pagination", "ninja_api.http.resource"})


class Reads:
    def __init__(self) -> None:
        self.keys: dict[str, dict] = {}
        self.files: set[str] = set()
        self.seen: set = set()

    def key(self, name: str, schema: dict | None) -> None:
        if schema is not None or name not in self.keys:
            self.keys[name] = schema or {}


def reads_of(endpoint: Callable) -> Reads:
    found = Reads()
    fn = inspect.unwrap(endpoint)
    names = [name for name, p in inspect.signature(fn).parameters.items() if p.annotation is RequestInput]
    for name in names:
        _read(fn, name, found, 0)
    return found


def _read(fn: Callable, param: str, found: Reads, depth: int, as_dict: bool = False) -> None:
    """`param` is the RequestInput, or (`as_dict`) its `data` handed on as a dict."""
    if (fn, param) in found.seen or depth > _DEPTH or fn.__module__ in SHARED:
        return
    found.seen.add((fn, param))
    try:
        node = _parse(fn)
    except (OSError, TypeError, ShapeError):  # no source to read (a builtin, a C function)
        return
    scope = {**fn.__globals__, **_closure(fn)}
    parents: dict[ast.AST, ast.AST] = {}
    for parent in ast.walk(node):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    inputs = {param} if not as_dict else set()
    dicts = {param} if as_dict else set()

    def is_data(expr: ast.expr) -> bool:
        return (isinstance(expr, ast.Name) and expr.id in dicts) or (
            isinstance(expr, ast.Attribute) and expr.attr == "data" and _is_in(expr.value, inputs))

    # `data = prepare(ctx, inp.data)`: what the body became, read on under another name.
    for sub in ast.walk(node):
        if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
            value = sub.value
            if is_data(value) or (isinstance(value, ast.Call) and any(is_data(a) for a in value.args)):
                dicts.add(sub.targets[0].id)
    for sub in ast.walk(node):
        if isinstance(sub, ast.Subscript) and is_data(sub.value) and isinstance(sub.slice, ast.Constant) \
                and isinstance(sub.slice.value, str):
            found.key(sub.slice.value, _coerced(parents.get(sub), scope))
        if not isinstance(sub, ast.Call):
            continue
        func = sub.func
        if isinstance(func, ast.Attribute) and func.attr in _READS and sub.args \
                and isinstance(sub.args[0], ast.Constant) and isinstance(sub.args[0].value, str):
            owner = func.value
            if _is_in(owner, inputs) or (func.attr == "get" and is_data(owner)):
                found.key(sub.args[0].value, _coerced(parents.get(sub), scope))
            elif isinstance(owner, ast.Attribute) and owner.attr == "files" and _is_in(owner.value, inputs):
                found.files.add(sub.args[0].value)
            continue
        callee = _resolve(func, scope)
        if callee is None or inspect.ismodule(callee):
            continue
        try:
            params = list(inspect.signature(callee).parameters)
        except (TypeError, ValueError):
            continue
        handed = [(params[i], arg) for i, arg in enumerate(sub.args) if i < len(params)]
        handed += [(kw.arg, kw.value) for kw in sub.keywords if kw.arg in params]
        for name, arg in handed:
            if _is_in(arg, inputs):
                _read(callee, name, found, depth + 1)
            elif is_data(arg):
                _read(callee, name, found, depth + 1, as_dict=True)


def _is_in(node: ast.expr, names: set[str]) -> bool:
    return isinstance(node, ast.Name) and node.id in names


def _closure(fn: Callable) -> dict:
    return dict(zip(fn.__code__.co_freevars, (c.cell_contents for c in fn.__closure__ or ())))


def _resolve(node: ast.expr, scope: dict):
    if isinstance(node, ast.Name):
        value = scope.get(node.id)
    elif isinstance(node, ast.Attribute):
        base = _resolve(node.value, scope)
        value = getattr(base, node.attr, None) if base is not None else None
    else:
        return None
    if inspect.ismodule(value):
        return value
    if inspect.isfunction(value) and ours(value):
        return inspect.unwrap(value)
    return None


def _coerced(parent: ast.AST | None, scope: dict) -> dict | None:
    """`as_int(inp.get("rows"))`: the coercion's type."""
    if isinstance(parent, ast.Call):
        func = _resolve_any(parent.func, scope)
        if func in COERCIONS:
            return COERCIONS[func]
    return None


def _resolve_any(node: ast.expr, scope: dict):
    if isinstance(node, ast.Name):
        return scope.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _resolve_any(node.value, scope)
        return getattr(base, node.attr, None) if base is not None else None
    return None


def body_schema(reads: Reads) -> dict:
    return {"type": "object", "properties": dict(sorted(reads.keys.items())), "additionalProperties": True}


def multipart_schema(reads: Reads) -> dict:
    schema = body_schema(reads)
    files = {name: {"type": "array", "items": BINARY} if name.endswith("[]") else BINARY
             for name in sorted(reads.files)}
    return {**schema, "properties": {**schema["properties"], **files}}
