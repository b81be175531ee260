"""What a route answers with a 200, read from the route's own return statements.

A route ends in one of a few response builders (`item_response`, `list_response`, `message`, a
PDF, `ApiResponse(...)`, `Response(dumps(...))`), each of which sends a known content type and
body: the builder's arguments name the Resource (whose serializer `shapes.py` reads) or the JSON
expression (read as a serializer's is). A module helper a route returns through (`_json(payload)`,
`_listed(session, resource, ...)`) is read with its arguments bound to the caller's expressions.
A return this reader cannot follow is an error at generation time, never a silent `{}`.
"""

import ast
import importlib
import inspect
from collections.abc import Callable
from dataclasses import replace

from fastapi import Response

from ninja_api.billing import downloads
from ninja_api.http import crud, envelope as envelopes
from ninja_api.http.listing import list_payload
from ninja_api.http.rendering import ApiResponse, dumps
from ninja_api.http.resource import Resource
from ninja_api.openapi.shapes import ShapeError, _FunctionReader, ours, union
from ninja_api.pdf.response import LaterPdf

JSON = "application/json"
BINARY = {"type": "string", "format": "binary"}
MESSAGE = {"$ref": "#/components/schemas/Message"}

# Marks a local that holds what `list_payload` returned: (rows of resource, meta).
_PAGE = "x-page-of"


