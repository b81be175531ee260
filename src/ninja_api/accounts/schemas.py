from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, money, text, unix
from ninja_api.models import Account
from ninja_api.settings import get_settings

UPLOAD_EXTENSIONS = (
    "png,ai,jpeg,tiff,pdf,gif,psd,txt,doc,xls,ppt,xlsx,docx,pptx,webp,xml,zip,csv,ods,odt,odp,"
)


def serialize_account(row: Account, ctx: AuthContext | None) -> dict:
    settings = get_settings()
    return {
        "id": hashed(row.id),
        "key": text(row.key),
        "default_url": settings.app_url,
        "plan": text(row.plan),
        "plan_term": text(row.plan_term),
        "plan_started": "",
        "plan_paid": "",
        "plan_expires": "",
        "user_agent": text(row.user_agent),
        "payment_id": "",
        "trial_started": "",
        "trial_plan": "",
        "plan_price": money(row.plan_price),
        "num_users": int(row.num_users or 0),
        "utm_source": "",
        "utm_medium": "",
        "utm_content": "",
        "utm_term": "",
        "referral_code": text(row.referral_code),
        "latest_version": text(row.latest_version).strip(),
        "current_version": settings.app_version,
        "updated_at": unix(row.updated_at),
        "archived_at": 0,
        "report_errors": bool(row.report_errors),
        "debug_enabled": False,
        "is_docker": False,
        "is_scheduler_running": bool(row.is_scheduler_running),
        "default_company_id": hashed(row.default_company_id),
        "disable_auto_update": True,
        "emails_sent": 0,
        "email_quota": 0,
        "is_migrated": bool(row.is_migrated),
        "hosted_client_count": int(row.hosted_client_count or 0),
        "hosted_company_count": int(row.hosted_company_count or 0),
        "is_hosted": False,
        "set_react_as_default_ap": bool(row.set_react_as_default_ap),
        "trial_days_left": 0,
        "account_sms_verified": bool(row.account_sms_verified),
        "has_iap_plan": False,
        "tax_api_enabled": False,
        "nordigen_enabled": False,
        "upload_extensions": UPLOAD_EXTENSIONS + get_settings().additional_upload_extensions,
    }
