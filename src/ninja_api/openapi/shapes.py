"""The JSON Schema of a serializer, read from the serializer's own code.

A serializer is a function building a dict whose values go through the helpers of
`http/rendering.py` (`text`, `hashed`, `money`, `unix`...). Each helper renders exactly one JSON
type, so reading which helper fills which key tells the schema with nothing kept beside it: add a
key to a serializer and the spec has it. What the code cannot tell (a value computed by a
function with no return annotation, a key not written as a literal) is an error at generation
time, never a silent `{}`.
"""

import ast
import builtins
import inspect
import platform
import secrets
import textwrap
import typing
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import typing_extensions
from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, String, Text
from sqlalchemy.types import TypeDecorator

from ninja_api.http import rendering
from ninja_api.http.resource import render_one

DATE = {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2})?$", "description": "Y-m-d, \"\" when unset"}
DATETIME = {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})?$",
            "description": "Y-m-d H:i:s, \"\" when unset"}
HASHED_ID = {"type": "string", "description": "hashed id, \"\" when unset"}
CODE = {"type": "string", "pattern": r"^(-?\d+)?$", "description": "numeric code as a string, \"\" when unset"}
UNIX = {"type": "integer", "description": "unix timestamp, 0 when unset"}
MONEY = {"type": "number"}
FREE = {"type": ["object", "array"], "description": "free-form JSON, {} when unset"}

# What each rendering helper sends; a helper added to rendering.py must be added here.
HELPERS: dict[Callable, dict] = {
    rendering.text: {"type": "string"},
    rendering.hashed: HASHED_ID,
    rendering.code: CODE,
    rendering.unix: UNIX,
    rendering.ymd: DATE,
    rendering.money: MONEY,
    rendering.obj: FREE,
}
_BUILTINS = {bool: {"type": "boolean"}, int: {"type": "integer"}, str: {"type": "string"},
             float: {"type": "number"}, len: {"type": "integer"}, list: {"type": "array"}, dict: {"type": "object"},
             sorted: {"type": "array"}}
# Library functions a builder calls, by what they return.
_LIBRARY = {all: {"type": "boolean"}, any: {"type": "boolean"}, secrets.token_hex: {"type": "string"},
            platform.python_version: {"type": "string"}}
_CONSTANTS = {bool: "boolean", str: "string", int: "integer", float: "number", type(None): "null"}


class ShapeError(Exception):
    pass


def ours(func) -> bool:
    """A function of this project, whose source the readers may follow."""
    return (getattr(func, "__module__", None) or "").startswith("ninja_api")


def _types(schema: dict) -> set[str]:
    kind = schema.get("type")
    return set(kind) if isinstance(kind, list) else {kind} if kind else set()


def union(schemas: list[dict]) -> dict:
    unique: list[dict] = []
    for s in schemas:
        for part in s.get("anyOf", [s]):
            if part not in unique:
                unique.append(part)
    if any(not _types(s) and "anyOf" not in s and "$ref" not in s for s in unique):
        return next(s for s in unique if not _types(s) and "anyOf" not in s and "$ref" not in s)
    plain = set().union(*(_types(s) for s in unique if set(s) == {"type"}))
    if "number" in plain:
        plain.add("integer")
    # A refined schema (a pattern, an empty list) adds nothing beside the plain type it refines;
    # an empty list adds nothing beside a list of something.
    arrays = [s for s in unique if _types(s) == {"array"} and s.get("maxItems") != 0]
    unique = [s for s in unique if not (set(s) != {"type"} and _types(s) and _types(s) <= plain)
              and not (arrays and s.get("maxItems") == 0)]
    if "number" in plain:
        unique = [s for s in unique if s != {"type": "integer"}]
        unique = [{**s, "type": [t for t in s["type"] if t != "integer"]}
                  if isinstance(s.get("type"), list) and "integer" in s["type"] else s for s in unique]
        unique = [{**s, "type": s["type"][0]} if isinstance(s.get("type"), list) and len(s["type"]) == 1 else s
                  for s in unique]
    if len(unique) == 1:
        return unique[0]
    if all(set(s) == {"type"} for s in unique):
        types: list[str] = []
        for s in unique:
            for t in s["type"] if isinstance(s["type"], list) else [s["type"]]:
                if t not in types:
                    types.append(t)
        return {"type": sorted(types)}
    return {"anyOf": unique}


