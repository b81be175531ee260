from fastapi import APIRouter

from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.routing import UnitOfWorkRoute
from ninja_api.recurring_expenses import service
from ninja_api.recurring_expenses.resource import recurring_expense_resource

router = APIRouter(route_class=UnitOfWorkRoute)

router.include_router(crud_router(recurring_expense_resource, EntityService(
    blank=service.blank, create=service.create, update=service.update,
    delete=lambda session, ctx, row: service.delete(session, ctx, row))))
