from fastapi import APIRouter

from ninja_api.expenses import service
from ninja_api.expenses.resource import expense_resource
from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)

router.include_router(
    crud_router(expense_resource, EntityService(blank=service.blank, create=service.create, update=service.update))
)
