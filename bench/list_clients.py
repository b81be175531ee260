"""How a client list page's time grows with the table: the same requests at a small and a large size.

    .venv/bin/python bench/list_clients.py [--rows 1000000] [--small 1000] [--database-url URL]

Seeds one company with `--small` clients (each with a contact), times each request, grows the
table to `--rows` and times them again. Each figure is the median of several runs of the request
through the ASGI app (no network); the ratio large/small is what the goal "fast lists at a million
rows" is about: a page should cost about the same whatever the table holds. SQLite in a temporary
file by default; PostgreSQL and MariaDB URLs work too (the tables are dropped first).
"""

from lists import run
from serving import seed_clients

REQUESTS = {
    "first page": "/api/v1/clients?per_page=20",
    "last page": "/api/v1/clients?per_page=20&page={last}",
    "sort by name": "/api/v1/clients?per_page=20&sort=name|desc",
    "sort by balance": "/api/v1/clients?per_page=20&sort=balance|desc",
    "search": "/api/v1/clients?per_page=20&filter=Client%2000042",
    "balance filter": "/api/v1/clients?per_page=20&balance=gt:900",
    "with includes": "/api/v1/clients?per_page=20&include=activities,ledger,gateway_tokens",
    "updated_at sync": "/api/v1/clients?per_page=20&updated_at=1700000000",
    "updated_since walk": "/api/v1/clients?per_page=20&updated_since=1700000000",
    "cursor page": "/api/v1/clients?per_page=20&cursor={cursor}",
}

if __name__ == "__main__":
    run(__doc__, "clients and contacts", REQUESTS, seed_clients)
