"""Start ``kernenkaart serve`` in a process of its own and read its memory.

Shared by benchmarks/load.py and benchmarks/memory.py. The server runs as
``kernenkaart serve`` would (``cli.main``), configured through KERNENKAART_*
variables, on a free loopback port; it is stopped by its process group.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.net import free_port

ROOT = Path(__file__).resolve().parent.parent

# Server configurations compared (docs/deployment.md, "Server and load").
# "waitress-today" is what `kernenkaart serve` ran before: waitress with its
# default connection_limit (100) and channel_timeout (120 s), 8 threads.
CONFIGS: dict[str, dict[str, str]] = {
    "waitress-today": {
        "SERVER": "waitress",
        "THREADS": "8",
        "CONNECTION_LIMIT": "100",
        "KEEPALIVE": "120",
    },
    "waitress": {"SERVER": "waitress"},
    "gunicorn": {"SERVER": "gunicorn"},
    "gunicorn-1x8": {"SERVER": "gunicorn", "WORKERS": "1", "THREADS": "8"},
    "gunicorn-2x8": {"SERVER": "gunicorn", "WORKERS": "2", "THREADS": "8"},
}


@dataclass
class Server:
    """A running ``kernenkaart serve`` process (group)."""

    process: subprocess.Popen
    port: int
    config: str
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def start_server(
    build_dir: Path,
    config: str,
    extra: dict[str, str] | None = None,
    log_dir: Path | None = None,
) -> Server:
    """``kernenkaart serve`` with configuration ``config`` (see CONFIGS)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KERNENKAART_")}
    for key, value in {**CONFIGS[config], **(extra or {})}.items():
        env[f"KERNENKAART_{key}"] = value
    env["KERNENKAART_LOG_LEVEL"] = "WARNING"
    log = (log_dir or Path("/tmp")) / f"kk-serve-{config}-{port}.log"
    cmd = [sys.executable, "-c", "from cli import main; main()", "serve"]
    cmd += ["--build-dir", str(build_dir), "--port", str(port)]
    with log.open("w") as out:
        process = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    server = Server(process, port, config, log)
    wait_until_up(server)
    return server


def wait_until_up(server: Server, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited; see {server.log}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"server not up after {timeout:.0f} s; see {server.log}")


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split()
        out += [int(c) for c in children]
    return out


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (Linux /proc)."""
    todo, seen = [pid], []
    while todo:
        current = todo.pop()
        seen.append(current)
        try:
            todo += _children(current)
        except OSError:
            pass
    return seen


def _kib(path: Path, field: str) -> int:
    for line in path.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def memory_mib(pid: int) -> list[tuple[int, float, float]]:
    """(pid, RSS MiB, PSS MiB) of ``pid`` and its descendants with Python in them.

    RSS counts memory shared between gunicorn's forked workers once per
    process; PSS splits shared pages between the processes that share them,
    so PSS adds up to what the server really takes.
    """
    rows = []
    for p in process_tree(pid):
        proc = Path(f"/proc/{p}")
        try:
            rss = _kib(proc / "status", "VmRSS") / 1024
            pss = _kib(proc / "smaps_rollup", "Pss") / 1024
        except OSError:
            continue
        if rss > 20:  # leave out a shell or launcher in between
            rows.append((p, rss, pss))
    return rows
