"""Downloads draw a PDF once per state of what it shows, after the request's transaction, off the event loop."""

import asyncio
import io
import threading

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from ninja_api import ids
from ninja_api.app import create_app
from ninja_api.billing import downloads
from ninja_api.pdf import render
from ninja_api.pdf.cache import PdfCache
from ninja_api.pdf.response import LaterPdf
from ninja_api.previews import endpoints as previews


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def renders(monkeypatch):
    """Each render's (thread, whether an event loop runs in it), as they happen."""
    seen = []

    def counted(html: str) -> bytes:
        try:
            asyncio.get_running_loop()
            on_loop = True
        except RuntimeError:
            on_loop = False
        seen.append((threading.current_thread(), on_loop))
        return render.to_pdf(html)

    monkeypatch.setattr(downloads, "to_pdf", counted)
    return seen


@pytest.fixture
def invoice(api, tenant, client_row):
    r = api.post("/api/v1/invoices", headers=tenant.headers, json={
        "client_id": client_row["id"], "public_notes": "First notes",
        "line_items": [{"product_key": "Hosting", "cost": 10, "quantity": 3}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def download(api, tenant, invoice) -> bytes:
    r = api.get(f"/api/v1/invoices/{invoice['id']}/download", headers=tenant.headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == 'attachment; filename="Invoice_0001.pdf"'
    assert r.headers["content-length"] == str(len(r.content))
    return r.content


def test_an_unchanged_invoice_is_drawn_once(api, tenant, invoice, renders):
    first = download(api, tenant, invoice)
    again = download(api, tenant, invoice)
    assert first == again and len(renders) == 1
    assert "First notes" in text_of(again) and "$30.00" in text_of(again)
    # The invitation link shows the same PDF from the same render.
    key = invoice["invitations"][0]["key"]
    r = api.get(f"/api/v1/invoice/{key}/download")
    assert (r.status_code, r.content, len(renders)) == (200, first, 1)


def test_each_source_of_the_page_draws_it_anew(api, tenant, invoice, client_row, renders):
    download(api, tenant, invoice)
    changes = [
        ("invoice", f"/api/v1/invoices/{invoice['id']}", {"public_notes": "Second notes"}, "Second notes"),
        ("client", f"/api/v1/clients/{client_row['id']}", {"name": "Renamed Client"}, "Renamed Client"),
        ("contact", f"/api/v1/clients/{client_row['id']}",
         {"contacts": [{"id": c["id"], "email": c["email"], "first_name": "Zelda"} for c in client_row["contacts"]]},
         "Zelda"),
        ("company", f"/api/v1/companies/{ids.encode(tenant.company.id)}",
         {"settings": {"name": "Company Renamed", "currency_id": "1"}}, "Company Renamed"),
    ]
    for n, (what, path, body, shown) in enumerate(changes, start=2):
        r = api.put(path, headers=tenant.headers, json=body)
        assert r.status_code == 200, (what, r.text)
        pdf = download(api, tenant, invoice)
        assert len(renders) == n, what
        assert shown in text_of(pdf), what
        download(api, tenant, invoice)
        assert len(renders) == n, what  # and then it is unchanged again


def test_a_group_change_draws_it_anew(api, tenant, invoice, client_row, renders):
    r = api.post("/api/v1/group_settings", headers=tenant.headers,
                 json={"name": "Codes", "settings": {"show_currency_code": False}})
    group = r.json()["data"]
    r = api.put(f"/api/v1/clients/{client_row['id']}", headers=tenant.headers, json={"group_settings_id": group["id"]})
    assert r.status_code == 200, r.text
    assert "$30.00" in text_of(download(api, tenant, invoice))
    r = api.put(f"/api/v1/group_settings/{group['id']}", headers=tenant.headers,
                json={"name": "Codes", "settings": {"show_currency_code": True}})
    assert r.status_code == 200, r.text
    assert "30.00 USD" in text_of(download(api, tenant, invoice))
    assert len(renders) == 2


@pytest.mark.parametrize("request_kind", ["download", "live preview"])
def test_renders_run_after_the_transaction(settings, session_factory, tenant, invoice, client_row, monkeypatch,
                                           request_kind):
    sessions = []

    def recording():
        s = session_factory()
        sessions.append(s)
        return s

    def checked(html: str) -> bytes:
        assert sessions and not any(s.in_transaction() for s in sessions)
        return render.to_pdf(html)

    monkeypatch.setattr(downloads, "to_pdf", checked)
    monkeypatch.setattr(previews, "to_pdf", checked)
    api = TestClient(create_app(settings, recording))
    if request_kind == "download":
        r = api.get(f"/api/v1/invoices/{invoice['id']}/download", headers=tenant.headers)
    else:
        r = api.post("/api/v1/live_preview?entity=invoice", headers=tenant.headers,
                     json={"client_id": client_row["id"], "public_notes": "First notes"})
    assert r.status_code == 200 and "First notes" in text_of(r.content)


def test_downloads_render_in_a_worker_thread(api, tenant, invoice, renders):
    download(api, tenant, invoice)
    [(thread, on_loop)] = renders
    assert thread is not threading.main_thread() and on_loop is False


def test_bulk_print_is_drawn_after_the_transaction(api, tenant, invoice):
    r = api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"action": "bulk_print", "ids": [invoice["id"]]})
    assert r.status_code == 200
    assert r.headers["content-length"] == str(len(r.content))
    assert "First notes" in text_of(r.content)


def test_the_cache_keeps_the_most_recently_used_within_its_size():
    cache = PdfCache(10)
    cache.put(b"a", b"1234")
    cache.put(b"b", b"5678")
    assert cache.get(b"a") == b"1234"  # now b is the least recently used
    cache.put(b"c", b"901")
    assert (cache.get(b"b"), cache.size) == (None, 7)
    assert cache.put(b"d", b"x" * 11) == b"x" * 11 and cache.get(b"d") is None  # larger than the cache
    cache.put(b"a", b"123456")  # replacing counts the new size once
    assert (cache.get(b"a"), cache.get(b"c"), cache.size) == (b"123456", b"901", 9)
    assert PdfCache(0).put(b"e", b"1") == b"1" and PdfCache(0).get(b"e") is None


def test_later_pdf_sends_what_draw_answers():
    response = LaterPdf(lambda: b"%PDF-drawn", {"Content-Disposition": "inline"})
    sent = []

    async def send(message):
        sent.append(message)

    asyncio.run(response({"type": "http"}, None, send))
    headers = dict(sent[0]["headers"])
    assert headers[b"content-length"] == b"10" and headers[b"content-disposition"] == b"inline"
    assert sent[1]["body"] == b"%PDF-drawn"
