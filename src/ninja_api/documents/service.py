"""Document rules: uploads onto an entity, renames, deletes; never commits (files follow the commit)."""

import hashlib
import io
import secrets
import zipfile

from fastapi import Response
from sqlalchemy.orm import Session

from ninja_api.documents import storage
from ninja_api.documents.owners import Owner
from ninja_api.http.auth import AuthContext
from ninja_api.http.errors import ValidationFailed
from ninja_api.http.input import RequestInput
from ninja_api.http.rendering import ApiResponse
from ninja_api.http.validation import Errors, as_bool, as_text
from ninja_api.jobs import registry
from ninja_api.mail.to_user import queue_for_user
from ninja_api.models import Document
from ninja_api.models.base import utcnow
from ninja_api.settings import get_settings

# Upstream's `mimes:` list (jpg passes as jpeg); ADDITIONAL_UPLOAD_EXTENSIONS adds to it.
EXTENSIONS = ("png", "ai", "jpeg", "tiff", "pdf", "gif", "psd", "txt", "doc", "xls", "ppt", "xlsx", "docx",
              "pptx", "webp", "xml", "zip", "csv", "ods", "odt", "odp")
ALIASES = {"jpg": "jpeg", "tif": "tiff"}
MAX_KILOBYTES = 100000
IMAGES = ("png", "jpeg", "jpg", "tiff", "gif")


def _extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def uploaded_files(inp: RequestInput) -> list:
    """The files of `documents[]` (and `file[]` / `file`, as upstream's invoice uploads take them).
    A lone `documents` part that is not an array is ignored, as upstream does."""
    return [*inp.files.get("documents[]", []), *inp.files.get("file[]", []), *inp.files.get("file", [])]


def allowed_extensions() -> tuple[str, ...]:
    extra = [e.strip().lower().lstrip(".") for e in get_settings().additional_upload_extensions.split(",")]
    return EXTENSIONS + tuple(e for e in extra if e and e not in EXTENSIONS)


def _read_checked(files: list) -> list[tuple[object, bytes]]:
    errors, read = Errors(), []
    allowed = allowed_extensions()
    for index, upload in enumerate(files):
        field = f"documents.{index}"
        data = upload.file.read(MAX_KILOBYTES * 1024 + 1)
        kind = _extension(upload.filename or "")
        if len(data) > MAX_KILOBYTES * 1024:
            errors.add(field, f"The {field} must not be greater than {MAX_KILOBYTES} kilobytes.")
        if ALIASES.get(kind, kind) not in allowed:
            errors.add(field, f"The {field} must be a file of type: {', '.join(allowed)}.")
        read.append((upload, data))
    errors.raise_if_any()
    return read


def upload(session: Session, ctx: AuthContext, owner: Owner, row, inp: RequestInput) -> list[Document]:
    """Every sent file becomes a document of `row`; the whole upload is refused if one file is."""
    value = inp.get("is_public")
    public = value in (None, "") or as_bool(value) is not False
    made = []
    for upload_file, data in _read_checked(uploaded_files(inp)):
        name = (upload_file.filename or "document").replace("/", "_").replace("\\", "_")[:191]
        kind = _extension(name)
        key = f"{ctx.company.company_key}/{secrets.token_hex(16)}.{kind or 'bin'}"
        storage.write(session, key, data)
        document = Document(
            company_id=ctx.company_id, user_id=ctx.user_id, name=name, type=kind, disk="local",
            hash=hashlib.sha256(data).hexdigest()[:40], size=len(data), width=0, height=0, is_default=False,
            is_public=public, is_deleted=False, documentable_type=owner.documentable_type, documentable_id=row.id,
            path=key, preview="", url="",
            vendor_id=getattr(row, "vendor_id", None), project_id=getattr(row, "project_id", None),
        )
        session.add(document)
        made.append(document)
    session.flush()
    return made


def update(session: Session, ctx: AuthContext, document: Document, inp: RequestInput) -> Document:
    errors = Errors()
    name = inp.get("name")
    if name is not None and (as_text(name) is None or len(as_text(name)) > 191):
        errors.add("name", "The name must be a string of at most 191 characters.")
    for field in ("is_public", "is_default"):
        if inp.get(field) is not None and as_bool(inp.get(field)) is None:
            errors.add(field, f"The {field.replace('_', ' ')} field must be true or false.")
    if errors:
        raise ValidationFailed(errors.bag)
    if name is not None:
        document.name = as_text(name)
    for field in ("is_public", "is_default"):
        if inp.get(field) is not None:
            setattr(document, field, as_bool(inp.get(field)))
    document.updated_at = utcnow()
    return document


def delete(session: Session, ctx: AuthContext, document: Document, inp=None) -> None:
    """Upstream deletes the row and its file for good."""
    storage.remove_after_commit(session, document.path)
    session.delete(document)


def purge_of_client(session: Session, client_id: int) -> int:
    """Before a client is purged: its documents and those of everything it owns go, files too."""
    from sqlalchemy import or_, select

    from ninja_api.documents.owners import OWNERS
    from ninja_api.models import Client

    owned = []
    for owner in OWNERS:
        if owner.model is Client:
            owned.append(and_owner(owner, select(Client.id).where(Client.id == client_id)))
        elif hasattr(owner.model, "client_id"):
            owned.append(and_owner(owner, select(owner.model.id).where(owner.model.client_id == client_id)))
    documents = list(session.scalars(select(Document).where(or_(*owned))))
    for document in documents:
        delete(session, None, document)
    return len(documents)


def and_owner(owner: Owner, ids_query):
    return (Document.documentable_type == owner.documentable_type) & Document.documentable_id.in_(ids_query)


def attach_inline(session: Session, ctx: AuthContext, row, inp: RequestInput) -> None:
    """`documents[]` sent with a create or update of an entity that holds documents."""
    from ninja_api.documents.owners import BY_MODEL

    owner = BY_MODEL.get(type(row))
    if owner is not None and uploaded_files(inp):
        session.flush()
        upload(session, ctx, owner, row, inp)


def mail_zip(session: Session, ctx: AuthContext, rows: list[Document], inp=None) -> Response:
    """Bulk `download`: the selected files go to the requesting user by e-mail as one zip (upstream
    zips them in a job and mails a link); names that repeat are numbered so none is lost."""
    queue_for_user(session, ctx, subject="Download Files",
                   text=f"The {len(rows)} document(s) you asked for are attached.",
                   attachments=[{"fn": ZIP, "ids": [row.id for row in rows]}])
    return ApiResponse({"message": "Successfully sent message"})


ZIP = "documents.zip"


@registry.named(ZIP)
def _zip(session: Session, args: dict) -> list[tuple[str, bytes, str]]:
    """The mailed zip, read from storage when the mail leaves; names that repeat are numbered."""
    archive = io.BytesIO()
    taken: set[str] = set()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for doc_id in args["ids"]:
            row = session.get(Document, doc_id)
            data = storage.storage().read(row.path) if row is not None and row.path else None
            if data is None:
                continue
            name = row.name or f"document_{row.id}"
            stem, dot, extension = name.rpartition(".")
            counter = 1
            while name in taken:
                counter += 1
                name = f"{stem} ({counter}).{extension}" if dot else f"{row.name} ({counter})"
            taken.add(name)
            zipped.writestr(name, data)
    return [("documents.zip", archive.getvalue(), "application/zip")]
