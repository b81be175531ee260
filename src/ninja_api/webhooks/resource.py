"""The webhook entity as the shared machinery sees it, and its delivery log as a list of its own."""

from sqlalchemy import Select

from ninja_api.http.crud import default_actions
from ninja_api.http.listing import ilike
from ninja_api.http.resource import Resource
from ninja_api.models import Webhook, WebhookDelivery
from ninja_api.webhooks.schemas import serialize_delivery, serialize_webhook
from ninja_api.webhooks.service import RULES


def _search(query: Select, value, ctx) -> Select:
    return query.where(ilike(Webhook.target_url, value)) if value else query


# Upstream authorises show, edit, blank, store and destroy for admins only.
webhook_resource = Resource(
    name="webhooks",
    label="Webhook",
    model=Webhook,
    serialize=serialize_webhook,
    permission="webhook",
    has_assigned_user=False,
    filters={"filter": _search},
    actions=default_actions(),
    # Upstream calls the repository method the action names: only these exist.
    strict_actions=False,
    silent_relations=frozenset({"company", "user"}),
    admin_items=True,
    rules=RULES,
)

delivery_resource = Resource(
    name="webhook_deliveries",
    label="WebhookDelivery",
    model=WebhookDelivery,
    serialize=serialize_delivery,
    permission="webhook",
    has_assigned_user=False,
    soft_deletes=False,
)
