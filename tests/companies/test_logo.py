"""The company logo (a company update's `company_logo` file), its public URL, and company documents."""

import io

import pytest
from PIL import Image

from ninja_api import ids

PNG_SIZE = (3, 2)


@pytest.fixture(autouse=True)
def documents_folder(tmp_path, settings, monkeypatch):
    monkeypatch.setattr(settings, "documents_path", str(tmp_path / "documents"))
    return tmp_path / "documents"


def _image(fmt: str, colour=(200, 10, 10)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", PNG_SIZE, colour).save(out, fmt)
    return out.getvalue()


def _files(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def _put_logo(api, tenant, name, content, mime):
    company_id = ids.encode(tenant.company.id)
    return api.post(f"/api/v1/companies/{company_id}", headers=tenant.headers, data={"_method": "PUT"},
                    files=[("company_logo", (name, content, mime))])


def test_an_uploaded_logo_is_kept_as_png_behind_a_public_url(api, tenant, documents_folder):
    r = _put_logo(api, tenant, "logo.jpg", _image("JPEG"), "image/jpeg")
    assert r.status_code == 200, r.text
    url = r.json()["data"]["settings"]["company_logo"]
    [stored] = _files(documents_folder)
    assert stored.startswith(f"logos/{tenant.company.company_key}/") and stored.endswith(".png")
    assert url == f"https://ninja.test/storage/{stored}"

    public = api.get(url.removeprefix("https://ninja.test"))  # no token
    assert (public.status_code, public.headers["content-type"]) == (200, "image/png")
    with Image.open(io.BytesIO(public.content)) as image:
        assert (image.format, image.size) == ("PNG", PNG_SIZE)
    mine = api.get(f"/api/v1/companies/{ids.encode(tenant.company.id)}/logo", headers=tenant.headers)
    assert (mine.status_code, mine.content, mine.headers["content-disposition"]) == (
        200, public.content, 'inline; filename="logo.png"')

    # A new logo replaces the old one and its file.
    r = _put_logo(api, tenant, "logo.png", _image("PNG", (0, 0, 255)), "image/png")
    [replaced] = _files(documents_folder)
    assert replaced != stored and r.json()["data"]["settings"]["company_logo"].endswith(replaced)
    assert api.get(url.removeprefix("https://ninja.test")).status_code == 404
    # Settings sent without the logo drop it, file included (upstream removes it too).
    r = api.put(f"/api/v1/companies/{ids.encode(tenant.company.id)}", headers=tenant.headers,
                json={"settings": {"name": "Renamed"}})
    assert r.status_code == 200 and r.json()["data"]["settings"]["company_logo"] == ""
    assert _files(documents_folder) == []


def test_a_logo_that_is_no_image_is_refused_and_nothing_is_kept(api, tenant, documents_folder):
    r = _put_logo(api, tenant, "logo.png", b"not a picture", "image/png")
    assert (r.status_code, r.json()) == (422, {
        "message": "The given data was invalid.",
        "errors": {"company_logo": ["The company logo must be a file of type: jpeg, jpg, png, gif."]}})
    assert _files(documents_folder) == []
    shown = api.get(f"/api/v1/companies/{ids.encode(tenant.company.id)}", headers=tenant.headers).json()["data"]
    assert shown["settings"]["company_logo"] == ""


def test_without_a_logo_the_logo_route_answers_one_transparent_pixel(api, tenant):
    r = api.get(f"/api/v1/companies/{ids.encode(tenant.company.id)}/logo", headers=tenant.headers)
    assert r.status_code == 200
    with Image.open(io.BytesIO(r.content)) as image:
        assert (image.size, image.mode, image.getpixel((0, 0))) == ((1, 1), "RGBA", (0, 0, 0, 0))


def test_only_logos_are_public(api, tenant, documents_folder):
    client = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"}).json()["data"]
    api.post(f"/api/v1/clients/{client['id']}/upload", headers=tenant.headers, data={"_method": "PUT"},
             files=[("documents[]", ("secret.pdf", b"%PDF-1.4 secret", "application/pdf"))])
    [key] = _files(documents_folder)
    assert api.get(f"/storage/{key}").status_code == 404
    assert api.get("/storage/logos/../" + key).status_code == 404


def test_documents_upload_onto_the_company(api, tenant):
    company_id = ids.encode(tenant.company.id)
    r = api.post(f"/api/v1/companies/{company_id}/upload", headers=tenant.headers, data={"_method": "PUT"},
                 files=[("documents[]", ("terms.pdf", b"%PDF-1.4 terms", "application/pdf"))])
    assert r.status_code == 200, r.text
    assert r.json()["data"]["id"] == company_id
    [listed] = api.get("/api/v1/documents", headers=tenant.headers).json()["data"]
    assert (listed["name"], listed["link"]) == ("terms.pdf", "")
    r = api.post(f"/api/v1/companies/{company_id}/upload", headers=tenant.headers, data={"_method": "PUT"},
                 files=[("documents[]", ("x.exe", b"MZ", "application/octet-stream"))])
    assert r.status_code == 422
