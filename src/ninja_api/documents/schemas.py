"""Document JSON, field for field as upstream renders it."""

from ninja_api import ids
from ninja_api.documents.owners import BY_TYPE
from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, text, unix
from ninja_api.models import Document
from ninja_api.settings import get_settings


def download_url(row: Document) -> str:
    return f"{get_settings().app_url.rstrip('/')}/api/v1/documents/{ids.encode(row.id)}/download"


def serialize_document(row: Document, ctx: AuthContext) -> dict:
    owner = BY_TYPE.get(row.documentable_type)
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "assigned_user_id": hashed(row.assigned_user_id),
        "project_id": hashed(row.project_id),
        "vendor_id": hashed(row.vendor_id),
        "url": download_url(row),
        "preview": text(row.preview),
        "name": text(row.name),
        "type": text(row.type),
        "disk": text(row.disk),
        "hash": text(row.hash),
        "size": int(row.size or 0),
        "width": int(row.width or 0),
        "height": int(row.height or 0),
        "is_default": bool(row.is_default),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
        "is_deleted": False,
        "is_public": bool(row.is_public),
        "link": owner.link.format(id=ids.encode(row.documentable_id)) if owner and owner.link else "",
    }
