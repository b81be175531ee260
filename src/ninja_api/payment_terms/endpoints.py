from ninja_api.http.crud import EntityService, crud_router
from ninja_api.payment_terms import service
from ninja_api.payment_terms.resource import payment_term_resource

router = crud_router(
    payment_term_resource,
    EntityService(blank=service.blank, create=service.create, update=service.update, delete=service.delete),
)
