"""The production WSGI server: waitress, or gunicorn (gthread) for bigger hosts.

Measured choices and the figures behind them: docs/deployment.md, "Server and
load". On the 2-core reference machine waitress with a raised connection
limit was as fast as gunicorn, with half the memory, and answers new
visitors whatever other connections do (its asyncore loop reads requests and
writes answers; threads only run the app). gunicorn's processes use more
than one core for Python; its gthread workers keep idle keep-alive
connections in a poller too. Both accept far more connections than browsers
open, so idle connections never keep a new visitor out.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from pipelines.settings import Settings

logger = logging.getLogger(__name__)

WSGIApp = Callable[..., Any]


def cores() -> int:
    """CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 2


def gunicorn_available() -> bool:
    """gunicorn runs on Unix only (it forks); it is not installed on Windows."""
    if os.name != "posix":
        return False
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


def server_name(settings: Settings) -> str:
    """The server to use: the setting; waitress where gunicorn cannot run."""
    if settings.server == "gunicorn" and not gunicorn_available():
        logger.warning("gunicorn cannot run here (Windows?); serving with waitress")
        return "waitress"
    return settings.server


def worker_count(settings: Settings, server: str) -> int:
    """Processes: waitress one; gunicorn one per core (each uses one for Python)."""
    if server == "waitress":
        return 1
    return settings.workers or max(1, cores())


def thread_count(settings: Settings, server: str) -> int:
    """Threads per process: requests wait on I/O little, so a few per process."""
    if settings.threads:
        return settings.threads
    return 8 if server == "waitress" else 4


def describe(settings: Settings) -> str:
    """One line for the log: server, processes, threads, keep-alive."""
    server = server_name(settings)
    return (
        f"{server}: {worker_count(settings, server)} process(es) x "
        f"{thread_count(settings, server)} threads, keep-alive "
        f"{settings.keepalive} s, at most {settings.connection_limit} "
        f"connections per process, {settings.store_cache} stores cached per process"
    )


def serve(settings: Settings, load: Callable[[], WSGIApp]) -> None:
    """Serve the WSGI app that ``load`` makes, until interrupted."""

    def loaded() -> WSGIApp:
        app = load()  # configures logging (app.py)
        logger.info("serving with %s", describe(settings))
        return app

    if server_name(settings) == "gunicorn":
        run_gunicorn(settings, loaded)
    else:
        run_waitress(settings, loaded())


def gunicorn_options(settings: Settings) -> dict[str, Any]:
    """gunicorn settings from ours (https://docs.gunicorn.org/en/stable/settings.html)."""
    return {
        "bind": [f"{settings.host}:{settings.port}"],
        "worker_class": "gthread",
        "workers": worker_count(settings, "gunicorn"),
        "threads": thread_count(settings, "gunicorn"),
        "worker_connections": settings.connection_limit,
        "keepalive": settings.keepalive,
        "timeout": settings.timeout,
        "graceful_timeout": 10,
        # the app and the first stores are made once, before the workers fork,
        # so their memory is shared (copy on write) and no worker starts cold
        "preload_app": True,
        "proc_name": "kernenkaart",
        "control_socket_disable": True,  # not used; several servers may run
        "accesslog": None,
        "errorlog": "-",
        "loglevel": settings.log_level.lower(),
    }


def run_gunicorn(settings: Settings, load: Callable[[], WSGIApp]) -> None:
    """gunicorn's master with gthread workers (Unix only)."""
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in gunicorn_options(settings).items():
                self.cfg.set(key, value)

        def load(self) -> WSGIApp:
            return load()

    Application().run()


def waitress_options(settings: Settings) -> dict[str, Any]:
    """waitress settings from ours (https://docs.pylonsproject.org/projects/waitress)."""
    return {
        "host": settings.host,
        "port": settings.port,
        "threads": thread_count(settings, "waitress"),
        # waitress's default of 100 lets browsers' idle keep-alive connections
        # fill the server: new visitors then wait for them to time out
        "connection_limit": settings.connection_limit,
        "channel_timeout": settings.keepalive,
        "cleanup_interval": max(1, min(30, settings.keepalive)),
        "ident": "kernenkaart",
        # X-Forwarded-* reach the app: its ProxyFix trusts as many proxies as
        # KERNENKAART_TRUSTED_PROXIES says, and without login it refuses them
        "clear_untrusted_proxy_headers": False,
    }


def run_waitress(settings: Settings, app: WSGIApp) -> None:
    """waitress: one process, any platform."""
    from waitress import serve as waitress_serve

    waitress_serve(app, **waitress_options(settings))
