"""The subscription entity as the shared machinery sees it."""

from ninja_api.http.listing import contains
from ninja_api.http.resource import Resource
from ninja_api.models import Subscription
from ninja_api.subscriptions import service
from ninja_api.subscriptions.schemas import serialize_subscription

subscription_resource = Resource(
    name="subscriptions",
    label="Subscription",
    model=Subscription,
    serialize=serialize_subscription,
    permission="subscription",
    # Relations of upstream's model; its transformer renders none of them.
    silent_relations=frozenset({"company", "user", "group_settings"}),
    filters={"filter": contains(Subscription.name)},
    actions={
        "archive": service.archive,
        "restore": service.restore,
        "delete": service.delete,
        "assign_invoice": service.assign_invoice,
    },
    strict_ids=True,
    bulk_validate=service.check_bulk,
)
