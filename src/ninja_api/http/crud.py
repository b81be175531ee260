"""The routes every entity shares, generated from its `Resource` and three service functions."""

from collections.abc import Callable
from dataclasses import dataclass, replace

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from ninja_api import ids
from ninja_api.db import get_session
from ninja_api.http import attachments, lifecycle, references
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.password import require_password
from ninja_api.http.envelope import envelope, message
from ninja_api.http.errors import ValidationFailed, record_deleted, unauthorized
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.listing import apply_filters, list_payload, scoped
from ninja_api.http.lookup import can, can_create, find
from ninja_api.http.resource import Resource, include_tree, render_one
from ninja_api.http.routing import UnitOfWorkRoute

Row = object


@dataclass
class EntityService:
    """What an entity's service supplies; everything else is shared."""

    blank: Callable[[Session, AuthContext], Row]
    create: Callable[[Session, AuthContext, RequestInput], Row]
    update: Callable[[Session, AuthContext, Row, RequestInput], Row]
    delete: Callable[[Session, AuthContext, Row], object] | None = None
    # Update validation upstream runs before it looks at the row's state (before "Record is deleted").
    validate: Callable[[Session, AuthContext, Row, RequestInput], None] | None = None


def list_url(request: Request) -> str:
    return str(request.url.replace(query=""))


def item_response(session: Session, resource: Resource, row, inp: RequestInput, ctx: AuthContext) -> Response:
    tree = include_tree(inp.get("include"))
    known = resource.relation_names()
    # Item routes ignore include names they do not know.
    tree = {k: v for k, v in tree.items() if k in known}
    return envelope(inp, render_one(session, resource, row, tree, ctx))


def blank_response(resource: Resource, row, inp: RequestInput, ctx: AuthContext) -> Response:
    data = resource.serialize(row, ctx)
    for inc in resource.default_includes:
        if inc.many:
            data[inc.name] = []
    return envelope(inp, data)


def list_response(session, resource, query, inp, ctx, request) -> Response:
    data, meta = list_payload(session, resource, query, inp, ctx, list_url(request))
    return envelope(inp, data, meta)


def bulk_response(session: Session, resource: Resource, inp: RequestInput, ctx: AuthContext, request: Request) -> Response:
    if resource.admin_bulk and not ctx.is_admin:
        raise unauthorized()
    raw_ids = inp.get("ids")
    if raw_ids is None or raw_ids == []:
        raise ValidationFailed({"ids": ["The ids field is required."]})
    if isinstance(raw_ids, str):
        raw_ids = [raw_ids]
    if not isinstance(raw_ids, list):
        raise ValidationFailed({"ids": ["The ids must be an array."]})
    action = inp.get("action")
    if action is None and resource.action_required:
        raise ValidationFailed({"action": ["The action field is required."]})
    if action is not None and not isinstance(action, str):
        raise ValidationFailed({"action": ["The selected action is invalid."]})
    if resource.strict_actions and action is not None and action not in resource.actions \
            and action not in resource.set_actions:
        raise ValidationFailed({"action": ["The selected action is invalid."]})
    if resource.bulk_guard is not None:
        resource.bulk_guard(ctx, action)

    keys = [ids.decode(v) if isinstance(v, str) else None for v in raw_ids]
    model = resource.model
    wanted = [k for k in keys if k is not None]
    found = list(session.scalars(select(model).where(model.id.in_(wanted))))
    found = [
        r for r in found
        if (resource.in_company(session, r, ctx) if resource.in_company else r.company_id == ctx.company_id)
    ]
    if resource.strict_ids and (None in keys or len({r.id for r in found}) != len(set(keys))):
        raise ValidationFailed({"ids": ["The selected ids is invalid."]})
    if resource.bulk_validate is not None:
        resource.bulk_validate(session, ctx, inp)

    if not found and resource.empty_bulk_message is not None:
        return message(resource.empty_bulk_message)

    whole = resource.set_actions.get(action) if isinstance(action, str) else None
    if whole is not None:
        visible = [r for r in sorted(found, key=lambda r: r.id) if can(ctx, resource, r, "view")]
        answer = whole(session, ctx, visible, inp) if visible else None
        if answer is not None:
            return answer
    handler = resource.actions.get(action) if isinstance(action, str) else None
    if handler is not None:
        for row in sorted(found, key=lambda r: r.id):
            if not can(ctx, resource, row, "edit"):
                continue
            result = handler(session, ctx, row, inp)
            if isinstance(result, Response):
                return result
        session.flush()

    query = scoped(resource, ctx).where(model.id.in_([r.id for r in found] or [0]))
    if resource.base_query is None:
        # Bulk answers with the named rows even when a restricted user could not list them.
        query = select(model).where(model.company_id == ctx.company_id, model.id.in_([r.id for r in found] or [0]))
    return list_response(session, resource, query, inp, ctx, request)


def default_actions(recorded: Callable | None = None) -> dict:
    """archive / restore / delete; `recorded(session, ctx, row, action)` runs when one changed the row
    (an entity's activity)."""

    def run(name, change):
        def action(session, ctx, row, inp):
            if change(row) and recorded is not None:
                recorded(session, ctx, row, name)

        return action

    return {name: run(name, change) for name, change in
            (("archive", lifecycle.archive), ("restore", lifecycle.restore), ("delete", lifecycle.delete))}


