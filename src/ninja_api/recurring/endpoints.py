"""The routes of a recurring entity: the shared CRUD and bulk routes, and its item actions."""

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from ninja_api.billing import downloads
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router, item_response
from ninja_api.http.errors import bad_request
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.lookup import find
from ninja_api.http.resource import Resource
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.recurring import actions, service
from ninja_api.recurring.kind import RecurringKind


def router_for(kind: RecurringKind, resource: Resource) -> APIRouter:
    router = APIRouter(route_class=UnitOfWorkRoute)
    router.include_router(crud_router(resource, EntityService(
        blank=lambda session, ctx: service.blank(session, ctx, kind),
        create=lambda session, ctx, inp: service.create(session, ctx, kind, inp),
        update=lambda session, ctx, row, inp: service.update(session, ctx, kind, row, inp),
        delete=lambda session, ctx, row: service.delete(session, ctx, kind, row),
    )))
    item_actions = {"archive": actions.archive, "restore": actions.restore, "delete": actions.delete,
                    "start": actions.start, "stop": actions.stop, "send_now": actions.send_now}

    def action(id: str, action: str, inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
               session: Session = Depends(get_session)):
        """Upstream 5.10 routes no item actions for recurring entities (its spec lists one): this
        answers them as bulk does, one row at a time, with the item."""
        row = find(session, resource, id, ctx, "edit")
        if action == "download":
            return downloads.download_response(session, ctx.company, kind.document, row)
        if action == "email":
            return Response(status_code=200)  # upstream's action switch has an empty `email` case
        if action not in item_actions:
            raise bad_request(f"The requested action {action} is not available.")
        item_actions[action](session, ctx, kind, row)
        session.flush()
        return item_response(session, resource, row, inp, ctx)

    router.add_api_route(f"/{resource.name}/{{id}}/{{action}}", action, methods=["GET"], tags=[resource.name],
                         summary=f"Run an action on a {kind.entity.replace('_', ' ')}",
                         operation_id=f"action{kind.document.label}")
    return router
