from ninja_api.http.crud import EntityService, crud_router
from ninja_api.tax_rates import service
from ninja_api.tax_rates.resource import tax_rate_resource

router = crud_router(
    tax_rate_resource, EntityService(blank=service.blank, create=service.create, update=service.update)
)
