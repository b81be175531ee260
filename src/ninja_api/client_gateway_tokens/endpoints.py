from fastapi import APIRouter

from ninja_api.client_gateway_tokens import service
from ninja_api.clients.resource import gateway_token_resource
from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)
router.include_router(crud_router(gateway_token_resource, EntityService(
    blank=service.blank, create=service.create, update=service.update)))
