"""The JSON every document renders alike: the shared run of keys and the invitations."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, money, text, unix, ymd
from ninja_api.settings import get_settings

PORTAL_MODES_WITH_LINKS = {"subdomain", "iframe", "domain"}


def datetime_raw(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else ""


def shared_body(row) -> dict:
    """The run of keys invoices, quotes and credits render alike, in the same order."""
    return {
    "uses_inclusive_taxes": bool(row.uses_inclusive_taxes),
    "tax_name1": text(row.tax_name1),
    "tax_rate1": money(row.tax_rate1),
    "tax_name2": text(row.tax_name2),
    "tax_rate2": money(row.tax_rate2),
    "tax_name3": text(row.tax_name3),
    "tax_rate3": money(row.tax_rate3),
    "total_taxes": money(row.total_taxes),
    "is_amount_discount": bool(row.is_amount_discount),
    "footer": text(row.footer),
    "partial": money(row.partial),
    "partial_due_date": ymd(row.partial_due_date),
    "custom_value1": text(row.custom_value1),
    "custom_value2": text(row.custom_value2),
    "custom_value3": text(row.custom_value3),
    "custom_value4": text(row.custom_value4),
    "has_tasks": False,
    "has_expenses": False,
    "custom_surcharge1": money(row.custom_surcharge1),
    "custom_surcharge2": money(row.custom_surcharge2),
    "custom_surcharge3": money(row.custom_surcharge3),
    "custom_surcharge4": money(row.custom_surcharge4),
    }


def portal_base(ctx: AuthContext) -> str:
    domain = ctx.company.portal_domain or ""
    return domain.rstrip("/") if len(domain) > 5 else get_settings().app_url.rstrip("/")


def portal_link(ctx: AuthContext, kind, invitation) -> str:
    """Where the invitation's contact opens the document; vendors' links always use APP_URL."""
    if kind.party.portal == "client":
        return f"{portal_base(ctx)}/client/{kind.entity}/{invitation.key}"
    return f"{get_settings().app_url.rstrip('/')}/{kind.party.portal}/{kind.entity}/{invitation.key}"


def serialize_invitation(row, ctx: AuthContext, kind) -> dict:
    link = ""
    if (ctx.company.portal_mode or "subdomain") in PORTAL_MODES_WITH_LINKS:
        link = portal_link(ctx, kind, row)
    return {
        "id": hashed(row.id),
        kind.contact_key: hashed(getattr(row, kind.contact_key)),
        "key": text(row.key),
        "link": link,
        "sent_date": datetime_raw(row.sent_date),
        "viewed_date": datetime_raw(row.viewed_date),
        "opened_date": datetime_raw(row.opened_date),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
        "email_status": text(row.email_status),
        "email_error": text(row.email_error),
        "message_id": text(row.message_id),
    }