def value_schema(value) -> dict:
    """The schema of a fixed JSON value (reference data, a constant table): its exact structure."""
    if isinstance(value, dict):
        return {"type": "object", "properties": {k: value_schema(v) for k, v in value.items()},
                "required": list(value), "additionalProperties": False}
    if isinstance(value, (list, tuple, frozenset, set)):
        return {"type": "array", "items": union([value_schema(v) for v in value])} if value \
            else {"type": "array", "maxItems": 0}
    kind = _CONSTANTS.get(type(value))
    if kind is None:
        raise ShapeError(f"{value!r} is no JSON value")
    return {"type": kind}


def annotation_schema(annotation) -> dict | None:
    """A return annotation that states a JSON shape (a TypedDict, `list[...]`, a pydantic model),
    as pydantic renders it; None for a bare `dict` or `list`, which state nothing."""
    if annotation in _BUILTINS and annotation not in (dict, list):
        return _BUILTINS[annotation]
    if annotation in (dict, list, inspect.Signature.empty, None) or isinstance(annotation, str):
        return None
    if not _states_a_shape(annotation):
        return None
    from pydantic import PydanticSchemaGenerationError, TypeAdapter

    try:
        schema = TypeAdapter(annotation).json_schema(mode="serialization")
    except PydanticSchemaGenerationError:
        return None  # `list[Activity]`: rows, not JSON
    return _inlined(schema, schema.pop("$defs", {}))


def _states_a_shape(annotation) -> bool:
    """A TypedDict or model, or a generic whose every part states one (`list[dict]` does not)."""
    if typing_extensions.is_typeddict(annotation) or hasattr(annotation, "model_json_schema"):
        return True
    if annotation in (str, int, bool, float, type(None)):
        return True
    args = typing.get_args(annotation)
    return typing.get_origin(annotation) is not None and bool(args) and all(
        _states_a_shape(a) for a in args if a is not Ellipsis)


