"""Invoice PDFs over the API: download, bulk download, bulk print, and the HTML they are drawn from."""

import io
import zipfile

import pytest
from pypdf import PdfReader

from ninja_api import ids
from ninja_api.models import Company, Invoice
from ninja_api.pdf.document import document_html


@pytest.fixture
def client_row(api, tenant, session_factory):
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, "address1": "1 Main St", "city": "Springfield", "country_id": "840"}
        s.commit()
    r = api.post("/api/v1/clients", headers=tenant.headers,
                 json={"name": "Acme & Sons", "address1": "9 Side Rd", "vat_number": "GB123",
                       "contacts": [{"email": "a@acme.co", "first_name": "Ann"}]})
    return r.json()["data"]


def make(api, tenant, client_row, query="", **body):
    body.setdefault("client_id", client_row["id"])
    r = api.post(f"/api/v1/invoices{query}", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def pages(pdf: bytes) -> list[str]:
    """The text of each page, as a PDF reader extracts it."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


LINES = [{"product_key": "Hosting", "notes": "Monthly <hosting>", "cost": "1234.5", "quantity": 2,
          "tax_name1": "GST", "tax_rate1": 10}]


def test_html_carries_the_invoice_numbers(api, tenant, client_row, session_factory):
    inv = make(api, tenant, client_row, "?mark_sent=true", line_items=LINES, discount=69, is_amount_discount=True,
               public_notes="Thanks", custom_surcharge1=5)
    assert inv["amount"] == 2645
    with session_factory() as s:
        html = document_html(s, s.get(Company, tenant.company.id), s.get(Invoice, ids.decode(inv["id"])))
    for fragment in ("Acme &amp; Sons", "9 Side Rd", "VAT: GB123", "1 Main St", "Springfield", "United States",
                     "Monthly &lt;hosting&gt;", "$1,234.50", "$2,469.00", "Discount</td><td class=num>-$69.00",
                     "Surcharge 1</td><td class=num>$5.00", "GST 10%</td><td class=num>$240.00",
                     "Total</td><td class=num>$2,645.00", "<td>Balance Due</td><td class=num>$2,645.00",
                     "Invoice Number</td><td>0001", "Thanks"):
        assert fragment in html, fragment


def test_download_answers_a_pdf(api, tenant, client_row):
    inv = make(api, tenant, client_row, line_items=LINES)
    r = api.get(f"/api/v1/invoices/{inv['id']}/download", headers=tenant.headers)
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == 'attachment; filename="Invoice_0001.pdf"'
    [text] = pages(r.content)
    for fragment in ("INVOICE", "Acme & Sons", "Monthly <hosting>", "$1,234.50", "GST 10%", "$246.90", "$2,715.90",
                     "Invoice Number", "0001"):
        assert fragment in text, fragment
    # The same through bulk: the first selected invoice.
    other = make(api, tenant, client_row, line_items=LINES)
    r = api.post("/api/v1/invoices/bulk", headers=tenant.headers,
                 json={"action": "download", "ids": [other["id"], inv["id"]]})
    assert r.headers["content-disposition"] == 'attachment; filename="Invoice_0001.pdf"'


def test_bulk_print_merges_the_invoices(api, tenant, client_row):
    invs = [make(api, tenant, client_row, line_items=LINES) for _ in range(2)]
    r = api.post("/api/v1/invoices/bulk", headers=tenant.headers,
                 json={"action": "bulk_print", "ids": [i["id"] for i in invs]})
    assert r.headers["content-disposition"] == 'attachment; filename="print.pdf"'
    printed = pages(r.content)
    assert len(printed) == 2 and all("$2,715.90" in text for text in printed)
    assert "0001" in printed[0] and "0002" in printed[1]


def test_bulk_download_mails_a_zip_to_the_user(api, app, tenant, client_row):
    invs = [make(api, tenant, client_row, line_items=LINES) for _ in range(2)]
    r = api.post("/api/v1/invoices/bulk", headers=tenant.headers,
                 json={"action": "bulk_download", "ids": [i["id"] for i in invs]})
    assert r.json() == {"message": "Successfully sent message"}
    [mail] = app.state.mailer.sent
    assert (mail.to, mail.subject) == ("demo@example.com", "Download Files")
    [(name, content, mime)] = mail.attachments
    assert (name, mime) == ("invoices_2.zip", "application/zip")
    with zipfile.ZipFile(io.BytesIO(content)) as zipped:
        assert sorted(zipped.namelist()) == ["Invoice_0001.pdf", "Invoice_0002.pdf"]
        assert "0001" in pages(zipped.read("Invoice_0001.pdf"))[0]
        assert "0002" in pages(zipped.read("Invoice_0002.pdf"))[0]
    # A single id falls through to the list, as upstream.
    r = api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"action": "bulk_download", "ids": [invs[0]["id"]]})
    assert [i["id"] for i in r.json()["data"]] == [invs[0]["id"]]


def test_other_companies_invoices_are_not_downloadable(api, tenant, other_tenant, client_row):
    inv = make(api, tenant, client_row)
    r = api.get(f"/api/v1/invoices/{inv['id']}/download", headers=other_tenant.headers)
    assert r.status_code == 401