class AnswerReader(_FunctionReader):
    """Reads a route (or a helper it returns through); `params` binds a helper's parameters to
    the caller's argument expressions."""

    def __init__(self, entities, fn: Callable, params: dict | None = None) -> None:
        super().__init__(entities.reader, fn, {})
        self.entities = entities
        self.params_bound: dict[str, tuple["AnswerReader", ast.expr]] = params or {}
        self.answers: list[ast.expr] = []
        self.known: dict[str, dict] = {}  # locals whose schema is worked out already
        self.deferred: dict[str, tuple["AnswerReader", ast.expr]] = {}  # another reader's expression

    # --- what the route returns --------------------------------------------------------------

    def read_answers(self) -> dict[str, dict | None]:
        """Content type → schema of every 200 the route can answer; None: an empty body."""
        self.block(self.node.body, always=True)
        if not self.answers:
            raise ShapeError(f"{self.where(self.node)}: a route that returns nothing this reader can see")
        out: dict[str, list] = {}
        for node in self.answers:
            for media, schema in self.answer(node).items():
                out.setdefault(media, [])
                if schema is not None and schema not in out[media]:
                    out[media].append(schema)
        return {media: (union(schemas) if schemas else None) for media, schemas in out.items()}

    def statement(self, stmt: ast.stmt, always: bool) -> None:
        if isinstance(stmt, ast.Return):
            if stmt.value is not None:
                self.answers.append(stmt.value)
            return
        if isinstance(stmt, ast.ImportFrom) and stmt.module and stmt.level == 0:
            module = importlib.import_module(stmt.module)  # an import kept local to break a cycle
            for alias in stmt.names:
                self.closure[alias.asname or alias.name] = getattr(module, alias.name)
            return
        super().statement(stmt, always)

    def assign(self, target: ast.expr, value: ast.expr, always: bool) -> None:
        if isinstance(target, ast.Tuple) and isinstance(value, ast.Call) \
                and all(isinstance(t, ast.Name) for t in target.elts):
            self.unpack([t.id for t in target.elts], value)
            return
        try:
            super().assign(target, value, always)
        except ShapeError:
            # Read when (if ever) the answer uses it: a route's locals are mostly rows and inputs.
            if isinstance(target, ast.Name):
                self.locals[target.id] = value

    def unpack(self, names: list[str], call: ast.Call) -> None:
        """`data, meta = list_payload(session, resource, ...)`: a page of the resource's rows;
        `shown, meta = _page(...)`: what the helper's returned tuple holds, read when used."""
        func = self.evaluate(call.func)
        if func is list_payload and len(names) == 2:
            rows = {"type": "array", "items": self.resource_arg(call, 1)}
            self.known.update({names[0]: rows, names[1]: {"$ref": "#/components/schemas/Meta"}})
            return
        if not (callable(func) and ours(func)):
            return  # values the answer is not built from (a row and its flags)
        helper = self.bound_reader(func, call)
        helper.block(helper.node.body, always=True)
        tuples = [a for a in helper.answers if isinstance(a, ast.Tuple) and len(a.elts) == len(names)]
        if tuples:
            for name, elt in zip(names, tuples[0].elts):
                self.deferred[name] = (helper, elt)

    def answer(self, node: ast.expr) -> dict[str, dict | None]:
        if isinstance(node, ast.Name) and node.id in self.locals:
            return self.answer(self.locals[node.id])
        if not isinstance(node, ast.Call):
            raise ShapeError(f"{self.where(node)}: returns `{ast.unparse(node)}`, not a response")
        func = self.evaluate(node.func)
        if func in BUILDERS:
            return BUILDERS[func](self, node)
        if callable(func) and ours(func) and not isinstance(func, type):
            return self.helper(func, node)
        raise ShapeError(f"{self.where(node)}: cannot tell what `{ast.unparse(node.func)}` answers")

    def helper(self, func: Callable, node: ast.Call) -> dict[str, dict | None]:
        """A module function the route returns through: read it with its parameters bound."""
        return self.bound_reader(func, node).read_answers()

    def bound_reader(self, func: Callable, node: ast.Call) -> "AnswerReader":
        func = inspect.unwrap(func)
        names = list(inspect.signature(func).parameters)
        params = {name: (self, arg) for name, arg in zip(names, node.args)}
        params.update({kw.arg: (self, kw.value) for kw in node.keywords if kw.arg})
        return AnswerReader(self.entities, func, params)

    # --- the builders' arguments ---------------------------------------------------------------

    def arg(self, node: ast.Call, index: int, keyword: str | None = None) -> ast.expr | None:
        if index < len(node.args):
            return node.args[index]
        return next((kw.value for kw in node.keywords if kw.arg == keyword), None) if keyword else None

    def resource_arg(self, node: ast.Call, index: int) -> dict:
        """The entity schema of the Resource argument: a ref, or a choice of refs."""
        found = self.resources(node.args[index])
        if not found:
            raise ShapeError(f"{self.where(node)}: `{ast.unparse(node.args[index])}` is not a known Resource")
        return union([self.entities.ref_of(r) for r in found])

    def resources(self, node: ast.expr) -> list[Resource]:
        """The Resources an expression can hold: a module's, one chosen with `if`, a local, one
        looked up by a call of constants (`owner_resource(owner.path)`) or `replace`d."""
        if isinstance(node, ast.IfExp):
            return self.resources(node.body) + self.resources(node.orelse)
        if isinstance(node, ast.Name) and node.id in self.locals:
            return self.resources(self.locals[node.id])
        if isinstance(node, ast.Call):
            func = self.evaluate(node.func)
            args = [self.evaluate(a) for a in node.args]
            kwargs = {kw.arg: self.evaluate(kw.value) for kw in node.keywords}
            if (func is replace or ours(func)) \
                    and None not in args and None not in kwargs.values():
                value = func(*args, **kwargs)
                return [value] if isinstance(value, Resource) else []
            return []
        value = self.evaluate(node)
        return [value] if isinstance(value, Resource) else []

    def status(self, node: ast.Call, index: int, keyword: str = "status_code") -> int:
        value = self.arg(node, index, keyword)
        found = 200 if value is None else self.evaluate(value)
        if not isinstance(found, int):
            raise ShapeError(f"{self.where(node)}: a status this reader cannot tell")
        return found

    def evaluate(self, node: ast.expr):
        if isinstance(node, ast.Name) and node.id in self.params_bound:
            caller, arg = self.params_bound[node.id]
            return caller.evaluate(arg)
        return super().evaluate(node)

    def expr(self, node: ast.expr) -> dict:
        if isinstance(node, ast.Name):
            if node.id in self.params_bound:
                caller, arg = self.params_bound[node.id]
                return caller.expr(arg)
            if node.id in self.known:
                return self.known[node.id]
            if node.id in self.deferred:
                helper, elt = self.deferred[node.id]
                return helper.expr(elt)
        return super().expr(node)