def _inlined(schema, defs: dict):
    """pydantic's `$defs` put in place (the shapes are small and never recursive), titles dropped."""
    if isinstance(schema, list):
        return [_inlined(s, defs) for s in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return _inlined(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    return {k: _inlined(v, defs) if k != "properties" else {n: _inlined(p, defs) for n, p in v.items()}
            for k, v in schema.items() if k != "title"}


def _column_schema(column) -> dict:
    kind = column.type
    if isinstance(kind, TypeDecorator) and "JSON" not in type(kind).__name__:
        kind = kind.impl_instance
    if isinstance(kind, Boolean):
        base = {"type": "boolean"}
    elif isinstance(kind, Integer):
        base = {"type": "integer"}
    elif isinstance(kind, Numeric):
        base = {"type": "number"}
    elif isinstance(kind, (String, Text)):
        base = {"type": "string"}
    elif isinstance(kind, (DateTime, Date)):
        raise ShapeError(f"column {column} would render through json's default; use unix() or ymd()")
    elif isinstance(kind, JSON) or isinstance(kind, TypeDecorator) and "JSON" in type(kind).__name__:
        return {"description": "stored JSON, rendered as it was saved"}
    else:
        raise ShapeError(f"column {column} has a type this reader does not know: {kind!r}")
    return union([base, {"type": "null"}]) if column.nullable else base


@dataclass
class Shape:
    """An object schema being read: its properties in the serializer's order."""

    properties: dict[str, dict] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)
    extra: bool = False  # keys the code adds that no literal names, of values it cannot tell
    extra_values: list[dict] = field(default_factory=list)  # ... of values it can (a map by currency)

    def put(self, key: str, schema: dict, always: bool) -> None:
        if key in self.properties:
            self.properties[key] = union([self.properties[key], schema])
        else:
            self.properties[key] = schema
        if always and key not in self.required:
            self.required.append(key)

    def merge(self, other: "Shape", always: bool) -> None:
        for key, schema in other.properties.items():
            self.put(key, schema, always and key in other.required)
        self.extra = self.extra or other.extra
        self.extra_values += other.extra_values

    def schema(self) -> dict:
        out: dict = {"type": "object", "properties": self.properties}
        if self.required:
            out["required"] = self.required
        out["additionalProperties"] = union(self.extra_values) if self.extra_values and not self.extra \
            else bool(self.extra)
        return out


class Reader:
    """Reads serializers; `named` maps serializer functions to component names for $refs."""

    def __init__(self, named: dict[Callable, str] | None = None) -> None:
        self.named = dict(named or {})
        # Set by the spec: the $ref of a Resource's entity (with its includes), named when first met.
        self.resource_ref: Callable | None = None
        self._cache: dict[Callable, dict] = {}
        self._reading: set = set()

    def ref_or_schema(self, fn: Callable, bound: dict | None = None) -> dict:
        name = self.named.get(fn) if not bound else None
        if name is not None:
            return {"$ref": f"#/components/schemas/{name}"}
        return self.schema_of(fn, bound)

    def resolved(self, schema: dict) -> dict:
        """A $ref to a named serializer, read."""
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.schema_of(next(fn for fn, n in self.named.items() if n == name))
        return schema

    def schema_of(self, fn: Callable, bound: dict | None = None) -> dict:
        """`bound`: arguments known when the caller passes constants (a document kind)."""
        fn = inspect.unwrap(fn)
        if not inspect.isfunction(fn):
            raise ShapeError(f"{getattr(fn, '__qualname__', fn)} is not a function: declare what it renders")
        bound = bound or {}
        key = (fn, tuple(sorted((k, id(v)) for k, v in bound.items())))
        if key in self._cache:
            return self._cache[key]
        if getattr(fn, "json_schema", None) is not None:
            return declared_schema(fn)
        if key in self._reading:
            raise ShapeError(f"{fn.__qualname__} renders itself")
        self._reading.add(key)
        try:
            schema = _FunctionReader(self, fn, bound).read()
        finally:
            self._reading.discard(key)
        self._cache[key] = schema
        return schema


def declared_schema(fn: Callable) -> dict:
    """`@declares(schema)`; a callable schema is worked out when the spec is (from reference data)."""
    declared = fn.json_schema
    return declared() if callable(declared) else declared


class _FunctionReader:
    def __init__(self, reader: Reader, fn: Callable, bound: dict) -> None:
        # A route's endpoint is wrapped (UnitOfWorkRoute): read the function its author wrote.
        fn = inspect.unwrap(fn)
        self.reader = reader
        self.fn = fn
        self.globals = fn.__globals__
        self.closure = dict(zip(fn.__code__.co_freevars, (c.cell_contents for c in fn.__closure__ or ())))
        self.closure.update(bound)
        self.bound = bound
        self.node = _parse(fn)
        self.declared = getattr(fn, "json_fields", {})
        self.annotations = dict(getattr(fn, "__annotations__", {}))
        owner = self.globals.get(fn.__qualname__.split(".")[0]) if "." in fn.__qualname__ else None
        if isinstance(owner, type) and self.node.args.args:  # a method: `self` is its class
            self.annotations.setdefault(self.node.args.args[0].arg, owner)
        self.loop_types: dict[str, object] = {}
        self.locals: dict[str, ast.expr] = {}
        self.shapes: dict[str, Shape] = {}
        self.lists: dict[str, list[dict]] = {}
        self.returns: list[dict] = []
        self.loop_vars: dict[str, dict] = {}  # a comprehension's variables, while it is read
        self.nested: dict[str, ast.FunctionDef] = {}  # functions defined inside this one

    def where(self, node) -> str:
        return f"{self.fn.__module__}.{self.fn.__qualname__} line {getattr(node, 'lineno', '?')}"

    def read(self) -> dict:
        if isinstance(self.node, ast.Lambda):
            return self.expr(self.node.body)
        self.block(self.node.body, always=True)
        if not self.returns:
            raise ShapeError(f"{self.where(self.node)}: returns nothing this reader can see")
        return union(self.returns)

    # --- statements -------------------------------------------------------------------------

    def block(self, statements: list[ast.stmt], always: bool) -> None:
        for stmt in statements:
            self.statement(stmt, always)

    def statement(self, stmt: ast.stmt, always: bool) -> None:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if stmt.value is None:
                return
            for target in targets:
                self.assign(target, stmt.value, always)
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            self.call_statement(stmt.value, always)
        elif isinstance(stmt, ast.If):
            self.block(stmt.body, always=False)
            self.block(stmt.orelse, always=False)
        elif isinstance(stmt, ast.For):
            self.loop(stmt, always)
        elif isinstance(stmt, ast.Return) and stmt.value is not None:
            self.returns.append(self.expr(stmt.value))
        elif isinstance(stmt, (ast.With, ast.Try)):
            self.block(stmt.body, always)
        elif isinstance(stmt, ast.FunctionDef):
            self.nested[stmt.name] = stmt

    def assign(self, target: ast.expr, value: ast.expr, always: bool) -> None:
        if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
            for one, other in zip(target.elts, value.elts):
                self.assign(one, other, always)
        elif isinstance(target, ast.Name):
            if isinstance(value, ast.Dict):
                self.shapes[target.id] = self.dict_shape(value)
            elif isinstance(value, ast.DictComp) and "properties" in (built := self.expr(value)):
                self.shapes[target.id] = _shape(built)
            elif isinstance(value, ast.List) and not value.elts:
                self.lists[target.id] = []
            elif isinstance(value, ast.Call) and (built := self.object_of(value)) is not None:
                self.shapes[target.id] = _shape(built)  # `data = serialize(row, ctx)`, then keys added
            else:
                self.locals[target.id] = value
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                and target.value.id in self.shapes:
            keys = self.possible_keys(target.slice)
            if not keys:
                self.keyed_at_run_time(self.shapes[target.value.id], value)
            for key in keys:
                self.shapes[target.value.id].put(key, self.expr(value), always and len(keys) == 1)

    def call_statement(self, call: ast.Call, always: bool) -> None:
        func = call.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in self.lists \
                and func.attr == "append" and len(call.args) == 1:
            self.lists[func.value.id].append(self.expr(call.args[0]))
            return
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in self.shapes:
            shape = self.shapes[func.value.id]
            if func.attr == "update" and call.args:
                arg = call.args[0]
                if isinstance(arg, ast.Dict):
                    shape.merge(self.dict_shape(arg), always)
                elif isinstance(arg, ast.DictComp):
                    shape.merge(_shape(self.expr(arg)), always)
                else:
                    shape.extra = True  # fields a request asked for, worked out elsewhere
            elif func.attr == "setdefault" and len(call.args) == 2:
                key = self.constant_key(call.args[0])
                if key is not None:
                    shape.put(key, self.expr(call.args[1]), always)

    def loop(self, stmt: ast.For, always: bool) -> None:
        """`for flag in FLAGS: data[flag] = bool(getattr(row, flag))`: the keys are the constant's."""
        keys = self.evaluate(stmt.iter)
        if not isinstance(stmt.target, ast.Name) or not isinstance(keys, (tuple, list)) \
                or not all(isinstance(k, str) for k in keys):
            self.bind_all(stmt)  # as in Python, the variables outlive the loop
            self.block(stmt.body, always=False)
            return
        for body in stmt.body:
            if isinstance(body, ast.Assign) and len(body.targets) == 1 and isinstance(body.targets[0], ast.Subscript) \
                    and isinstance(body.targets[0].value, ast.Name) and body.targets[0].value.id in self.shapes \
                    and isinstance(body.targets[0].slice, ast.Name) and body.targets[0].slice.id == stmt.target.id:
                for key in keys:
                    self.shapes[body.targets[0].value.id].put(key, self.expr(body.value), always)

    # --- expressions ------------------------------------------------------------------------

    def constant_key(self, node: ast.expr) -> str | None:
        value = self.evaluate(node)
        return value if isinstance(value, str) else None

    def possible_keys(self, node: ast.expr) -> list[str]:
        """A key that is a constant, or a local chosen between constants (`"a" if x else "b"`)."""
        if isinstance(node, ast.Name) and node.id in self.locals:
            return self.possible_keys(self.locals[node.id])
        if isinstance(node, ast.IfExp):
            return self.possible_keys(node.body) + self.possible_keys(node.orelse)
        key = self.constant_key(node)
        return [key] if key is not None else []

    def evaluate(self, node: ast.expr):
        """A name, attribute or constant the module (or closure) defines; None when it is not one."""
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in self.closure:
                return self.closure[node.id]
            if node.id in self.globals:
                return self.globals[node.id]
            return getattr(builtins, node.id, None)
        if isinstance(node, ast.Attribute):
            base = self.evaluate(node.value)
            return getattr(base, node.attr, None) if base is not None else None
        return None

    def keyed_at_run_time(self, shape: Shape, value: ast.expr) -> None:
        try:
            shape.extra_values.append(self.expr(value))
        except ShapeError:
            shape.extra = True

    def dict_shape(self, node: ast.Dict) -> Shape:
        shape = Shape()
        for key, value in zip(node.keys, node.values):
            if key is None:  # **spread
                shape.merge(self.spread(value), always=True)
                continue
            names = self.possible_keys(key)
            if not names:
                self.keyed_at_run_time(shape, value)  # a ledger row's `<model>_id`, a currency id
                continue
            for name in names:
                shape.put(name, self.field(name, value), always=len(names) == 1)
        return shape

    def field(self, name: str, value: ast.expr) -> dict:
        declared = self.declared.get(name)
        if declared is None:
            return self.expr(value)
        # Declared as another function's output (`recurring_dates=schedule.listed_dates`) or a schema.
        return self.reader.schema_of(declared) if callable(declared) else declared

    def spread(self, node: ast.expr) -> Shape:
        schema = self.reader.resolved(self.expr(node))
        if schema.get("type") != "object" or "properties" not in schema:
            raise ShapeError(f"{self.where(node)}: spreads something that is not a known object")
        return _shape(schema)

    def expr(self, node: ast.expr) -> dict:
        if isinstance(node, ast.Constant):
            kind = _CONSTANTS.get(type(node.value))
            if kind is None:
                raise ShapeError(f"{self.where(node)}: constant {node.value!r}")
            return {"type": kind}
        if isinstance(node, ast.Dict):
            return self.dict_shape(node).schema()
        if isinstance(node, ast.JoinedStr):
            return {"type": "string"}
        if isinstance(node, ast.IfExp):
            return union([self.expr(node.body), self.expr(node.orelse)])
        if isinstance(node, ast.BoolOp):
            return self.bool_op(node)
        if isinstance(node, ast.BinOp):
            sides = [self.expr(node.left), self.expr(node.right)]
            if isinstance(node.op, ast.Add) and {"type": "string"} in sides:
                return {"type": "string"}
            if all(_types(side) <= {"integer", "number"} for side in sides):
                return {"type": "integer"} if all(_types(side) == {"integer"} for side in sides) \
                    and not isinstance(node.op, ast.Div) else {"type": "number"}
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return self.expr(node.operand)
        if isinstance(node, ast.Compare) or (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)):
            return {"type": "boolean"}
        if isinstance(node, (ast.ListComp, ast.DictComp)):
            with self.comprehension(node.generators):
                if isinstance(node, ast.DictComp):
                    return self.dict_comp(node)
                return {"type": "array", "items": self.expr(node.elt)}
        if isinstance(node, (ast.List, ast.Tuple)):
            items = [self.expr(e) for e in node.elts]
            return {"type": "array", "items": union(items)} if items else {"type": "array", "maxItems": 0}
        if isinstance(node, (ast.Name, ast.Attribute)):
            known = self.evaluate(node)
            if isinstance(known, (str, bool, int, float)):
                return self.expr(ast.Constant(known))
            if isinstance(known, (tuple, list, frozenset)) and known and all(
                    isinstance(v, (str, int, float, bool)) for v in known):
                return {"type": "array", "items": union([value_schema(v) for v in known])}
        if isinstance(node, ast.Name):
            if node.id in self.loop_vars:
                return self.loop_vars[node.id]
            if node.id in self.shapes:
                return self.shapes[node.id].schema()
            if node.id in self.lists:
                items = self.lists[node.id]
                return {"type": "array", "items": union(items)} if items else {"type": "array", "maxItems": 0}
            if node.id in self.locals:
                return self.expr(self.locals[node.id])
            if self.annotations.get(node.id) in _BUILTINS:
                return _BUILTINS[self.annotations[node.id]]
            if node.id in self.annotations and (stated := annotation_schema(self.annotations[node.id])):
                return stated
            if node.id in self.bound:
                raise ShapeError(f"{self.where(node)}: `{node.id}` is an argument, not a JSON value")
        if isinstance(node, ast.Attribute):
            column = self.column(node)
            if column is not None:
                return _column_schema(column)
            setting = self.setting(node) or self.dataclass_field(node)
            if setting is not None:
                return setting
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Subscript):  # an item, or a slice, of a list
            whole = self.reader.resolved(self.expr(node.value))
            if whole.get("type") == "array" and "items" in whole:
                return whole if isinstance(node.slice, ast.Slice) else whole["items"]
        raise ShapeError(f"{self.where(node)}: cannot tell the JSON type of `{ast.unparse(node)}`")

    def object_of(self, call: ast.Call) -> dict | None:
        """The object a serializer call renders, when it is one (else None: a row, a value)."""
        func = self.evaluate(call.func)
        if not (inspect.isfunction(func) and ours(func)
                and func in self.reader.named):
            return None
        schema = self.reader.resolved(self.expr(call))
        return schema if schema.get("type") == "object" and "properties" in schema else None

    @contextmanager
    def comprehension(self, generators: list[ast.comprehension]):
        """Binds each generator's variables to what its iterable holds (or does not, when unknown)."""
        before = dict(self.loop_vars), dict(self.loop_types)
        for gen in generators:
            self.bind_all(gen)
        try:
            yield
        finally:
            self.loop_vars, self.loop_types = before

    def bind_all(self, gen) -> None:
        """A loop's (or generator's) variables: their schemas, and their classes when annotated."""
        try:
            self.bind(gen.target, self.elements(gen.iter))
        except ShapeError:
            pass  # a variable the output never shows (`check.ok for check in checks`)
        kind = self.element_type(gen.iter)
        if isinstance(gen.target, ast.Name) and kind is not None:
            self.loop_types[gen.target.id] = kind
        elif isinstance(gen.target, ast.Tuple) and isinstance(kind, tuple):
            for one, part in zip(gen.target.elts, kind):
                if isinstance(one, ast.Name):
                    self.loop_types[one.id] = part

    def element_type(self, node: ast.expr):
        method, target = None, node
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args:
            method, target = node.func.attr, node.func.value
        args = typing.get_args(self.type_of(target))
        if method == "items" and len(args) == 2:
            return args
        if method == "values" and len(args) == 2:
            return args[1]
        if method is None and len(args) == 1:
            return args[0]
        return None

    def elements(self, node: ast.expr) -> list | dict:
        """What iterating `node` gives: the concrete values of a constant, else the item schema."""
        target = node
        method = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args \
                and node.func.attr in ("items", "values", "keys"):
            target, method = node.func.value, node.func.attr
        known = self.evaluate(target)
        if isinstance(known, (dict, list, tuple, frozenset, set)):
            if isinstance(known, dict):
                return list(getattr(known, method)() if method else known)
            return list(known)
        schema = self.reader.resolved(self.expr(target))
        if method is None:
            if schema.get("type") != "array":
                raise ShapeError(f"{self.where(node)}: iterates over something that is not a list")
            return schema.get("items", {})
        values = schema.get("additionalProperties")
        if not isinstance(values, dict):
            values = union(list(schema.get("properties", {}).values())) if schema.get("properties") else None
        if values is None:
            raise ShapeError(f"{self.where(node)}: iterates over a map whose values are unknown")
        key = {"type": "string"}
        return {"keys": key, "values": values, "items": {"prefixItems": [key, values]}}[method]

    def bind(self, target: ast.expr, elements: list | dict) -> None:
        if isinstance(elements, list):  # concrete values: each name gets what every value has there
            found: dict[str, list[dict]] = {}
            for value in elements:
                for name, schema in _unpacked(target, value).items():
                    found.setdefault(name, []).append(schema)
            self.loop_vars.update({name: union(schemas) for name, schemas in found.items()})
            return
        if isinstance(target, ast.Name):
            self.loop_vars[target.id] = elements
        elif isinstance(target, ast.Tuple) and "prefixItems" in elements:
            for one, schema in zip(target.elts, elements["prefixItems"]):
                self.bind(one, schema)
        else:
            raise ShapeError(f"{self.where(target)}: unpacks what this reader cannot")

    def dict_comp(self, node: ast.DictComp) -> dict:
        """`{k: other[k] for k in KEYS}`: those keys of another serializer's output."""
        gen = node.generators[0]
        keys = self.evaluate(gen.iter)
        value = node.value
        if isinstance(keys, (tuple, list)) and isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) \
                and isinstance(value.slice, ast.Name) and isinstance(gen.target, ast.Name) \
                and value.slice.id == gen.target.id:
            source = self.reader.resolved(self.expr(value.value))
            if "properties" in source:
                shape = Shape()
                for key in keys:
                    shape.put(key, source["properties"][key], key in source.get("required", []))
                return shape.schema()
        return {"type": "object", "additionalProperties": self.expr(node.value)}

    def dataclass_field(self, node: ast.Attribute) -> dict | None:
        """`page.size` where the parameter is a dataclass: the field's declared type."""
        fields = getattr(self.type_of(node.value), "__dataclass_fields__", {})
        return _BUILTINS.get(fields[node.attr].type) if node.attr in fields else None

    def setting(self, node: ast.Attribute) -> dict | None:
        """`settings.app_url` where `settings = get_settings()`: the settings field's type."""
        info = getattr(self.type_of(node.value), "model_fields", {}).get(node.attr)
        return _BUILTINS.get(info.annotation) if info is not None else None

    def bool_op(self, node: ast.BoolOp) -> dict:
        """`a or b`: b when a is falsy. A helper's output is never null, so only columns add null.

        `getattr(row, "name", None) or default`: a value the resource's `prepare` worked out for
        the page, of the default's type (the tests render it both ways)."""
        if isinstance(node.op, ast.Or) and _is_prepared(node.values[0]):
            return self.expr(node.values[-1])
        parts = [self.expr(v) for v in node.values]
        if isinstance(node.op, ast.Or):
            # The left side only reaches the output when truthy: never null.
            cleaned = [_without_null(p) for p in parts[:-1]] + [parts[-1]]
            return union(cleaned)
        return union(parts)

    def column(self, node: ast.Attribute):
        """`row.name` where the parameter is annotated with a model: that column."""
        if not isinstance(node.value, ast.Name):
            return None
        model = self.annotations.get(node.value.id)
        table = getattr(model, "__table__", None)
        if table is None or node.attr not in table.columns:
            return None
        return table.columns[node.attr]

    def call(self, node: ast.Call) -> dict:
        func = self.evaluate(node.func)
        if isinstance(getattr(func, "__self__", None), str):
            func = None  # `" ".join(...)`: a str method, told by its name below
        if func is None and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("strftime", "isoformat", "format", "join", "lower", "upper", "strip"):
                return {"type": "string"}
            if node.func.attr in ("startswith", "endswith", "isdigit"):
                return {"type": "boolean"}
            if node.func.attr == "split":
                return {"type": "array", "items": {"type": "string"}}
            if node.func.attr == "get":
                raise ShapeError(f"{self.where(node)}: `{ast.unparse(node)}` reads a dict whose type is unknown")
        if func in HELPERS:
            return HELPERS[func]
        if func is render_one and self.reader.resource_ref is not None:
            resource = self.evaluate(node.args[1])
            if resource is None:
                raise ShapeError(f"{self.where(node)}: renders a Resource this reader cannot tell")
            return self.reader.resource_ref(resource)
        if func in (max, min):
            return union([self.expr(a) for a in node.args])
        if func in _BUILTINS:
            if func is getattr(builtins, "list") and node.args:
                inner = self.expr(node.args[0])
                return inner if inner.get("type") == "array" else {"type": "array"}
            return _BUILTINS[func]
        if func in _LIBRARY:
            return _LIBRARY[func]
        if func is None and isinstance(node.func, ast.Attribute):
            func = self.method(node.func)
        if func is None and isinstance(node.func, ast.Name) and node.func.id in self.nested:
            returns = self.nested[node.func.id].returns
            annotated = annotation_schema(self.evaluate(returns)) if returns is not None else None
            if annotated is None:
                raise ShapeError(f"{self.where(node)}: `{node.func.id}` states no return type")
            return annotated
        if callable(func) and ours(func):
            if getattr(func, "json_schema", None) is not None:
                return declared_schema(func)
            annotated = annotation_schema(inspect.signature(func).return_annotation)
            if annotated is not None:
                return annotated
            return self.reader.ref_or_schema(func, self.bindings(func, node))
        raise ShapeError(f"{self.where(node)}: cannot tell what `{ast.unparse(node.func)}` returns")


    def method(self, node: ast.Attribute) -> Callable | None:
        """`related.client_label` where `related` is annotated with (or made by a function
        returning) a class: that class's method."""
        cls = self.type_of(node.value)
        return getattr(cls, node.attr, None) if isinstance(cls, type) else None

    def type_of(self, node: ast.expr):
        """The Python class an expression holds, as far as annotations tell it."""
        if isinstance(node, ast.Name):
            if node.id in self.loop_types:
                return self.loop_types[node.id]
            if node.id in self.annotations:
                return self.annotations[node.id]
            if node.id in self.locals:
                return self.type_of(self.locals[node.id])
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) \
                and isinstance(local := self.locals.get(node.value.id), ast.Dict):
            key = self.constant_key(node.slice)
            found = [v for k, v in zip(local.keys, local.values) if k is not None and self.constant_key(k) == key]
            return self.type_of(found[0]) if found else None
        if isinstance(node, ast.Dict) and node.values:
            kinds = {self.type_of(v) for v in node.values}
            value = kinds.pop() if len(kinds) == 1 else None
            return dict[str, value] if isinstance(value, type) else None
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            return self.type_of(node.values[-1])  # `getattr(state, "settings", None) or get_settings()`
        if isinstance(node, ast.Call):
            func = self.evaluate(node.func)
            if callable(func):
                try:
                    return inspect.signature(func).return_annotation
                except (TypeError, ValueError):
                    return None
        return None

    def bindings(self, func: Callable, node: ast.Call) -> dict:
        """Arguments of the call that are module or closure objects (not rows): passed on by name."""
        try:
            names = list(inspect.signature(func).parameters)
        except (TypeError, ValueError):
            return {}
        bound = {}
        for name, arg in zip(names, node.args):
            if isinstance(arg, ast.Name) and arg.id in self.closure and arg.id not in self.params:
                bound[name] = self.closure[arg.id]
        return bound

    @property
    def params(self) -> list[str]:
        return [a.arg for a in self.node.args.args]


