"""The production server (as ``kernenkaart serve`` runs it) keeps answering
while many idle keep-alive connections are open (integration tier).

Browsers keep several connections open after a visit; with waitress's
default connection_limit of 100 those idle connections kept new visitors out
until they timed out (the issue's briefing: 30 browsers, 171 s). A liveness
check, not a timing: the new request only has to be answered.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.production import gunicorn_available
from pipelines.settings import PROJECT_ROOT
from tests.net import free_port

IDLE_CONNECTIONS = 150
ANSWER_TIMEOUT = 30.0  # generous: only whether it is answered at all
SERVERS = ["waitress", "gunicorn"] if gunicorn_available() else ["waitress"]


def healthz(port: int, timeout: float) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("GET", "/healthz")
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def wait_until_up(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "kernenkaart serve exited"
        try:
            if healthz(port, 5).status == 200:
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail("kernenkaart serve did not come up in 120 s")


@pytest.fixture(params=SERVERS)
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[int]:
    """``kernenkaart serve`` with the production server, on a free loopback port."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KERNENKAART_")}
    env["KERNENKAART_SERVER"] = request.param
    cmd = [sys.executable, "-c", "from cli import main; main()", "serve"]
    cmd += ["--build-dir", str(tmp_path), "--port", str(port)]
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        cmd, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        wait_until_up(process, port)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def open_idle_connections(port: int, n: int) -> list[socket.socket]:
    """``n`` connections that each sent a keep-alive request and stay open."""
    request = (
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
    )
    sockets = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(request)
        sockets.append(s)
    return sockets


def test_new_visitor_is_answered_with_150_idle_keepalive_connections(
    served: int,
) -> None:
    idle = open_idle_connections(served, IDLE_CONNECTIONS)
    try:
        answered = sum(1 for s in idle[:5] if s.recv(4096).startswith(b"HTTP/1.1 200"))
        assert answered == 5  # the first of them were served and are now idle
        response = healthz(served, ANSWER_TIMEOUT)
        assert response.status == 200
        assert b'"status":"ok"' in response.body
    finally:
        for s in idle:
            s.close()


def test_server_options_follow_the_settings(settings) -> None:
    from dataclasses import replace

    from cli.production import gunicorn_options, waitress_options

    tuned = replace(settings, connection_limit=500, keepalive=20, threads=6)
    waitress = waitress_options(tuned)
    assert waitress["connection_limit"] == 500
    assert waitress["channel_timeout"] == 20
    assert waitress["threads"] == 6
    gunicorn = gunicorn_options(replace(tuned, workers=3))
    assert gunicorn["worker_class"] == "gthread"
    assert (gunicorn["workers"], gunicorn["threads"]) == (3, 6)
    assert gunicorn["worker_connections"] == 500
    assert gunicorn["keepalive"] == 20
    assert gunicorn["preload_app"] is True


def test_unknown_server_and_empty_cache_are_refused(monkeypatch) -> None:
    from pipelines.errors import ConfigError
    from pipelines.settings import load_settings

    monkeypatch.setenv("KERNENKAART_SERVER", "uwsgi")
    with pytest.raises(ConfigError, match="uwsgi"):
        load_settings()
    monkeypatch.setenv("KERNENKAART_SERVER", "waitress")
    monkeypatch.setenv("KERNENKAART_STORE_CACHE", "0")
    with pytest.raises(ConfigError, match="store_cache"):
        load_settings()


def test_dash_is_set_up_before_the_first_visitor(settings) -> None:
    """Concurrent first requests found Dash's scripts unregistered (500)."""
    from app import create_app, setup_before_serving

    app = create_app(settings)
    assert not app.registered_paths  # Dash sets up on its first request
    setup_before_serving(app)
    assert {"dash", "dash_bootstrap_components"} <= set(app.registered_paths)
    client = app.server.test_client()
    for script in (
        "dash/dcc/async-graph.js",
        "dash_bootstrap_components/_components/dash_bootstrap_components.min.js",
    ):
        assert client.get(f"/_dash-component-suites/{script}").status_code == 200
