from fastapi import APIRouter

from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.locations import service
from ninja_api.locations.resource import location_resource

router = APIRouter(route_class=UnitOfWorkRoute)

router.include_router(
    crud_router(location_resource, EntityService(blank=service.blank, create=service.create, update=service.update))
)
