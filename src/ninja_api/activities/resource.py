from ninja_api.activities.schemas import serialize_activity, serialize_ledger, serialize_system_log
from ninja_api.http.listing import exact_number
from ninja_api.http.resource import Resource
from ninja_api.models import Activity, CompanyLedger, SystemLog

activity_resource = Resource(
    name="activities", label="Activity", model=Activity, serialize=serialize_activity,
    permission="activity", has_assigned_user=False, soft_deletes=False,
)
ledger_resource = Resource(
    name="company_ledger", label="CompanyLedger", model=CompanyLedger, serialize=serialize_ledger,
    permission="client", has_assigned_user=False, soft_deletes=False,
)
system_log_resource = Resource(
    name="system_logs", label="SystemLog", model=SystemLog, serialize=serialize_system_log,
    permission="system_log", has_assigned_user=False, soft_deletes=False,
    filters={"type_id": exact_number(SystemLog.type_id), "category_id": exact_number(SystemLog.category_id),
             "event_id": exact_number(SystemLog.event_id)},
)
