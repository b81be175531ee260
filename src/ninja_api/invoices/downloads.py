"""Invoice PDFs: download one, print many as one PDF, or mail many as a zip."""

import io
import zipfile
from fastapi import Response
from sqlalchemy.orm import Session

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import ApiResponse
from ninja_api.mail.to_user import queue_for_user
from ninja_api.models import Invoice
from ninja_api.pdf.filenames import document_filename
from ninja_api.pdf.invoice import invoice_html
from ninja_api.pdf.render import merged, to_pdf


def filename(invoice: Invoice) -> str:
    return document_filename("Invoice", invoice.number)


def pdf_response(content: bytes, name: str) -> Response:
    return Response(content, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def pdf_of(session: Session, ctx: AuthContext, invoice: Invoice) -> bytes:
    return to_pdf(invoice_html(session, ctx.company, invoice))


def download(session: Session, ctx: AuthContext, rows: list[Invoice], inp) -> Response:
    """Bulk `download` answers with the first selected invoice, as upstream."""
    return pdf_response(pdf_of(session, ctx, rows[0]), filename(rows[0]))


def bulk_print(session: Session, ctx: AuthContext, rows: list[Invoice], inp) -> Response:
    return pdf_response(merged([invoice_html(session, ctx.company, r) for r in rows]), "print.pdf")


def bulk_download(session: Session, ctx: AuthContext, rows: list[Invoice], inp) -> Response | None:
    """Several invoices go to the requesting user by e-mail as one zip; upstream mails a link instead."""
    if len(rows) < 2:
        return None  # upstream lets a single id fall through to the plain list
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for row in rows:
            zipped.writestr(filename(row), pdf_of(session, ctx, row))
    names = ", ".join(r.number or "" for r in rows)
    queue_for_user(session, ctx, subject="Download Files", text=f"The invoices you asked for are attached: {names}.",
                   attachments=[(f"invoices_{len(rows)}.zip", archive.getvalue(), "application/zip")])
    return ApiResponse({"message": "Successfully sent message"})

