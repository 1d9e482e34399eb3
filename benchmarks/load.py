"""Load benchmark: simulated browsers replay a recorded visit over HTTP.

The recording (benchmarks/recordings/kaart_visit.json, made by
benchmarks/load_record.py with ``--record``) holds what headless Chromium
asked of the server on a first visit to the Kaart and on four interactions.
Each simulated browser replays a step as a browser would: at most 6
persistent keep-alive connections to the server, a request sent as soon as
the requests that had finished before it started in the recording have
finished here, a stale keep-alive connection retried once.

Scenarios (the issue's yardsticks on this 2-core machine):

a. 50 browsers open the Kaart at the same moment and stay open: every
   visit's duration (first request to last answer), the slowest, errors.
   Goal: slowest <= 5 s.
b. 50 users for 60 s, arriving within the first 5 s: a first visit, then an
   interaction every 5 s (overlay, overlay, Kernprofiel, Kaart with a kern,
   ...; each user starts at a different one): per request p50/p95/max, per
   step p95, the slowest paths, errors. Goal: p95 per request <= 250 ms,
   0 errors.

The server is started as ``kernenkaart serve`` in a process of its own on a
free loopback port, in each configuration asked (--configs, see
benchmarks/serving.py), scenario by scenario in alternating order, since
this machine's speed drifts. The load generator is threads in this one
process; it competes with the server for the 2 cores.

Usage: python -m benchmarks.load [--quick] [--configs waitress,gunicorn]
       [--build-dir build] [--rounds 1] [--scenarios a,b] [--record]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_replay import (  # noqa: E402
    Browser,
    Result,
    load_recording,
    percentile,
)
from benchmarks.serving import CONFIGS, memory_mib, start_server  # noqa: E402

RECORDING = ROOT / "benchmarks" / "recordings" / "kaart_visit.json"
MAX_CONNECTIONS = 6  # per browser, as Chromium per host


def scenario_a(url: str, steps: list, browsers: int, timeout: float) -> Result:
    """``browsers`` first visits at the same moment."""
    result = Result()
    barrier = threading.Barrier(browsers)
    # Browsers stay open, their connections kept alive, until every visit is
    # done: idle connections of early visitors must not keep later ones out.
    opened = [Browser(url, MAX_CONNECTIONS, timeout) for _ in range(browsers)]

    def visit(browser: Browser) -> None:
        barrier.wait()
        result.add(browser.run_step(steps[0]))

    threads = [threading.Thread(target=visit, args=(b,)) for b in opened]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for browser in opened:
        browser.close()
    return result


def scenario_b(
    url: str, steps: list, users: int, seconds: float, pause: float, timeout: float
) -> Result:
    """``users`` browsers for ``seconds``: a first visit, then an action per pause."""
    result = Result()
    deadline = time.monotonic() + seconds
    rng = random.Random(1)
    offsets = [rng.uniform(0, pause) for _ in range(users)]

    def user(number: int, offset: float) -> None:
        browser = Browser(url, MAX_CONNECTIONS, timeout)
        time.sleep(offset)  # users do not all arrive in the same second
        result.add(browser.run_step(steps[0]))
        action = number % (len(steps) - 1) + 1  # nor all click the same thing
        while time.monotonic() + pause < deadline:
            time.sleep(pause)
            result.add(browser.run_step(steps[action]))
            action = action % (len(steps) - 1) + 1
        browser.close()

    threads = [
        threading.Thread(target=user, args=(i, o)) for i, o in enumerate(offsets)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return result


def report_a(config: str, result: Result) -> str:
    visits = sorted(v.duration for v in result.visits)
    return (
        f"| a | {config} | {len(visits)} | {result.errors} | "
        f"{percentile(visits, 50):.2f} | {percentile(visits, 95):.2f} | "
        f"{max(visits):.2f} | {' '.join(f'{v:.1f}' for v in visits)} |"
    )


def report_b(config: str, result: Result) -> str:
    lat = sorted(result.latencies())
    steps = result.step_p95()
    per_step = ", ".join(f"{name} {p95:.2f}" for name, p95 in steps.items())
    slow = ", ".join(
        f"{p} {s * 1000:.0f} ms" for p, s in result.slowest_paths().items()
    )
    return (
        f"| b | {config} | {len(lat)} requests, {len(result.visits)} steps | "
        f"{result.errors} | {percentile(lat, 50) * 1000:.0f} ms | "
        f"{percentile(lat, 95) * 1000:.0f} ms | {max(lat) * 1000:.0f} ms | "
        f"step p95 (s): {per_step}; slowest requests p95: {slow} |"
    )


def memory_line(server) -> str:  # noqa: ANN001
    rows = memory_mib(server.process.pid)
    rss = sum(r[1] for r in rows)
    pss = sum(r[2] for r in rows)
    each = ", ".join(f"{r[1]:.0f}" for r in rows)
    return f"{server.config}: RSS {rss:.0f} MiB (per process {each}), PSS {pss:.0f} MiB"


def run(args: argparse.Namespace, build_dir: Path) -> None:
    steps = load_recording(RECORDING)
    configs = args.configs.split(",")
    scenarios = args.scenarios.split(",")
    lines, memory, errors = [], [], []
    for round_no in range(args.rounds):
        order = configs if round_no % 2 == 0 else list(reversed(configs))
        for scenario in scenarios:
            for config in order:
                server = start_server(build_dir, config, extra_env(args))
                try:
                    line, result = one(args, scenario, config, server.url, steps)
                    lines.append(line)
                    errors += [f"{config}: {e}" for e in result.error_texts()]
                    memory.append(memory_line(server))
                finally:
                    server.stop()
                print(lines[-1], flush=True)
    print_table(args, lines, memory)
    for error in errors[:20]:
        print("  error: " + error)


def extra_env(args: argparse.Namespace) -> dict[str, str]:
    extra = {}
    if args.workers:
        extra["WORKERS"] = str(args.workers)
    if args.threads:
        extra["THREADS"] = str(args.threads)
    return extra


def one(
    args: argparse.Namespace, scenario: str, config: str, url: str, steps: list
) -> tuple[str, Result]:
    if scenario == "a":
        result = scenario_a(url, steps, args.browsers, args.timeout)
        return report_a(config, result), result
    result = scenario_b(url, steps, args.users, args.seconds, args.pause, args.timeout)
    return report_b(config, result), result


def print_table(args: argparse.Namespace, lines: list[str], memory: list[str]) -> None:
    print()
    print(f"# load benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(
        f"a: {args.browsers} simultaneous first visits; b: {args.users} users for "
        f"{args.seconds:.0f} s, {args.pause:.0f} s between actions; at most "
        f"{MAX_CONNECTIONS} keep-alive connections per browser"
    )
    print("| scenario | server | visits / requests | errors | p50 | p95 | max | |")
    print("|---|---|---|---|---|---|---|---|")
    for line in lines:
        print(line)
    print("\nserver memory after each run:")
    for line in memory:
        print("  " + line)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--configs",
        default="gunicorn,waitress",
        help=f"comma-separated, of {', '.join(CONFIGS)}",
    )
    parser.add_argument("--scenarios", default="a,b")
    parser.add_argument(
        "--build-dir",
        type=Path,
        default=None,
        help="stores to serve (default: build both into a temp dir)",
    )
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--browsers", type=int, default=50)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pause", type=float, default=5.0)
    parser.add_argument(
        "--timeout", type=float, default=180.0, help="socket timeout per request (s)"
    )
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument(
        "--quick", action="store_true", help="short run: 20 browsers, 20 users for 20 s"
    )
    parser.add_argument(
        "--record",
        action="store_true",
        help="record the visit anew (benchmarks/recordings/)",
    )
    args = parser.parse_args()  # fmt: skip
    if args.quick:
        args.browsers, args.users, args.seconds = 20, 20, 20.0
    return args


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="kk-load-") as tmp:
        build_dir = args.build_dir
        if build_dir is None:
            from benchmarks.dashboard import build_stores

            build_dir = Path(tmp)
            print("building stores ...", flush=True)
            build_stores(build_dir, synthetic=False)
        if args.record or not RECORDING.exists():
            record_visit(build_dir)
        run(args, build_dir)


def record_visit(build_dir: Path) -> None:
    from benchmarks.load_record import record

    server = start_server(build_dir, "waitress")
    try:
        print(f"recording a browser visit into {RECORDING} ...", flush=True)
        recording = record(server.url, RECORDING)
    finally:
        server.stop()
    total = sum(len(s["requests"]) for s in recording["steps"])
    print(json.dumps({"steps": len(recording["steps"]), "requests": total}))


if __name__ == "__main__":
    main()
