from fastapi import APIRouter

from ninja_api.group_settings import service
from ninja_api.group_settings.resource import group_setting_resource
from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)

router.include_router(
    crud_router(group_setting_resource, EntityService(blank=service.blank, create=service.create, update=service.update))
)