def checked_references(session: Session, ctx: AuthContext, resource: Resource, inp: RequestInput, save: Callable):
    """Runs a create or update, then refuses it if the body named another company's row (the
    unit of work then rolls the save back whole); merged into the entity's own 422 if it has one."""
    foreign = references.outside(session, ctx, inp.data, resource.unchecked_ids)
    try:
        row = save()
    except ValidationFailed as exc:
        extra = {k: v for k, v in foreign.items() if k not in exc.errors}
        if extra:
            raise ValidationFailed({**exc.errors, **extra}) from None
        raise
    if foreign:
        raise ValidationFailed(foreign)
    return row


def crud_router(resource: Resource, service: EntityService) -> APIRouter:
    """The routes every entity shares, shaped by what its Resource declares."""
    router = APIRouter(route_class=UnitOfWorkRoute)
    base = f"/{resource.name}"
    tag = [resource.name]
    one, many = resource.singular, resource.plural

    def route(name: str, path: str, methods: list[str], operation_id: str, summary: str):
        def register(fn):
            # The spec reads what the route renders and accepts from these.
            fn.resource, fn.role = resource, name
            operation = resource.operation_ids.get(name, operation_id)
            router.add_api_route(path, fn, methods=methods, tags=tag, summary=summary, operation_id=operation)
            if "PUT" in methods:
                router.add_api_route(path, fn, methods=["PATCH"], tags=tag, include_in_schema=False)
            return fn

        return register

    def auth(name: str):
        return Depends(require_password if name in resource.password_routes else require_auth)

    def rendered_by(name: str) -> Resource:
        serializer = resource.route_serializers.get(name)
        return replace(resource, serialize=serializer) if serializer else resource

    def may_create(ctx: AuthContext) -> None:
        if not (ctx.is_admin if resource.admin_items or resource.admin_create else can_create(ctx, resource)):
            raise unauthorized()

    def item(session: Session, id: str, ctx: AuthContext, ability: str, writing: bool | None = None):
        row = find(session, resource, id, ctx, ability, writing=writing)
        if resource.admin_items and not ctx.is_admin:
            raise unauthorized()
        return row

    @route("index", base, ["GET"], f"get{many}", f"List {resource.name}")
    def index(
        request: Request,
        inp: RequestInput = Depends(get_input),
        ctx: AuthContext = auth("index"),
        session: Session = Depends(get_session),
    ):
        query = apply_filters(resource, scoped(resource, ctx), inp, ctx)
        return list_response(session, resource, query, inp, ctx, request)

    @route("blank", f"{base}/create", ["GET"], f"get{many}Create", f"Blank {one}")
    def blank(
        inp: RequestInput = Depends(get_input),
        ctx: AuthContext = auth("blank"),
        session: Session = Depends(get_session),
    ):
        may_create(ctx)
        return blank_response(rendered_by("blank"), service.blank(session, ctx), inp, ctx)

    @route("bulk", f"{base}/bulk", ["POST"], f"bulk{many}", f"Bulk {resource.name} actions")
    def bulk(
        request: Request,
        inp: RequestInput = Depends(get_input),
        ctx: AuthContext = auth("bulk"),
        session: Session = Depends(get_session),
    ):
        return bulk_response(session, resource, inp, ctx, request)

    @route("store", base, ["POST"], f"store{one}", f"Create {one}")
    def store(
        inp: RequestInput = Depends(get_input),
        ctx: AuthContext = auth("store"),
        session: Session = Depends(get_session),
    ):
        may_create(ctx)
        row = checked_references(session, ctx, resource, inp, lambda: service.create(session, ctx, inp))
        attachments.attach(session, ctx, row, inp)
        session.flush()
        return item_response(session, rendered_by("store"), row, inp, ctx)

    @route("show", f"{base}/{{id}}", ["GET"], f"show{one}", f"Show {one}")
    def show(
        id: str,
        inp: RequestInput = Depends(get_input),
        ctx: AuthContext = auth("show"),
        session: Session = Depends(get_session),
    ):
        return item_response(session, rendered_by("show"), item(session, id, ctx, "view"), inp, ctx)

    @route("edit", f"{base}/{{id}}/edit", ["GET"], f"edit{one}", f"Edit {one}")
    def edit(
        id: str,
        inp: RequestInput = Depends(get_input),
        ctx: AuthContext = auth("edit"),
        session: Session = Depends(get_session),
    ):
        return item_response(session, rendered_by("edit"), item(session, id, ctx, "edit", writing=False), inp, ctx)

    @route("update", f"{base}/{{id}}", ["PUT"], f"update{one}", f"Update {one}")
    def update(
        id: str,
        inp: RequestInput = Depends(get_input),
        ctx: AuthContext = auth("update"),
        session: Session = Depends(get_session),
    ):
        row = item(session, id, ctx, "edit")
        if service.validate is not None:
            service.validate(session, ctx, row, inp)
        if getattr(row, "is_deleted", False) and not resource.edit_deleted:
            raise record_deleted()
        row = checked_references(session, ctx, resource, inp, lambda: service.update(session, ctx, row, inp))
        attachments.attach(session, ctx, row, inp)
        session.flush()
        return item_response(session, rendered_by("update"), row, inp, ctx)

    @route("destroy", f"{base}/{{id}}", ["DELETE"], f"delete{one}", f"Delete {one}")
    def destroy(
        id: str,
        inp: RequestInput = Depends(get_input),
        ctx: AuthContext = auth("destroy"),
        session: Session = Depends(get_session),
    ):
        row = item(session, id, ctx, "edit")
        if service.delete is not None:
            service.delete(session, ctx, row)
        else:
            lifecycle.delete(row)
        session.flush()
        return item_response(session, rendered_by("destroy"), row, inp, ctx)

    return router
