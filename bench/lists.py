"""What the list benchmarks share: time each request at a small and a large table, print the ratio."""

import argparse
import statistics
import sys
import time

from fastapi.testclient import TestClient

from ninja_api.app import create_app
from ninja_api.db import make_sessionmaker
from ninja_api.http import cursor
from ninja_api.migrate import analyze
from ninja_api.settings import Settings
from serving import HEADERS, fresh_database

RUNS = 7


def timed(client: TestClient, path: str) -> float:
    client.get(path, headers=HEADERS)  # the first run compiles and caches the statements
    samples = []
    for _ in range(RUNS):
        began = time.perf_counter()
        response = client.get(path, headers=HEADERS)
        samples.append(time.perf_counter() - began)
        if response.status_code != 200:
            sys.exit(f"{path}: {response.status_code} {response.text[:200]}")
    return statistics.median(samples)


def measure(client: TestClient, requests: dict[str, str], rows: int) -> dict[str, float]:
    last = max(1, (rows + 19) // 20)
    # A walk halfway through the table (the rows have ids 1..rows).
    middle = cursor.encode(cursor.Position(cursor.BY_ID, None, rows // 2))
    return {name: timed(client, path.format(last=last, cursor=middle)) for name, path in requests.items()}


def settle(engine, url: str) -> None:
    """Statistics as a live database has them: `ninja-api serve` analyzes SQLite when it starts (and
    its connections open after);
    PostgreSQL's autovacuum analyzes and vacuums (the visibility map lets a count read the index
    alone) some time after a bulk load."""
    if engine.dialect.name == "sqlite":
        analyze(url)
        # SQLite reads statistics when a connection opens: the app's pooled connections would plan
        # with those of the smaller table, as a server does until it restarts.
        engine.dispose()
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")


def run(doc: str, what: str, requests: dict[str, str], seed) -> None:
    """`seed(engine, company_id, user_id, start, stop)` adds rows start..stop of the table measured."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    url, engine, company_id, user_id = fresh_database(args.database_url)
    app = create_app(Settings(database_url=url, mail_mailer="array"), sessionmaker=make_sessionmaker(engine))
    with TestClient(app) as client:
        seed(engine, company_id, user_id, 0, args.small)
        settle(engine, url)
        small = measure(client, requests, args.small)
        began = time.perf_counter()
        seed(engine, company_id, user_id, args.small, args.rows)
        settle(engine, url)
        print(f"seeded {args.rows:,} {what} in {time.perf_counter() - began:.0f} s ({engine.dialect.name})")
        large = measure(client, requests, args.rows)

    print(f"{'request':<20}{args.small:>12,} rows{args.rows:>14,} rows{'ratio':>8}")
    for name in requests:
        print(f"{name:<20}{small[name] * 1000:>13.1f} ms{large[name] * 1000:>15.1f} ms{large[name] / small[name]:>8.1f}")
