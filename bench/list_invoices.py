"""How an invoice list page's time grows with the table: the same requests at a small and a large size.

    .venv/bin/python bench/list_invoices.py [--rows 1000000] [--small 1000] [--database-url URL]

Seeds one company with `--small` invoices (3 lines and an invitation each, spread over 1,000
clients), times each request through the ASGI app (no network), grows the table to `--rows` and
times them again; each figure is the median of several runs. SQLite in a temporary file by
default; PostgreSQL and MariaDB URLs work too (their tables are dropped first).
"""

from lists import run
from serving import seed_clients, seed_invoices

CLIENTS = 1_000
REQUESTS = {
    "first page": "/api/v1/invoices?per_page=20",
    "last page": "/api/v1/invoices?per_page=20&page={last}",
    "sort by number": "/api/v1/invoices?per_page=20&sort=number|desc",
    "sort by date": "/api/v1/invoices?per_page=20&sort=date|desc",
    "sort by balance": "/api/v1/invoices?per_page=20&sort=balance|desc",
    "sort by client": "/api/v1/invoices?per_page=20&sort=client_id|asc",
    "search": "/api/v1/invoices?per_page=20&filter=INV-0000042",
    "status filter": "/api/v1/invoices?per_page=20&client_status=unpaid",
    "date filter": "/api/v1/invoices?per_page=20&date=2025-12-01",
    "include=client": "/api/v1/invoices?per_page=20&include=client",
    "updated_at sync": "/api/v1/invoices?per_page=20&updated_at=1700000000",
    "updated_since walk": "/api/v1/invoices?per_page=20&updated_since=1700000000",
    "cursor page": "/api/v1/invoices?per_page=20&cursor={cursor}",
}


def seed(engine, company_id: int, user_id: int, start: int, stop: int) -> None:
    if start == 0:
        seed_clients(engine, company_id, user_id, 0, CLIENTS)
    seed_invoices(engine, company_id, user_id, CLIENTS, start, stop)


if __name__ == "__main__":
    run(__doc__, "invoices", REQUESTS, seed)
