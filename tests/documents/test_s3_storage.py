"""Documents in an S3-compatible bucket (FILESYSTEM_DISK=s3), against moto's S3 server on loopback."""

import socket

import pytest

from ninja_api import ids
from ninja_api.documents import storage
from ninja_api.models import Document

PDF = b"%PDF-1.4 kept in a bucket\n"


@pytest.fixture(scope="module")
def s3_endpoint():
    pytest.importorskip("boto3")
    server_module = pytest.importorskip("moto.server")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    import boto3

    for name, value in (("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test")):
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(settings, "filesystem_disk", "s3")
    monkeypatch.setattr(settings, "aws_bucket", "ninja-documents")
    monkeypatch.setattr(settings, "aws_endpoint", s3_endpoint)
    monkeypatch.setattr(settings, "aws_default_region", "us-east-1")
    monkeypatch.setattr(settings, "documents_path", str(tmp_path / "unused"))
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket="ninja-documents")
    storage._s3.cache_clear()
    yield client
    for found in client.list_objects_v2(Bucket="ninja-documents").get("Contents", []):
        client.delete_object(Bucket="ninja-documents", Key=found["Key"])
    client.delete_bucket(Bucket="ninja-documents")


def _keys(client) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket="ninja-documents").get("Contents", [])]


def test_an_upload_lives_in_the_bucket_and_leaves_it_with_its_document(api, tenant, bucket, session_factory, tmp_path):
    client = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"}).json()["data"]
    r = api.post(f"/api/v1/clients/{client['id']}/upload", headers=tenant.headers, data={"_method": "PUT"},
                 files=[("documents[]", ("contract.pdf", PDF, "application/pdf"))])
    assert r.status_code == 200, r.text
    [document] = r.json()["data"]["documents"]
    with session_factory() as s:
        key = s.get(Document, ids.decode(document["id"])).path
    assert _keys(bucket) == [key]
    assert bucket.get_object(Bucket="ninja-documents", Key=key)["Body"].read() == PDF
    assert not (tmp_path / "unused").exists()  # nothing on the local disk
    download = api.get(f"/api/v1/documents/{document['id']}/download", headers=tenant.headers)
    assert (download.status_code, download.content) == (200, PDF)

    r = api.delete(f"/api/v1/documents/{document['id']}", headers=tenant.headers)
    assert r.status_code == 200
    assert _keys(bucket) == []


def test_an_upload_refused_with_its_request_leaves_nothing_in_the_bucket(api, tenant, bucket):
    r = api.post("/api/v1/clients", headers=tenant.headers, data={"name": "Acme", "contacts[0][email]": "not-an-email"},
                 files=[("documents[]", ("terms.pdf", PDF, "application/pdf"))])
    assert r.status_code == 422
    assert _keys(bucket) == []
