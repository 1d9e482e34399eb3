"""Login under load: N users log in at the same moment (default 20).

Each login is the whole authorization-code flow against the test provider
(oidc-provider-mock, its own process): the app's /auth/login, the provider's
login form, the app's /auth/callback (token exchange, ID token checked with
the provider's JWKS), then one request with the new session. The app is
served by waitress as ``kernenkaart serve`` does. Prints a table; no timing
is asserted anywhere.

    python benchmarks/login_load.py [--users 20] [--rounds 3] [--build-dir DIR]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests.oidc_support import (  # noqa: E402 - after the path setup
    Provider,
    Served,
    build_stores,
    free_port,
    login,
    login_settings,
)


def one_login(url: str, sub: str, start: threading.Barrier) -> tuple[bool, float, str]:
    """(ok, seconds, error) of one user's login and first request."""
    session = requests.Session()
    start.wait()
    began = time.perf_counter()
    try:
        answer = login(session, url, sub)
        ok = answer.status_code == 302
        ok = ok and session.get(url + "/_dash-layout").status_code == 200
        error = "" if ok else f"HTTP {answer.status_code}"
    except (AssertionError, requests.RequestException) as exc:
        ok, error = False, type(exc).__name__
    return ok, time.perf_counter() - began, error


def run_round(
    url: str, users: list[str]
) -> tuple[list[tuple[bool, float, str]], float]:
    start = threading.Barrier(len(users))
    began = time.perf_counter()
    with ThreadPoolExecutor(len(users)) as pool:
        results = list(pool.map(lambda s: one_login(url, s, start), users))
    return results, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--build-dir", type=Path, default=None)
    args = parser.parse_args()
    from app import create_app

    logging.disable(logging.WARNING)  # waitress's queue depth would drown the table

    with tempfile.TemporaryDirectory() as tmp:
        stores = args.build_dir or build_stores(Path(tmp) / "build")
        provider = Provider()
        try:
            users = [f"gebruiker{i}@gemeente.nl" for i in range(args.users)]
            for i, sub in enumerate(users):
                provider.set_user(
                    sub, email=sub, groups=[("raad", "gm", "data")[i % 3]]
                )
            port = free_port()
            client = provider.register([f"http://127.0.0.1:{port}/auth/callback"])
            settings = login_settings(
                stores, provider.url, client, audit_log=str(Path(tmp) / "audit.jsonl")
            )
            served = Served(create_app(settings).server, port)
            report(served.url, users, args.rounds)
            served.close()
        finally:
            provider.stop()


def report(url: str, users: list[str], rounds: int) -> None:
    print(f"{len(users)} logins at once, {rounds} rounds (waitress, 8 threads)")
    print(
        f"{'round':>5} {'ok':>4} {'errors':>6} {'p50 s':>7} {'p90 s':>7} "
        f"{'max s':>7} {'wall s':>7}"
    )
    for n in range(1, rounds + 1):
        results, wall = run_round(url, users)
        times = sorted(t for _ok, t, _e in results)
        errors = [e for ok, _t, e in results if not ok]
        p90 = times[int(0.9 * (len(times) - 1))]
        print(
            f"{n:>5} {len(results) - len(errors):>4} {len(errors):>6} "
            f"{statistics.median(times):>7.3f} {p90:>7.3f} {times[-1]:>7.3f} "
            f"{wall:>7.3f}"
        )
        if errors:
            print("      errors:", ", ".join(sorted(set(errors))))


if __name__ == "__main__":
    main()
