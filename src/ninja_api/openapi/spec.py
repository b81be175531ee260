"""The OpenAPI document, built from the routes and what each entity's Resource declares.

FastAPI gives the paths, operation ids and path parameters. Every route the shared CRUD
machinery made (`crud.py` marks them with their Resource and role) gets, from that Resource:
its entity schema (read from the serializer by `shapes.py`), its list filters, sorts and includes,
its bulk actions and its request body. Every other route's 200 is read from its own return
statements (`answers.py`). Every operation gets upstream's error bodies.
"""

import inspect
from collections.abc import Callable

from fastapi import FastAPI, routing
from fastapi.openapi.utils import get_openapi

from ninja_api.http import rules
from ninja_api.http.input import MAX_BODY_BYTES
from ninja_api.http.listing import common_filters
from ninja_api.http.pagination import DEFAULT_PER_PAGE, MAX_PER_PAGE, pagination_meta
from ninja_api.http.resource import Resource
from ninja_api.openapi import answers, bodies
from ninja_api.openapi.shapes import HASHED_ID, Reader

JSON = "application/json"
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
# Keys the server sets itself; a body may send them, they are not read.
READ_ONLY = frozenset({"id", "user_id", "created_at", "updated_at", "archived_at", "is_deleted", "entity_type"})
ITEM_ROLES = ("blank", "store", "show", "edit", "update", "destroy")

ERRORS = {
    "400": ("Bad request: a row that is not this company's, a deleted row, an unknown include",
            {"anyOf": [{"$ref": "#/components/schemas/Message"},
                       {"type": "object", "properties": {"error": {"$ref": "#/components/schemas/Message"}},
                        "required": ["error"]},
                       {"type": "string"}]}),
    "401": ("This action is unauthorized (the user lacks the permission)", {"$ref": "#/components/schemas/Message"}),
    "403": ("Invalid token", {"$ref": "#/components/schemas/Message"}),
    "404": ("No such route or method", {"$ref": "#/components/schemas/Message"}),
    "405": ("Upstream refuses the route itself (documents are created by uploading to an entity)",
            {"$ref": "#/components/schemas/Message"}),
    "409": ("Still working: what was asked for is not ready yet", {"$ref": "#/components/schemas/Message"}),
    "412": ("The password check failed or is missing (X-API-PASSWORD)", {"$ref": "#/components/schemas/Message"}),
    "413": (f"The body is larger than {MAX_BODY_BYTES} bytes", {"$ref": "#/components/schemas/Message"}),
    "422": ("The given data was invalid", {"$ref": "#/components/schemas/ValidationErrors"}),
    "429": ("Too many attempts", {"$ref": "#/components/schemas/Message"}),
    "503": ("Every database connection stayed busy; retry after Retry-After seconds",
            {"$ref": "#/components/schemas/Message"}),
}
SHARED_SCHEMAS = {
    "Message": {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]},
    "ValidationErrors": {
        "type": "object",
        "properties": {"message": {"type": "string", "enum": ["The given data was invalid."]},
                       "errors": {"type": "object", "additionalProperties": {"type": "array",
                                                                             "items": {"type": "string"}}}},
        "required": ["message", "errors"],
    },
}
FILES = {"application/pdf": {"schema": {"type": "string", "format": "binary"}},
         "application/zip": {"schema": {"type": "string", "format": "binary"}}}


def operations(app: FastAPI) -> list:
    """Every route of the document, as FastAPI's route contexts (path_format, methods, endpoint)."""
    return [c for c in routing.iter_route_contexts(app.routes)
            if isinstance(c.original_route, routing.APIRoute) and c.original_route.include_in_schema]


def entities_of(app: FastAPI) -> "Entities":
    return Entities([c.endpoint.resource for c in operations(app) if hasattr(c.endpoint, "resource")])


def build(app: FastAPI, entities: "Entities | None" = None) -> dict:
    """`entities`: to see afterwards every entity the document names (the tests render each)."""
    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    contexts = operations(app)
    entities = entities if entities is not None else entities_of(app)
    for context in contexts:
        for method in context.methods:
            operation = spec["paths"].get(context.path_format, {}).get(method.lower())
            if operation is not None:
                _describe(operation, context, entities)
    # After the operations: a route may have named an entity the CRUD routes do not render.
    schemas = {**SHARED_SCHEMAS, "Meta": Reader().schema_of(pagination_meta), **entities.components()}
    spec["components"] = {
        "schemas": dict(sorted({**schemas, **entities.inputs}.items())),
        "responses": {code: {"description": text, "content": {JSON: {"schema": schema}}}
                      for code, (text, schema) in ERRORS.items()},
        "securitySchemes": {"ApiToken": {"type": "apiKey", "in": "header", "name": "X-API-TOKEN"}},
    }
    spec["security"] = [{"ApiToken": []}]
    spec["servers"] = [{"url": "/", "description": "this server (the paths carry /api/v1)"}]
    return spec


