from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.envelope import message
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.tasks import service
from ninja_api.tasks.resource import task_resource

router = APIRouter(route_class=UnitOfWorkRoute)


# Declared before the shared routes so that `/tasks/sort` is not read as a task id.
@router.post("/tasks/sort", tags=["tasks"], summary="Sort tasks on KanBan", operation_id="sortTasks")
def sort_tasks(
    inp: RequestInput = Depends(get_input),
    ctx: AuthContext = Depends(require_auth),
    session: Session = Depends(get_session),
):
    service.sort(session, ctx, inp)
    return message("Ok")


router.include_router(
    crud_router(task_resource, EntityService(blank=service.blank, create=service.create, update=service.update,
                                             delete=service.delete))
)