def envelope_of(data: dict, meta: dict | None = None) -> dict:
    properties = {"data": data}
    required = ["data"]
    if meta is not None:
        properties["meta"] = meta
        required.append("meta")
    properties["static"] = {"type": "object", "description": "the statics, with include_static=true"}
    return {"type": "object", "properties": properties, "required": required}


def _item(reader: AnswerReader, node: ast.Call, index: int) -> dict:
    return {JSON: envelope_of(reader.resource_arg(node, index))}


def _list(reader: AnswerReader, node: ast.Call) -> dict:
    rows = {"type": "array", "items": reader.resource_arg(node, 1)}
    return {JSON: envelope_of(rows, {"$ref": "#/components/schemas/Meta"})}


def _envelope(reader: AnswerReader, node: ast.Call) -> dict:
    meta = reader.arg(node, 2, "meta")
    return {JSON: envelope_of(reader.expr(node.args[1]), None if meta is None else reader.expr(meta))}


def _api_response(reader: AnswerReader, node: ast.Call) -> dict:
    if reader.status(node, 1) != 200:
        return {}
    return {JSON: reader.expr(node.args[0])}


def _message(reader: AnswerReader, node: ast.Call) -> dict:
    return {JSON: MESSAGE} if reader.status(node, 1, "status") == 200 else {}


def _response(reader: AnswerReader, node: ast.Call) -> dict:
    """`Response(content, media_type=...)`: JSON when the content is `dumps(x)`, else the type it names."""
    if reader.status(node, 1) != 200:
        return {}
    content = reader.arg(node, 0, "content")
    media_node = reader.arg(node, 3, "media_type")
    if content is None:
        return {"": None}  # an empty 200, no content type
    kinds = reader.possible_keys(media_node) if media_node is not None else []
    if not kinds:
        raise ShapeError(f"{reader.where(node)}: a response whose media type this reader cannot tell")
    out = {}
    for media in (kind.split(";")[0].strip() for kind in kinds):
        if isinstance(content, ast.Call) and reader.evaluate(content.func) is dumps:
            out[media] = reader.expr(content.args[0])
        elif media == JSON:
            out[media] = reader.expr(content)  # bytes made elsewhere: that function states their shape
        else:
            out[media] = BINARY
    return out


def _pdf(reader: AnswerReader, node: ast.Call) -> dict:
    return {"application/pdf": BINARY}


BUILDERS: dict[Callable, Callable[[AnswerReader, ast.Call], dict]] = {
    crud.item_response: lambda r, n: _item(r, n, 1),
    crud.blank_response: lambda r, n: _item(r, n, 0),
    crud.list_response: _list,
    envelopes.envelope: _envelope,
    envelopes.message: _message,
    ApiResponse: _api_response,
    Response: _response,
    downloads.pdf_response: _pdf,
    downloads.download_response: _pdf,
    LaterPdf: _pdf,
}


def success(entities, endpoint: Callable, route) -> dict:
    """The 200 response object of a route the CRUD machinery did not make; a route whose 200 its
    code never builds (a refusal this server always gives) states it with FastAPI's `responses`."""
    doc = inspect.getdoc(endpoint) or ""
    declared = (getattr(route, "responses", None) or {}).get(200)
    if declared is not None:
        return {"description": doc.split("\n\n")[0] or "As upstream answers", **declared}
    found = AnswerReader(entities, endpoint).read_answers()
    content = {media: {"schema": schema if schema is not None else BINARY}
               for media, schema in sorted(found.items()) if media}
    out = {"description": doc.split("\n\n")[0] or "As upstream answers"}
    if content:
        out["content"] = content
    return out

