"""Memory benchmark: one server for 100 gemeenten, every one of them visited.

A regional deployment serves many stores. This copies West Betuwe's store
under 100 synthetic gemeente slugs (``gemeente-001`` ... ``gemeente-100``,
with their own name and slug in the store's metadata, so each is a store of
its own to the server), starts ``kernenkaart serve`` on them as it would run
in production (benchmarks/serving.py), and visits each gemeente's Kaart and a
Kernprofiel with the requests a browser's first visit makes to the server
for them (page, layout, kern geometry; several connections, so every worker
process sees every gemeente). After every 10 gemeenten it prints the
server's memory: RSS summed over its processes (counts memory that
gunicorn's forked workers share once per process) and PSS (shared pages
split between the processes: what the server really takes). Goal: at most
1.5 GB, and close to no growth per extra gemeente once the store cache
(KERNENKAART_STORE_CACHE, default 16) is full.

Usage: python -m benchmarks.memory [--gemeenten 100] [--config waitress]
       [--store-cache 16] [--source build/west-betuwe-intern.gpkg]
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.serving import CONFIGS, Server, memory_mib, start_server  # noqa: E402

CONNECTIONS_PER_GEMEENTE = 4  # new connections: the kernel spreads them over workers


def copy_stores(source: Path, build_dir: Path, n: int) -> list[str]:
    """``n`` copies of ``source`` as stores of gemeenten of their own."""
    slugs = [f"gemeente-{i:03d}" for i in range(1, n + 1)]
    for i, slug in enumerate(slugs, start=1):
        target = build_dir / f"{slug}-intern.gpkg"
        shutil.copyfile(source, target)
        with sqlite3.connect(target) as db:
            for key, value in (("gemeente_slug", slug), ("gemeente", f"Gemeente {i}")):
                db.execute(
                    "UPDATE metadata SET value = ? WHERE key = ?",
                    (json.dumps(value), key),
                )
    return slugs


def get(port: int, path: str, referer: str = "") -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Accept-Encoding": "gzip, br"}
    if referer:
        headers["Referer"] = f"http://127.0.0.1:{port}{referer}"
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def visit(port: int, slug: str, kern: str) -> int:
    """A first visit's server work for one gemeente; returns the failures."""
    kaart = f"/?gemeente={slug}"
    profiel = f"/kern/{kern}?gemeente={slug}"
    failures = 0
    for _ in range(CONNECTIONS_PER_GEMEENTE):
        failures += get(port, kaart) != 200
        failures += get(port, "/_dash-layout", referer=kaart) != 200
        failures += get(port, "/_dash-layout", referer=profiel) != 200
    failures += get(port, f"/geo/{slug}/kernen.json") != 200
    return failures


def measure(server: Server) -> tuple[float, float, list[float]]:
    rows = memory_mib(server.process.pid)
    return sum(r[1] for r in rows), sum(r[2] for r in rows), [r[1] for r in rows]


def run(args: argparse.Namespace, build_dir: Path) -> None:
    print(f"copying {args.source.name} to {args.gemeenten} gemeenten ...", flush=True)
    slugs = copy_stores(args.source, build_dir, args.gemeenten)
    extra = {"STORE_CACHE": str(args.store_cache)}
    server = start_server(build_dir, args.config, extra)
    rows, failures = [(0, *measure(server))], 0
    try:
        for i, slug in enumerate(slugs, start=1):
            failures += visit(server.port, slug, args.kern)
            if i % args.every == 0 or i == len(slugs):
                rows.append((i, *measure(server)))
                print(f"  {i} gemeenten: RSS {rows[-1][1]:.0f} MiB", flush=True)
    finally:
        server.stop()
    print_table(args, rows, failures)


def print_table(args: argparse.Namespace, rows: list, failures: int) -> None:
    print(f"\n# memory benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(
        f"server: {args.config}, store cache {args.store_cache} per process; "
        f"failed requests: {failures}"
    )
    print("| gemeenten visited | RSS total (MiB) | PSS total (MiB) | "
          "RSS per process (MiB) | PSS growth per gemeente (MiB) |")  # fmt: skip
    print("|---|---|---|---|---|")
    previous = None
    for n, rss, pss, each in rows:
        growth = (
            "" if previous is None else f"{(pss - previous[1]) / (n - previous[0]):.1f}"
        )
        per = ", ".join(f"{x:.0f}" for x in each)
        print(f"| {n} | {rss:.0f} | {pss:.0f} | {per} | {growth} |")
        previous = (n, pss)
    full = [r for r in rows if r[0] >= 2 * args.store_cache] or rows[-1:]
    first, last = full[0], rows[-1]
    if last[0] > first[0]:
        slope = (last[2] - first[2]) / (last[0] - first[0])
        print(
            f"\nonce the cache is full ({first[0]} -> {last[0]} gemeenten): "
            f"{slope:.2f} MiB PSS per extra gemeente; peak RSS "
            f"{max(r[1] for r in rows):.0f} MiB, PSS {max(r[2] for r in rows):.0f} MiB"
        )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gemeenten", type=int, default=100)
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--config", default="waitress", choices=list(CONFIGS))
    parser.add_argument("--store-cache", type=int, default=16)
    parser.add_argument("--kern", default="beesd", help="a kern of the source store")
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="store to copy (default: build West Betuwe)",
    )
    return parser.parse_args()  # fmt: skip


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="kk-memory-") as tmp:
        build_dir = Path(tmp) / "stores"
        build_dir.mkdir()
        if args.source is None:
            args.source = build_source(Path(tmp) / "source")
        run(args, build_dir)


def build_source(build_dir: Path) -> Path:
    from benchmarks.dashboard import build_stores

    print("building stores ...", flush=True)
    build_stores(build_dir, synthetic=False)
    return build_dir / "west-betuwe-intern.gpkg"


if __name__ == "__main__":
    main()
