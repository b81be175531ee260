"""HTML to PDF with WeasyPrint: no headless browser, one process."""

import logging

# WeasyPrint reports every unsupported CSS property at WARNING; our own stylesheet is known-good.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def to_pdf(html: str) -> bytes:
    # Imported on first use: WeasyPrint costs a process ~27 MB that a server never drawing a PDF keeps.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def merged(htmls: list[str]) -> bytes:
    """One PDF holding every document's pages, in order (bulk print)."""
    from weasyprint import HTML

    documents = [HTML(string=html).render() for html in htmls]
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()
