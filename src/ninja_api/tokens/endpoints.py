from ninja_api.http.crud import EntityService, crud_router
from ninja_api.tokens import service
from ninja_api.tokens.resource import token_resource

router = crud_router(
    token_resource,
    EntityService(
        blank=service.blank,
        create=service.create,
        update=service.update,
        delete=service.destroy,
        # Upstream validates the name before it refuses a deleted token.
        validate=lambda session, ctx, row, inp: service.validated_name(inp),
    ),
)
