"""Requests per second of a client page and an invoice page (include=client), beside the ceiling:
the same rows served by raw sqlite3 and json (`ceiling.py`) under the same uvicorn.

    .venv/bin/python bench/throughput.py [--clients 1000] [--invoices 5000] [--seconds 3] [--rounds 5]

Needs `wrk` (apt-get install wrk). Seeds a fresh SQLite file, serves it with both apps (one
uvicorn worker each, a process of their own), and loads each page with 1 and then 8 connections,
one app at a time, in `--rounds` alternating slices of `--seconds` each so that both see the same
load on a shared machine. Prints the median slice's req/s, p50 and p99 latency, the ratio to the
ceiling, and the API worker's resident memory after the load (and its peak).
"""

import argparse
import re
import shutil
import statistics
import subprocess
import sys

from serving import HEADERS, fresh_database, rss_mb, seed_clients, seed_invoices, server

REQUESTS = {
    "client page": "/api/v1/clients?per_page=20",
    "invoice page, include=client": "/api/v1/invoices?per_page=20&include=client",
}
UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _seconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url: str, connections: int, seconds: int) -> dict:
    args = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
    for name, value in HEADERS.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        sys.exit(f"{url} answered errors:\n{out}")
    found = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for percent in ("50", "99"):
        found[f"p{percent}"] = _seconds(re.search(rf"^\s+{percent}%\s+(\S+)", out, re.M).group(1))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1_000)
    parser.add_argument("--invoices", type=int, default=5_000)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk)")

    url, engine, company_id, user_id = fresh_database(None)
    seed_clients(engine, company_id, user_id, 0, args.clients)
    seed_invoices(engine, company_id, user_id, args.clients, 0, args.invoices)
    engine.dispose()

    results = {}
    with server(url) as (ours, pid), server(url, "ceiling:app") as (ceiling, _):
        for connections in (1, 8):
            for name, path in REQUESTS.items():
                slices = {"api": [], "ceiling": []}
                for who, base in (("api", ours), ("ceiling", ceiling)):
                    wrk(base + path, connections, 1)  # warm up
                for _ in range(args.rounds):
                    for who, base in (("api", ours), ("ceiling", ceiling)):
                        slices[who].append(wrk(base + path, connections, args.seconds))
                for who, found in slices.items():
                    results[(connections, name, who)] = {
                        k: statistics.median(f[k] for f in found) for k in ("rps", "p50", "p99")}
        rss, peak = rss_mb(pid)

    print(f"{'request':<30}{'conns':>6}{'api req/s':>11}{'p50':>9}{'p99':>9}{'p99/p50':>8}"
          f"{'ceiling req/s':>15}{'ratio':>7}")
    for connections in (1, 8):
        for name in REQUESTS:
            api, top = results[(connections, name, "api")], results[(connections, name, "ceiling")]
            print(f"{name:<30}{connections:>6}{api['rps']:>11.1f}{api['p50'] * 1000:>7.1f}ms{api['p99'] * 1000:>7.1f}ms"
                  f"{api['p99'] / api['p50']:>8.1f}{top['rps']:>15.1f}{api['rps'] / top['rps']:>7.2f}")
    print(f"API worker memory after the load: {rss:.0f} MB resident, {peak:.0f} MB at its peak")


if __name__ == "__main__":
    main()
