from fastapi import APIRouter

from ninja_api.company_gateways import service
from ninja_api.company_gateways.resource import company_gateway_resource
from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)
router.include_router(crud_router(company_gateway_resource, EntityService(
    blank=service.blank, create=service.create, update=service.update, delete=service.destroy,
    validate=service.validate_update,
)))
