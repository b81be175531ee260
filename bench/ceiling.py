"""The ceiling the throughput benchmark compares against: the same pages from the same SQLite file,
with nothing but sqlite3 and json under the same uvicorn.

It checks the token and reads the same rows the API reads for the page (the count, the page, each
default include, `include=client` with the client's own), and writes them out as plain JSON:
every column as stored, JSON columns decoded, no hashed ids, no upstream field formats.
"""

import json
import os
import sqlite3
from urllib.parse import parse_qs

_db = sqlite3.connect(os.environ["DATABASE_URL"].split("///", 1)[1], check_same_thread=False)
_db.row_factory = sqlite3.Row
JSON_COLUMNS = {"settings", "line_items", "backup", "tax_data", "e_invoice", "meta"}


def _rows(sql: str, *args) -> list[dict]:
    return [{k: json.loads(r[k]) if k in JSON_COLUMNS and r[k] else r[k] for k in r.keys()}
            for r in _db.execute(sql, args)]


def _by(table: str, column: str, ids: list[int]) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {i: [] for i in ids}
    marks = ",".join("?" * len(ids))
    for row in _rows(f"SELECT * FROM {table} WHERE {column} IN ({marks}) ORDER BY id", *ids):
        found[row[column]].append(row)
    return found


def _clients(rows: list[dict]) -> list[dict]:
    ids = [r["id"] for r in rows]
    contacts = _by("client_contacts", "client_id", ids)
    tokens = _by("client_gateway_tokens", "client_id", ids)
    locations = _by("locations", "client_id", ids)
    documents = _by_document("App\\Models\\Client", ids)
    for row in rows:
        row.update(contacts=contacts[row["id"]], documents=documents[row["id"]],
                   gateway_tokens=tokens[row["id"]], locations=locations[row["id"]])
    return rows


def _by_document(owner: str, ids: list[int]) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {i: [] for i in ids}
    marks = ",".join("?" * len(ids))
    for row in _rows(f"SELECT * FROM documents WHERE documentable_type = ? AND documentable_id IN ({marks})",
                     owner, *ids):
        found[row["documentable_id"]].append(row)
    return found


def _page(table: str, company_id: int, size: int, number: int) -> tuple[list[dict], int]:
    total = _db.execute(f"SELECT count(*) FROM {table} WHERE company_id = ?", (company_id,)).fetchone()[0]
    rows = _rows(f"SELECT * FROM {table} WHERE company_id = ? ORDER BY id LIMIT ? OFFSET ?",
                 company_id, size, (number - 1) * size)
    return rows, total


def _invoices(rows: list[dict], include_client: bool) -> list[dict]:
    ids = [r["id"] for r in rows]
    invitations = _by("invoice_invitations", "invoice_id", ids)
    documents = _by_document("App\\Models\\Invoice", ids)
    clients = {}
    if include_client:
        client_ids = sorted({r["client_id"] for r in rows})
        marks = ",".join("?" * len(client_ids))
        clients = {c["id"]: c for c in _clients(_rows(f"SELECT * FROM clients WHERE id IN ({marks})", *client_ids))}
    for row in rows:
        row.update(invitations=invitations[row["id"]], documents=documents[row["id"]])
        if include_client:
            row["client"] = clients[row["client_id"]]
    return rows


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    headers = dict(scope["headers"])
    query = {k: v[0] for k, v in parse_qs(scope["query_string"].decode()).items()}
    token = _db.execute("SELECT company_id FROM company_tokens WHERE token = ? AND is_deleted = 0",
                        (headers.get(b"x-api-token", b"").decode(),)).fetchone()
    status, body = 200, None
    if scope["path"] == "/":
        body = b"{}"
    elif token is None:
        status, body = 403, b'{"message":"Invalid token"}'
    elif scope["path"] in ("/api/v1/clients", "/api/v1/invoices"):
        table = scope["path"].rsplit("/", 1)[1]
        size, number = int(query.get("per_page", 20)), int(query.get("page", 1))
        rows, total = _page(table, token[0], size, number)
        data = _clients(rows) if table == "clients" else _invoices(rows, "client" in query.get("include", ""))
        body = json.dumps({"data": data, "meta": {"pagination": {
            "total": total, "count": len(rows), "per_page": size, "current_page": number,
            "total_pages": max(1, -(-total // size))}}}).encode()
    else:
        status, body = 404, b"{}"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
