"""The company gateway entity as the shared machinery sees it."""

from ninja_api.activities.resource import system_log_resource
from ninja_api.company_gateways import repository, service
from ninja_api.company_gateways.schemas import CatalogueGateway, serialize_company_gateway, serialize_gateway
from ninja_api.http.listing import contains
from ninja_api.http.resource import Include, Resource
from ninja_api.models import CompanyGateway
from ninja_api.statics.data import gateway as catalogue_gateway

# The system log type of each gateway's responses, by gateway key (upstream's gateway_consts).
LOG_TYPES = {
    "38f2c48af60c7dd69e04248cbb24c36e": 300, "d14dd26a37cecc30fdd65700bfb55b23": 301,
    "d14dd26a47cecc30fdd65700bfb67b34": 301, "3758e7f7c6f4cecf0f4f348b9a00f456": 304,
    "3b6621f970ab18887c4f6dca78d3f8bb": 305, "54faab2ab6e3223dbe848b1686490baa": 306,
    "f7ec488676d310683fb51802d076d713": 307, "8fdeed552015b3c7b44ed6c8ebd9e992": 309,
    "d6814fc83f45d2935e7777071e629ef9": 310, "bbd736b3254b0aabed6ad7fda1298c88": 311,
    "1bd651fb213ca0c9d66ae3c336dc77e8": 312, "944c20175bbe6b9972c05bcfe294c2c7": 313,
    "kivcvjexxvdiyqtj3mju5d6yhpeht2xs": 314, "65faab2ab6e3223dbe848b1686490baz": 320,
    "b9886f9257f0c6ee7c302f1c74475f6c": 321, "hxd6gwg3ekb9tb3v9lptgx1mqyg69zu9": 322,
    "80af24a6a691230bbec33e930ab40666": 323, "vpyfbmdrkqcicpkjqdusgjfluebftuva": 324,
    "91be24c7b792230bced33e930ac61676": 325, "wbhf02us6owgo7p4nfjd0ymssdshks4d": 326,
    "b67581d804dbad1743b61c57285142ad": 327,
}
SYSTEM_LOG_LIMIT = 50


def _gateways(session, rows, ctx) -> dict:
    found = {}
    for row in rows:
        entry = catalogue_gateway(row.gateway_key)
        if entry is not None:
            found[row.id] = CatalogueGateway(int(entry["id"]), entry)
    return found


def _system_logs(session, rows, ctx) -> dict:
    """The company's newest 50 logs of the gateway's type (none for a gateway without one)."""
    types = {row.id: LOG_TYPES[row.gateway_key] for row in rows if row.gateway_key in LOG_TYPES}
    by_type = repository.system_logs_of(session, ctx.company_id, types, SYSTEM_LOG_LIMIT)
    return {row_id: by_type.get(type_id, []) for row_id, type_id in types.items()}


gateway_resource = Resource(
    name="gateways", label="Gateway", model=CompanyGateway, serialize=serialize_gateway,
    permission="company_gateway", has_assigned_user=False,
)

company_gateway_resource = Resource(
    name="company_gateways",
    label="CompanyGateway",
    model=CompanyGateway,
    serialize=serialize_company_gateway,
    permission="company_gateway",
    has_assigned_user=False,
    includes=[
        Include("system_logs", lambda: system_log_resource, _system_logs),
        Include("gateway", lambda: gateway_resource, _gateways, many=False),
    ],
    silent_relations=frozenset({"company", "client_gateway_tokens"}),
    filters={"filter": contains(CompanyGateway.label)},
    actions={"archive": service.archive, "restore": service.restore, "delete": service.delete},
    strict_ids=True,
    admin_items=True,
    admin_bulk=True,
    edit_deleted=True,
)
