from fastapi import APIRouter

from ninja_api.expense_categories import service
from ninja_api.expense_categories.resource import expense_category_resource
from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)

router.include_router(
    crud_router(expense_category_resource, EntityService(blank=service.blank, create=service.create, update=service.update))
)
