"""Invoice PDFs: our download beside bare WeasyPrint on the same HTML, a cached re-download, and
what a render costs the requests beside it.

    .venv/bin/python bench/pdf.py [--runs 5]

Serves a fresh SQLite database with uvicorn (one worker, a process of its own) and downloads
invoices of 5 and 200 lines, each one first uncached, then again unchanged (cached); between
them this process renders the same invoice's HTML with bare WeasyPrint, so that both figures see
the same load on the machine. Then it times a client list page alone and while 200-line invoices
render beside it. Figures are medians over `--runs` distinct invoices.
"""

import argparse
import statistics
import threading
import time

import httpx
from fastapi.testclient import TestClient
from weasyprint import HTML

from ninja_api import ids
from ninja_api.app import create_app
from ninja_api.db import make_sessionmaker
from ninja_api.models import Company, Invoice
from ninja_api.pdf.document import document_html
from ninja_api.settings import Settings
from serving import HEADERS, fresh_database, server

SIZES = (5, 200)


def lines(count: int) -> list[dict]:
    return [{"product_key": f"Item {n}", "notes": f"Work on part {n} of the project, as agreed", "cost": "125.50",
             "quantity": n % 7 + 1, "tax_name1": "VAT", "tax_rate1": 20} for n in range(count)]


def seed(url: str, engine, per_size: int) -> dict[int, list[str]]:
    app = create_app(Settings(database_url=url, mail_mailer="array"), sessionmaker=make_sessionmaker(engine))
    made = {}
    with TestClient(app) as api:
        client = api.post("/api/v1/clients", headers=HEADERS,
                          json={"name": "Bench Client", "contacts": [{"email": "c@bench.test"}]}).json()["data"]
        for size in SIZES:
            made[size] = [api.post("/api/v1/invoices", headers=HEADERS,
                                   json={"client_id": client["id"], "line_items": lines(size)}).json()["data"]["id"]
                          for _ in range(per_size)]
    return made


def elapsed(call) -> float:
    began = time.perf_counter()
    call()
    return time.perf_counter() - began


def fetch(http: httpx.Client, path: str) -> bytes:
    r = http.get(path, headers=HEADERS, timeout=120)
    if r.status_code != 200:
        raise SystemExit(f"{path}: {r.status_code} {r.text[:200]}")
    return r.content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    url, engine, company_id, _ = fresh_database(None)
    beside = 4
    made = seed(url, engine, args.runs + 1 + beside)
    sessions = make_sessionmaker(engine)
    with sessions() as s:
        company = s.get(Company, company_id)
        html = {i: document_html(s, company, s.get(Invoice, ids.decode(i))) for size in SIZES for i in made[size]}

    rows = []
    with server(url) as (base, _), httpx.Client(base_url=base) as http:
        warm = made[5].pop()
        fetch(http, f"/api/v1/invoices/{warm}/download")
        HTML(string=html[warm]).write_pdf()
        for size in SIZES:
            bare, ours, cached = [], [], []
            for invoice in made[size][:args.runs]:
                path = f"/api/v1/invoices/{invoice}/download"
                bare.append(elapsed(lambda: HTML(string=html[invoice]).write_pdf()))
                ours.append(elapsed(lambda: fetch(http, path)))
                cached.append(elapsed(lambda: fetch(http, path)))
            rows.append((size, *(statistics.median(v) for v in (bare, ours, cached))))

        page = "/api/v1/clients?per_page=20"
        alone = [elapsed(lambda: fetch(http, page)) for _ in range(20)]
        rendering = threading.Event()

        def render_beside():
            with httpx.Client(base_url=base) as other:
                for invoice in made[200][args.runs:]:
                    fetch(other, f"/api/v1/invoices/{invoice}/download")
            rendering.clear()

        rendering.set()
        began = time.perf_counter()
        threading.Thread(target=render_beside).start()
        during = []
        while rendering.is_set():
            during.append(elapsed(lambda: fetch(http, page)))
        render_each = (time.perf_counter() - began) / beside

    print(f"{'invoice':<10}{'bare WeasyPrint':>16}{'our download':>14}{'ratio':>7}{'cached':>10}")
    for size, bare, ours, cached in rows:
        print(f"{size:>4} lines{bare * 1000:>13.0f} ms{ours * 1000:>11.0f} ms{ours / bare:>7.2f}{cached * 1000:>7.1f} ms")
    print(f"client page alone: median {statistics.median(alone) * 1000:.1f} ms; while 200-line invoices render "
          f"({render_each * 1000:.0f} ms each): median {statistics.median(during) * 1000:.1f} ms, "
          f"slowest {max(during) * 1000:.0f} ms over {len(during)} pages")


if __name__ == "__main__":
    main()