class Entities:
    """One component schema per serializer; a serializer's nested serializers become $refs."""

    def __init__(self, resources: list[Resource]) -> None:
        self.by_fn: dict[Callable, tuple[str, Resource]] = {}
        taken: set[str] = set()
        for resource in resources:
            self._name(resource, resource.serialize, taken)
            for fn in resource.route_serializers.values():
                self._name(resource, fn, taken)
        self.reader = Reader({fn: name for fn, (name, _) in self.by_fn.items()})
        self.reader.resource_ref = self.ref_of
        self.reader.named[pagination_meta] = "Meta"  # a page's meta, wherever a route builds one
        self.inputs: dict[str, dict] = {}

    def _name(self, resource: Resource, fn: Callable, taken: set[str]) -> None:
        if fn in self.by_fn:
            return
        name, n = resource.label, 1
        while name in taken:
            n += 1
            name = f"{resource.label}{n}"
        taken.add(name)
        self.by_fn[fn] = (name, resource)
        for include in resource.default_includes + resource.includes:
            target = _target(include)
            if target is not None:
                self._name(target, target.serialize, taken)

    def by_fn_resources(self) -> list[Resource]:
        return [resource for _, resource in self.by_fn.values()]

    def ref(self, fn: Callable) -> dict:
        return {"$ref": f"#/components/schemas/{self.by_fn[fn][0]}"}

    def ref_of(self, resource: Resource) -> dict:
        """A resource a route renders outside the CRUD machinery (companies, activities): named
        when first met, so the components hold every entity a route answers with."""
        if resource.serialize not in self.by_fn:
            self._name(resource, resource.serialize, {name for name, _ in self.by_fn.values()})
            self.reader.named.update({fn: name for fn, (name, _) in self.by_fn.items()})
        return self.ref(resource.serialize)

    def components(self) -> dict:
        return {name: self.entity(fn, resource) for fn, (name, resource) in sorted(self.by_fn.items(),
                                                                                 key=lambda kv: kv[1][0])}

    def entity(self, fn: Callable, resource: Resource) -> dict:
        schema = self.reader.schema_of(fn)
        if "properties" not in schema:  # renders as another serializer does
            return schema
        properties = dict(schema["properties"])
        required = list(schema.get("required", []))
        for include in resource.default_includes + resource.includes:
            target = _target(include)
            item = self.ref(target.serialize) if target is not None else {"not": {}}
            if include.many:
                properties[include.name] = {"type": "array", "items": item} if target is not None else \
                    {"type": "array", "maxItems": 0}
            else:
                properties[include.name] = item
            if include in resource.default_includes and include.many:
                required.append(include.name)
        return {**schema, "properties": properties, "required": required}

    def body(self, fn: Callable) -> dict:
        """What a create or update reads: the entity's own keys, unknown keys ignored; the rules its
        validator checks (`Resource.rules`) as the keys' constraints."""
        label, resource = self.by_fn[fn]
        name = label + "Input"
        if name not in self.inputs:
            schema = self.reader.resolved(self.reader.schema_of(fn))
            properties = {k: v for k, v in schema["properties"].items() if k not in READ_ONLY}
            for rule in resource.rules:
                properties[rule.field] = {**properties.get(rule.field, {}), **rule.json_schema()}
            self.inputs[name] = {"type": "object", "properties": properties, "additionalProperties": True}
        return {"$ref": f"#/components/schemas/{name}"}

    def required(self, fn: Callable, role: str) -> list[str]:
        """The keys a create (or, for ALWAYS rules, an update too) must send."""
        wanted = (rules.ALWAYS, rules.ON_CREATE) if role == "store" else (rules.ALWAYS,)
        return [rule.field for rule in self.by_fn[fn][1].rules if rule.required in wanted]


def _target(include) -> Resource | None:
    try:
        return include.target()
    except LookupError:  # a relation this server does not store: always []
        return None


def _describe(operation: dict, context, entities: Entities) -> None:
    endpoint = context.endpoint
    resource: Resource | None = getattr(endpoint, "resource", None)
    role = getattr(endpoint, "role", None)
    responses = {code: {"$ref": f"#/components/responses/{code}"} for code in ERRORS}
    parameters = [p for p in operation.get("parameters", []) if p["in"] == "path"]
    for p in parameters:
        p["schema"] = {"type": "string"}
        p.setdefault("description", "hashed id" if p["name"].endswith("id") else "")
    if resource is None:
        responses["200"] = answers.success(entities, endpoint, context.original_route)
        if context.methods & {"POST", "PUT", "PATCH"}:
            operation["requestBody"] = _read_body(endpoint)
    else:
        fn = resource.route_serializers.get(role, resource.serialize)
        entity = entities.ref(fn)
        if role == "index":
            parameters += _list_parameters(resource)
            responses["200"] = _envelope({"type": "array", "items": entity}, "The page of rows")
        elif role == "bulk":
            parameters.append(_include_parameter(resource))
            operation["requestBody"] = _request(_bulk_body(resource), required=True)
            responses["200"] = _bulk_success(resource, entity)
        else:
            parameters.append(_include_parameter(resource))
            responses["200"] = _envelope(entity, "The row")
            if role in ("store", "update"):
                body, needed = entities.body(fn), entities.required(fn, role)
                if needed:
                    body = {"allOf": [body], "required": needed}
                operation["requestBody"] = _request(body, required=bool(needed))
    operation["parameters"] = parameters
    if not parameters:
        del operation["parameters"]
    operation["responses"] = dict(sorted(responses.items()))


