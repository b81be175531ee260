from fastapi import APIRouter

from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.projects import service
from ninja_api.projects.resource import project_resource

router = APIRouter(route_class=UnitOfWorkRoute)

router.include_router(
    crud_router(project_resource, EntityService(blank=service.blank, create=service.create, update=service.update))
)
