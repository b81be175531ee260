"""Uploads onto entities, the documents include, and the /documents routes."""

import pytest

from ninja_api import ids
from ninja_api.models import Document

PDF = b"%PDF-1.4 a small contract\n"


@pytest.fixture(autouse=True)
def documents_folder(tmp_path, settings, monkeypatch):
    monkeypatch.setattr(settings, "documents_path", str(tmp_path / "documents"))
    return tmp_path / "documents"


def _client(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"})
    return r.json()["data"]


def _upload(api, tenant, path, files, **data):
    return api.post(f"/api/v1/{path}/upload", headers=tenant.headers, data={"_method": "PUT", **data}, files=files)


def test_an_upload_round_trips_on_a_client(api, tenant, documents_folder, session_factory):
    client = _client(api, tenant)
    r = _upload(api, tenant, f"clients/{client['id']}", [("documents[]", ("contract.pdf", PDF, "application/pdf")),
                                                       ("documents[]", ("notes.txt", b"hello", "text/plain"))],
                is_public="false")
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["id"] == client["id"]
    first, second = data["documents"]
    assert {k: first[k] for k in ("name", "type", "size", "is_public", "is_deleted", "link", "url")} == {
        "name": "contract.pdf", "type": "pdf", "size": len(PDF), "is_public": False, "is_deleted": False,
        "link": f"/clients/{client['id']}",
        "url": f"https://ninja.test/api/v1/documents/{first['id']}/download"}
    assert second["name"] == "notes.txt"
    download = api.get(f"/api/v1/documents/{first['id']}/download", headers=tenant.headers)
    assert (download.status_code, download.content, download.headers["content-type"]) == (200, PDF, "application/pdf")
    listed = api.get("/api/v1/documents", headers=tenant.headers).json()["data"]
    assert [d["name"] for d in listed] == ["contract.pdf", "notes.txt"]
    renamed = api.put(f"/api/v1/documents/{first['id']}", headers=tenant.headers,
                      json={"name": "signed.pdf", "is_public": True}).json()["data"]
    assert (renamed["name"], renamed["is_public"]) == ("signed.pdf", True)
    # Deleting removes the row and, once committed, the file.
    with session_factory() as s:
        path = s.get(Document, ids.decode(first["id"])).path
    assert (documents_folder / path).is_file()
    r = api.delete(f"/api/v1/documents/{first['id']}", headers=tenant.headers)
    assert (r.status_code, r.json()) == (200, {"message": "Success"})
    assert not (documents_folder / path).exists()
    shown = api.get(f"/api/v1/clients/{client['id']}", headers=tenant.headers).json()["data"]
    assert [d["name"] for d in shown["documents"]] == ["notes.txt"]


def test_refused_uploads_store_nothing(api, tenant, documents_folder, other_tenant):
    invoice_client = _client(api, tenant)
    invoice = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": invoice_client["id"]}).json()["data"]
    r = _upload(api, tenant, f"invoices/{invoice['id']}", [("documents[]", ("ok.pdf", PDF, "application/pdf")),
                                                         ("documents[]", ("run.exe", b"MZ", "application/x-msdownload"))])
    assert r.status_code == 422
    assert r.json()["errors"] == {"documents.1": [
        "The documents.1 must be a file of type: png, ai, jpeg, tiff, pdf, gif, psd, txt, doc, xls, ppt, xlsx, "
        "docx, pptx, webp, xml, zip, csv, ods, odt, odp."]}
    assert api.get("/api/v1/documents", headers=tenant.headers).json()["data"] == []
    assert not documents_folder.exists() or not any(p.is_file() for p in documents_folder.rglob("*"))
    # Another company's invoice cannot take uploads from this one.
    r = _upload(api, other_tenant, f"invoices/{invoice['id']}", [("documents[]", ("a.pdf", PDF, "application/pdf"))])
    assert r.status_code in (400, 401, 404)
    ok = _upload(api, tenant, f"invoices/{invoice['id']}", [("documents[]", ("ok.jpg", b"\xff\xd8", "image/jpeg"))])
    assert [(d["name"], d["link"]) for d in ok.json()["data"]["documents"]] == [
        ("ok.jpg", f"/invoices/{invoice['id']}/edit")]
    assert api.get("/api/v1/documents", headers=other_tenant.headers).json()["data"] == []


def test_purging_a_client_removes_its_documents_and_their_files(api, tenant, documents_folder):
    client = _client(api, tenant)
    invoice = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client["id"]}).json()["data"]
    _upload(api, tenant, f"clients/{client['id']}", [("documents[]", ("a.pdf", PDF, "application/pdf"))])
    _upload(api, tenant, f"invoices/{invoice['id']}", [("documents[]", ("b.pdf", PDF, "application/pdf"))])
    other = _client(api, tenant)
    _upload(api, tenant, f"clients/{other['id']}", [("documents[]", ("keep.pdf", PDF, "application/pdf"))])
    assert len([p for p in documents_folder.rglob("*") if p.is_file()]) == 3
    r = api.post(f"/api/v1/clients/{client['id']}/purge", headers={**tenant.headers, "X-API-PASSWORD": "Password0"})
    assert r.status_code == 200, r.text
    assert [d["name"] for d in api.get("/api/v1/documents", headers=tenant.headers).json()["data"]] == ["keep.pdf"]
    assert len([p for p in documents_folder.rglob("*") if p.is_file()]) == 1


