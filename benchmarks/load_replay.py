"""Replay of a recorded visit by one simulated browser (benchmarks/load.py).

A browser keeps at most ``max_connections`` persistent HTTP/1.1 connections
(http.client, keep-alive as Chromium does) and sends each request of a step
once the requests it waited for in the recording have been answered.
"""

from __future__ import annotations

import http.client
import json
import math
import queue
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    status: int
    after: tuple[int, ...]  # requests answered before this one was sent


@dataclass(frozen=True)
class Step:
    name: str
    requests: tuple[Request, ...]


@dataclass
class Visit:
    """One step replayed by one browser."""

    step: str
    duration: float
    latencies: list[float]
    errors: list[str]
    paths: list[str] = field(default_factory=list)  # of the latencies


@dataclass
class Result:
    visits: list[Visit] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, visit: Visit) -> None:
        with self._lock:
            self.visits.append(visit)

    @property
    def errors(self) -> int:
        return sum(len(v.errors) for v in self.visits)

    def error_texts(self) -> list[str]:
        return [e for v in self.visits for e in v.errors]

    def latencies(self) -> list[float]:
        return [x for v in self.visits for x in v.latencies]

    def slowest_paths(self, n: int = 3) -> dict[str, float]:
        """The ``n`` request paths (query left out) with the highest p95."""
        by_path: dict[str, list[float]] = {}
        for v in self.visits:
            for path, seconds in zip(v.paths, v.latencies, strict=True):
                by_path.setdefault(path.split("?")[0], []).append(seconds)
        p95 = {p: percentile(sorted(x), 95) for p, x in by_path.items()}
        return dict(sorted(p95.items(), key=lambda kv: -kv[1])[:n])

    def step_p95(self) -> dict[str, float]:
        names = dict.fromkeys(v.step for v in self.visits)
        return {
            n: percentile(sorted(v.duration for v in self.visits if v.step == n), 95)
            for n in names
        }


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile of sorted ``values`` (0 when empty)."""
    if not values:
        return 0.0
    return values[max(0, math.ceil(pct / 100 * len(values)) - 1)]


def load_recording(path: Path) -> list[Step]:
    """The steps of a recording, each request with what it waited for."""
    data = json.loads(path.read_text())
    return [_step(s) for s in data["steps"]]


def _step(raw: dict[str, Any]) -> Step:
    items = raw["requests"]
    requests = []
    for r in items:
        after = tuple(j for j, o in enumerate(items) if o["end"] <= r["start"])
        body = r["body"].encode() if r.get("body") else None
        requests.append(
            Request(r["method"], r["path"], r["headers"], body, r["status"], after)
        )
    return Step(raw["name"], tuple(requests))


def _ok(got: int, recorded: int) -> bool:
    if got >= 500:
        return False
    if recorded == 304:  # revalidated there; without a validator here: 200
        return got in (200, 304)
    return got // 100 == recorded // 100


class Browser:
    """One simulated browser: a pool of keep-alive connections to one server."""

    def __init__(self, url: str, max_connections: int, timeout: float) -> None:
        parts = urlsplit(url)
        self.origin = url.rstrip("/")
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self.pool: queue.LifoQueue[http.client.HTTPConnection] = queue.LifoQueue()
        for _ in range(max_connections):  # opened when first used
            self.pool.put(self._connection())
        self.executor = ThreadPoolExecutor(max_connections)

    def _connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def close(self) -> None:
        self.executor.shutdown(wait=True)
        while not self.pool.empty():
            self.pool.get().close()

    def run_step(self, step: Step) -> Visit:
        """Send a step's requests as their order in the recording allows."""
        started = time.perf_counter()
        done: set[int] = set()
        sent: set[int] = set()
        running: dict[Future, int] = {}
        latencies: list[float] = []
        paths: list[str] = []
        errors: list[str] = []
        while len(done) < len(step.requests):
            for i, req in enumerate(step.requests):
                if i not in sent and done.issuperset(req.after):
                    sent.add(i)
                    running[self.executor.submit(self._send, req)] = i
            finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for fut in finished:
                i = running.pop(fut)
                done.add(i)
                seconds, error = fut.result()
                latencies.append(seconds)
                paths.append(step.requests[i].path)
                if error:
                    errors.append(f"{step.requests[i].path}: {error}")
        duration = time.perf_counter() - started
        return Visit(step.name, duration, latencies, errors, paths)

    def _send(self, req: Request) -> tuple[float, str]:
        conn = self.pool.get()
        started = time.perf_counter()
        try:
            status = self._exchange(conn, req)
            error = "" if _ok(status, req.status) else f"status {status}"
        except Exception as exc:  # noqa: BLE001 - every failure counts
            conn.close()
            error = f"{type(exc).__name__}: {exc}"
        finally:
            self.pool.put(conn)
        return time.perf_counter() - started, error

    def _exchange(self, conn: http.client.HTTPConnection, req: Request) -> int:
        origin = self.origin
        headers = {k: v.replace("{origin}", origin) for k, v in req.headers.items()}
        reused = conn.sock is not None
        try:
            return self._once(conn, req, headers)
        except STALE:
            if not reused:  # a fresh connection that failed: a real error
                raise
            conn.close()  # the server closed an idle one: browsers retry
            return self._once(conn, req, headers)

    @staticmethod
    def _once(conn: http.client.HTTPConnection, req: Request, headers: dict) -> int:
        conn.request(req.method, req.path, body=req.body, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.will_close:
            conn.close()
        return response.status
