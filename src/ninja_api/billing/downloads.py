"""Document PDFs: download one, print many as one PDF, or mail many as a zip."""

from fastapi import Response
from sqlalchemy.orm import Session

from ninja_api.billing.kind import DocumentKind
from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import ApiResponse
from ninja_api.mail.to_user import queue_for_user
from ninja_api.models import Company
from ninja_api.pdf.cache import pdf_cache
from ninja_api.pdf.document import document_html, page_html, page_key, sources_of
from ninja_api.pdf.filenames import document_filename
from ninja_api.pdf.render import merged, to_pdf
from ninja_api.pdf.response import LaterPdf


def filename(kind: DocumentKind, doc) -> str:
    return document_filename(kind.label, doc.number)


def _disposition(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def pdf_response(content: bytes, name: str) -> Response:
    return Response(content, media_type="application/pdf", headers=_disposition(name))


def _cached(session: Session, company: Company, kind: DocumentKind, doc):
    """The document's PDF when an unchanged one was drawn before, else a function drawing (and keeping) it."""
    src = sources_of(session, company, doc, kind.party)
    key = page_key(src, kind.label, kind.party)
    pdf = pdf_cache().get(key)
    if pdf is not None:
        return pdf
    html = page_html(src, kind.label, kind.party)
    return lambda: pdf_cache().put(key, to_pdf(html))


def pdf_of(session: Session, company: Company, kind: DocumentKind, doc) -> bytes:
    found = _cached(session, company, kind, doc)
    return found if isinstance(found, bytes) else found()


def download_response(session: Session, company: Company, kind: DocumentKind, doc) -> Response:
    found = _cached(session, company, kind, doc)
    if isinstance(found, bytes):
        return pdf_response(found, filename(kind, doc))
    return LaterPdf(found, _disposition(filename(kind, doc)))


def set_actions(kind: DocumentKind) -> dict:
    """The bulk actions that answer for the whole selection: `download`, `bulk_print`, `bulk_download`."""

    def download(session: Session, ctx: AuthContext, rows: list, inp) -> Response:
        # Bulk `download` answers with the first selected document, as upstream.
        return download_response(session, ctx.company, kind, rows[0])

    def bulk_print(session: Session, ctx: AuthContext, rows: list, inp) -> Response:
        htmls = [document_html(session, ctx.company, r, kind.label, kind.party) for r in rows]
        return LaterPdf(lambda: merged(htmls), _disposition("print.pdf"))

    def bulk_download(session: Session, ctx: AuthContext, rows: list, inp) -> Response | None:
        """Several documents go to the requesting user by e-mail as one zip; upstream mails a link instead."""
        from ninja_api.billing import mail_jobs  # which renders with this module

        if len(rows) < 2:
            return None  # upstream lets a single id fall through to the plain list
        names = ", ".join(r.number or "" for r in rows)
        queue_for_user(session, ctx, subject="Download Files",
                       text=f"The {kind.entity}s you asked for are attached: {names}.",
                       attachments=[mail_jobs.pdf_zip(kind, rows, f"{kind.entity}s_{len(rows)}.zip")])
        return ApiResponse({"message": "Successfully sent message"})

    return {"download": download, "bulk_print": bulk_print, "bulk_download": bulk_download}