def _parse(fn: Callable) -> ast.FunctionDef | ast.Lambda:
    """The function's definition; for a lambda written inside a call, the lambda alone."""
    source = textwrap.dedent(inspect.getsource(fn))
    if fn.__name__ != "<lambda>":
        node = ast.parse(source).body[0]
        if isinstance(node, ast.FunctionDef):
            return node
        raise ShapeError(f"{fn.__qualname__}: not a function definition")
    start = source.index("lambda")
    for end in range(len(source), start, -1):
        try:
            node = ast.parse(source[start:end].strip().rstrip(","), mode="eval").body
        except SyntaxError:
            continue
        if isinstance(node, ast.Lambda):
            return node
    raise ShapeError(f"{fn.__qualname__}: a lambda this reader cannot find")


def _unpacked(target: ast.expr, value) -> dict[str, dict]:
    if isinstance(target, ast.Name):
        return {target.id: value_schema(value)}
    if isinstance(target, ast.Tuple) and isinstance(value, (tuple, list)) and len(value) == len(target.elts):
        out: dict[str, dict] = {}
        for one, part in zip(target.elts, value):
            out.update(_unpacked(one, part))
        return out
    raise ShapeError(f"cannot unpack {value!r} into `{ast.unparse(target)}`")


def _is_prepared(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" \
        and len(node.args) == 3 and isinstance(node.args[2], ast.Constant) and node.args[2].value is None


def _shape(schema: dict) -> Shape:
    more = schema.get("additionalProperties")
    return Shape(dict(schema.get("properties", {})), list(schema.get("required", [])),
                 more is True, [more] if isinstance(more, dict) else [])


def _without_null(schema: dict) -> dict:
    kind = schema.get("type")
    if isinstance(kind, list) and "null" in kind:
        rest = [t for t in kind if t != "null"]
        return {**schema, "type": rest[0] if len(rest) == 1 else rest}
    return schema