def _envelope(data: dict, description: str) -> dict:
    meta = {"$ref": "#/components/schemas/Meta"} if data.get("type") == "array" else None
    return {"description": description, "content": {JSON: {"schema": answers.envelope_of(data, meta)}}}


def _bulk_success(resource: Resource, entity: dict) -> dict:
    answer = _envelope({"type": "array", "items": entity}, "The rows the action named, as they are now")
    if resource.empty_bulk_message is not None:
        schema = answer["content"][JSON]["schema"]
        answer["content"][JSON]["schema"] = {"anyOf": [schema, {"$ref": "#/components/schemas/Message"}]}
    if resource.set_actions:
        answer["description"] += f"; {', '.join(sorted(resource.set_actions))} answer with a file"
        answer["content"].update(FILES)
    return answer


def _read_body(endpoint: Callable) -> dict:
    """The keys the route (and what it hands its input to) reads; files in multipart only."""
    reads = bodies.reads_of(endpoint)
    plain = bodies.body_schema(reads)
    content = {JSON: {"schema": plain}, FORMS[0]: {"schema": plain},
               FORMS[1]: {"schema": bodies.multipart_schema(reads)}}
    return {"required": False, "content": content}


def _request(schema: dict, required: bool) -> dict:
    return {"required": required,
            "content": {JSON: {"schema": schema}, **{form: {"schema": schema} for form in FORMS}}}


def _bulk_body(resource: Resource) -> dict:
    actions = sorted(set(resource.actions) | set(resource.set_actions))
    action: dict = {"type": "string"}
    if resource.strict_actions:
        action["enum"] = actions
    else:
        action["description"] = "one of " + ", ".join(actions) + "; another is ignored"
    return {"type": "object",
            "properties": {"ids": {"type": "array", "items": HASHED_ID, "minItems": 1}, "action": action},
            "required": ["ids", "action"] if resource.action_required else ["ids"],
            "additionalProperties": True}


def _include_parameter(resource: Resource) -> dict:
    names = sorted(resource.relation_names())
    return {"name": "include", "in": "query", "required": False,
            "description": "comma-separated relations, dotted for nested ones (client.contacts); "
                           f"known: {', '.join(names) or 'none'}",
            "schema": {"type": "string"}}


def _list_parameters(resource: Resource) -> list[dict]:
    filters = {**common_filters(resource.model), **resource.filters}
    sortable = sorted((set(resource.model.__table__.columns.keys()) | set(resource.sorts)) - resource.ignored_sorts)
    out = [{"name": name, "in": "query", "required": False, "description": _filter_doc(apply),
            "schema": {"type": "string"}} for name, apply in sorted(filters.items())]
    out += [
        {"name": "sort", "in": "query", "required": False,
         "description": f"`column|asc` or `column|desc`; columns: {', '.join(sortable)}",
         "schema": {"type": "string", "pattern": r"^[A-Za-z0-9_]+\|(asc|desc)$"}},
        {"name": "per_page", "in": "query", "required": False,
         "description": f"rows a page, {DEFAULT_PER_PAGE} unless sent, at most {MAX_PER_PAGE}",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}},
        {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1}},
        {"name": "cursor", "in": "query", "required": False,
         "description": "keyset paging instead of `page`: empty for the first page by id, then the "
                        "`meta.pagination.next_cursor` of the page before; no row is skipped or repeated "
                        "while others write; not with `sort`",
         "schema": {"type": "string"}},
        {"name": "updated_since", "in": "query", "required": False,
         "description": "a sync: rows updated at or after this unix timestamp or date, oldest change first "
                        "(updated_at, then id), continued with `cursor`; a row changed again comes again",
         "schema": {"type": "string"}},
        _include_parameter(resource),
    ]
    return out


def _filter_doc(apply: Callable) -> str:
    """The filter's own docstring, or the one of the factory that made it (`exact(column)`)."""
    doc = inspect.getdoc(apply) if apply.__doc__ else None
    if doc:
        return doc
    factory = apply.__qualname__.split(".<locals>")[0]
    made_by = apply.__globals__.get(factory)
    return (inspect.getdoc(made_by) or "") if made_by is not None and made_by is not apply else ""
