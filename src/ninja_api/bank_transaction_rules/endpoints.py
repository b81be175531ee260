from fastapi import APIRouter

from ninja_api.bank_transaction_rules import service
from ninja_api.bank_transaction_rules.resource import bank_transaction_rule_resource
from ninja_api.http.crud import EntityService, crud_router
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)
router.include_router(crud_router(bank_transaction_rule_resource, EntityService(
    blank=service.blank, create=service.create, update=service.update)))
