from fastapi import APIRouter

from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.task_statuses import service
from ninja_api.task_statuses.resource import task_status_resource

router = APIRouter(route_class=UnitOfWorkRoute)

router.include_router(
    crud_router(task_status_resource, EntityService(blank=service.blank, create=service.create,
                                                    update=service.update, delete=service.delete))
)
