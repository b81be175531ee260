"""How a client list page's time grows with the table: the same requests at a small and a large size.

    .venv/bin/python bench/list_clients.py [--rows 1000000] [--small 1000] [--database-url URL]

Seeds one company with `--small` clients (each with a contact), times each request, grows the
table to `--rows` and times them again. Each figure is the median of several runs of the request
through the ASGI app (no network); the ratio large/small is what the goal "fast lists at a million
rows" is about: a page should cost about the same whatever the table holds. SQLite in a temporary
file by default; PostgreSQL and MariaDB URLs work too (the tables are dropped first).
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert, text

from ninja_api.accounts.service import create_account
from ninja_api.app import create_app
from ninja_api.db import make_engine, make_sessionmaker
from ninja_api.migrate import upgrade
from ninja_api.models import Base, Client, ClientContact
from ninja_api.settings import Settings

TOKEN = "b" * 64
REQUESTS = {
    "first page": "/api/v1/clients?per_page=20",
    "last page": "/api/v1/clients?per_page=20&page={last}",
    "sort by name": "/api/v1/clients?per_page=20&sort=name|desc",
    "search": "/api/v1/clients?per_page=20&filter=Client%2000042",
    "balance filter": "/api/v1/clients?per_page=20&balance=gt:900",
    "with includes": "/api/v1/clients?per_page=20&include=activities,ledger,gateway_tokens",
}
RUNS = 7


def seed(engine, company_id: int, user_id: int, start: int, stop: int, chunk: int = 20_000) -> None:
    # Explicit ids (n + 1): the bench is the only writer, and it keeps the insert the same on every database.
    for low in range(start, stop, chunk):
        numbers = range(low, min(stop, low + chunk))
        with engine.begin() as conn:
            conn.execute(insert(Client), [
                {"id": n + 1, "company_id": company_id, "user_id": user_id, "name": f"Client {n:07d}",
                 "number": f"{n:07d}", "balance": n % 1000, "settings": {}, "client_hash": f"h{n}"}
                for n in numbers
            ])
            conn.execute(insert(ClientContact), [
                {"id": n + 1, "company_id": company_id, "user_id": user_id, "client_id": n + 1,
                 "email": f"c{n}@bench.test", "first_name": "Bench", "is_primary": True, "contact_key": f"k{n}"}
                for n in numbers
            ])


def timed(client: TestClient, path: str) -> float:
    headers = {"X-API-TOKEN": TOKEN, "X-Requested-With": "XMLHttpRequest"}
    samples = []
    for _ in range(RUNS):
        began = time.perf_counter()
        response = client.get(path, headers=headers)
        samples.append(time.perf_counter() - began)
        if response.status_code != 200:
            sys.exit(f"{path}: {response.status_code} {response.text[:200]}")
    return statistics.median(samples)


def measure(client: TestClient, rows: int) -> dict[str, float]:
    last = max(1, (rows + 19) // 20)
    return {name: timed(client, path.format(last=last)) for name, path in REQUESTS.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    engine = make_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name != "sqlite":
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(url)
    sessionmaker = make_sessionmaker(engine)
    with sessionmaker() as session:
        _, company, user, _ = create_account(session, email="bench@bench.test", password="bench-password",
                                             token=TOKEN)
        session.commit()
        company_id, user_id = company.id, user.id

    app = create_app(Settings(database_url=url, mail_mailer="array"), sessionmaker=sessionmaker)
    with TestClient(app) as client:
        seed(engine, company_id, user_id, 0, args.small)
        small = measure(client, args.small)
        began = time.perf_counter()
        seed(engine, company_id, user_id, args.small, args.rows)
        print(f"seeded {args.rows:,} clients and contacts in {time.perf_counter() - began:.0f} s ({engine.dialect.name})")
        large = measure(client, args.rows)

    print(f"{'request':<16}{args.small:>12,} rows{args.rows:>14,} rows{'ratio':>8}")
    for name in REQUESTS:
        print(f"{name:<16}{small[name] * 1000:>13.1f} ms{large[name] * 1000:>15.1f} ms{large[name] / small[name]:>8.1f}")


if __name__ == "__main__":
    main()