def test_documents_sent_with_a_create_or_update_are_stored_on_the_row(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers, data={"name": "Acme"},
                 files=[("documents[]", ("terms.pdf", PDF, "application/pdf"))])
    assert r.status_code == 200, r.text
    client = r.json()["data"]
    assert (client["name"], [d["name"] for d in client["documents"]]) == ("Acme", ["terms.pdf"])
    r = api.post(f"/api/v1/clients/{client['id']}", headers=tenant.headers, data={"_method": "PUT", "name": "Acme 2"},
                 files=[("documents[]", ("more.txt", b"x", "text/plain"))])
    assert r.status_code == 200, r.text
    assert [d["name"] for d in r.json()["data"]["documents"]] == ["terms.pdf", "more.txt"]
    r = api.post("/api/v1/invoices", headers=tenant.headers,
                 data={"client_id": client["id"], "line_items[0][cost]": "5", "line_items[0][quantity]": "1"},
                 files=[("documents[]", ("po.pdf", PDF, "application/pdf"))])
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["amount"], [d["name"] for d in r.json()["data"]["documents"]]) == (5, ["po.pdf"])
    # A refused file refuses the whole create.
    r = api.post("/api/v1/clients", headers=tenant.headers, data={"name": "Nope"},
                 files=[("documents[]", ("x.exe", b"MZ", "application/octet-stream"))])
    assert r.status_code == 422
    names = [c["name"] for c in api.get("/api/v1/clients", headers=tenant.headers).json()["data"]]
    assert "Nope" not in names


def test_bulk_download_mails_the_files_as_one_zip(api, app, tenant):
    import io
    import zipfile

    client = _client(api, tenant)
    r = _upload(api, tenant, f"clients/{client['id']}", [("documents[]", ("a.pdf", PDF, "application/pdf")),
                                                       ("documents[]", ("a.pdf", b"second", "application/pdf"))])
    ids_ = [d["id"] for d in r.json()["data"]["documents"]]
    r = api.post("/api/v1/documents/bulk", headers=tenant.headers, json={"action": "download", "ids": ids_})
    assert (r.status_code, r.json()) == (200, {"message": "Successfully sent message"})
    [mail] = app.state.mailer.sent
    assert (mail.to, mail.subject) == ("demo@example.com", "Download Files")
    [(name, content, kind)] = mail.attachments
    zipped = zipfile.ZipFile(io.BytesIO(content))
    assert (name, kind) == ("documents.zip", "application/zip")
    assert {n: zipped.read(n) for n in zipped.namelist()} == {"a.pdf": PDF, "a (2).pdf": b"second"}


def test_additional_upload_extensions(api, tenant, settings, monkeypatch):
    monkeypatch.setattr(settings, "additional_upload_extensions", " STL, .dwg ,")
    client = _client(api, tenant)
    r = _upload(api, tenant, f"clients/{client['id']}", [("documents[]", ("part.stl", b"solid", "model/stl"))])
    assert r.status_code == 200, r.text
    r = _upload(api, tenant, f"clients/{client['id']}", [("documents[]", ("run.exe", b"MZ", "x"))])
    assert r.json()["errors"]["documents.0"][0].endswith("odt, odp, stl, dwg.")
