"""The kernenkaart Dash app: ``create_app(settings)``; ``server`` for WSGI servers.

Nothing is loaded at import time: stores are read on the first request that
needs them (see :class:`pipelines.dashboard_data.Repository`).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
from pathlib import Path

import flask
from dash import Dash
from flask_compress import Compress

import access
from callbacks import context, pages, register_all, screens
from callbacks.context import EXTENSION
from callbacks.router import initial_layout
from pipelines.dashboard_data import Repository
from pipelines.errors import ConfigError, StoreError
from pipelines.settings import Settings, load_settings

logger = logging.getLogger(__name__)
ASSETS = Path(__file__).resolve().parent / "assets"
# The Kaart's map scripts, built by jsbuild/ (see its README): plotly.js with
# only the map traces, MapLibre GL JS as a script of its own, and its worker.
VENDOR = ASSETS / "vendor"
PLOTLY_JS = VENDOR / "plotly-kaart.min.js"
MAPLIBRE_JS = VENDOR / "maplibre-gl.min.js"
MAPLIBRE_WORKER = VENDOR / "maplibre-gl-worker.min.js"
# plotly.js is served where Dash's own would be, so no second copy is loaded.
PLOTLY_PATH = "/_dash-component-suites/plotly/package_data/plotly.min.js"
MAPLIBRE_PATH = f"/assets/vendor/{MAPLIBRE_JS.name}"
WORKER_PATH = f"/assets/vendor/{MAPLIBRE_WORKER.name}"  # Dash's assets route
SCRIPTS = {PLOTLY_PATH: PLOTLY_JS, MAPLIBRE_PATH: MAPLIBRE_JS}
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"
YEAR = 31_536_000
INDEX = """<!DOCTYPE html>
<html lang="nl">
<head>
{%metas%}
<title>{%title%}</title>
<link rel="preload" href="PREFIX_dash-layout" as="fetch" crossorigin>
<link rel="preload" href="PREFIX_dash-dependencies" as="fetch" crossorigin>
{%favicon%}
{%css%}
</head>
<body>
{%app_entry%}
<footer>{%config%}
<script src="MAPLIBRE" data-worker="WORKER"></script>
<script src="PLOTLY"></script>
{%scripts%}{%renderer%}</footer>
</body>
</html>"""
# Scripts Dash adds that this app does not need. Babel's polyfill (core-js)
# is for browsers without ES2015 and costs main-thread time on every first
# load; dash_table is not used (tests/test_app_factory.py checks both).
# regeneratorRuntime, which Dash's lazily loaded components call, is set by
# the dash-bootstrap-components bundle.
UNUSED_SCRIPTS = re.compile(
    r'<script src="[^"]*/dash/(deps/polyfill@|dash_table/bundle)[^"]*"></script>\n?'
)
COMPRESSED_TYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/geo+json",
    "application/x-protobuf",
    "application/octet-stream",
    "image/svg+xml",
]


class KernenkaartDash(Dash):
    """Dash with a faster first load: unused scripts left out of the page.

    The page (``INDEX``) also preloads the layout and the callback list, so the
    server computes them while the browser evaluates the scripts, and loads
    plotly.js as a plain script before Dash's, so the map can be drawn as soon
    as the layout is rendered (no lazy load of plotly.js after it).
    """

    def interpolate_index(self, **kwargs: str) -> str:
        kwargs["scripts"] = UNUSED_SCRIPTS.sub("", kwargs.get("scripts", ""))
        return super().interpolate_index(**kwargs)

    def index(self, *args: object, **kwargs: object) -> flask.Response | str:
        """The page; status 404 for a path that is no screen (an unknown kern).

        The page is sent all the same: it says what was not found and links
        on, as the router renders 'Niet gevonden' for it.
        """
        page = super().index(*args, **kwargs)
        path = "/" + (self.strip_relative_path(flask.request.path) or "")
        if not pages.page_exists(path, flask.request.query_string.decode()):
            return flask.make_response(page, 404)
        return page


class StaticCompressionCache:
    """Keeps compressed static files in memory; ignores dynamic responses."""

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        return None if key.endswith(";") else self._data.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):
            with self._lock:
                self._data[key] = value


def _cache_key(request: flask.Request) -> str:
    """Static, versioned GET responses are cached; everything else is not."""
    static = request.path.startswith(("/_dash-component-suites/", "/assets/", "/geo/"))
    return request.full_path if request.method == "GET" and static else ""


@functools.cache
def map_script(path: Path) -> bytes:
    """plotly.js or MapLibre as served: the built script behind a V8 compile hint.

    ``//# allFunctionsCalledOnLoad`` (Chromium 136 and later; other browsers
    read a comment) has V8 compile all of the script on a background thread
    while it streams in, instead of function by function on the main thread
    when it runs: almost all of both runs on load or when the map is made.
    The two scripts are compiled side by side (docs/dashboard.md).
    """
    return COMPILE_HINT + path.read_bytes()


def _versioned(prefix: str, path: str, data: bytes, key: str = "v") -> str:
    """URL of ``path`` with a query that changes with ``data`` (cached a year)."""
    return f"{prefix}{path.lstrip('/')}?{key}={hashlib.sha1(data).hexdigest()[:12]}"


def index_page(prefix: str) -> str:
    """The page around Dash's app, with the map scripts before Dash's own."""
    plotly = _versioned(prefix, PLOTLY_PATH, map_script(PLOTLY_JS))
    maplibre = _versioned(prefix, MAPLIBRE_PATH, map_script(MAPLIBRE_JS))
    # "m", as Dash versions assets: _add_headers caches those for a year
    worker = _versioned(prefix, WORKER_PATH, MAPLIBRE_WORKER.read_bytes(), "m")
    return (
        INDEX.replace("PLOTLY", plotly)
        .replace("MAPLIBRE", maplibre)
        .replace("WORKER", worker)
        .replace("PREFIX", prefix)
    )


def content_security_policy(app: Dash) -> str:
    """A CSP that allows exactly what Dash, Plotly and MapLibre need."""
    scripts = " ".join(["'self'", *app.csp_hashes()])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https://service.pdok.nl",
            "connect-src 'self' https://service.pdok.nl",
            "worker-src 'self' blob:",
            "child-src blob:",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def _configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=getattr(logging, settings.log_level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("pyogrio").setLevel(logging.WARNING)


def _add_routes(app: Dash) -> None:
    """JSON routes; each reads the Repository of the request's user."""
    server = app.server
    repo = context.repo

    @server.route("/geo/<gemeente>/<layer>.json")
    def geojson(gemeente: str, layer: str) -> flask.Response:
        stores = repo()
        if layer not in ("kernen", "wijken") or gemeente not in stores.slugs():
            flask.abort(404)
        try:
            data = stores.get(gemeente)
        except StoreError:
            flask.abort(404)
        response = flask.Response(data.geojson[layer], mimetype="application/geo+json")
        if flask.request.args.get("v") == data.version:
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        else:
            response.headers["Cache-Control"] = "no-cache"
        return response

    @server.before_request
    def map_scripts() -> flask.Response | None:
        """Serve the built plotly.js and MapLibre (see ``map_script``)."""
        path = SCRIPTS.get(flask.request.path)
        if path is None:
            return None
        response = flask.Response(map_script(path), mimetype="text/javascript")
        response.headers["Cache-Control"] = f"public, max-age={YEAR}"
        return response

    def kaart_json(gemeente: str, answer) -> flask.Response:  # noqa: ANN001
        """A JSON answer of the Kaart script for one store and the query."""
        stores = repo()  # the request's user's: one lookup
        if gemeente not in stores.slugs():
            flask.abort(404)
        args = flask.request.args
        response = flask.jsonify(answer(stores.get(gemeente), args, stores.catalogue))
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    @server.route("/kaart-hover/<gemeente>.json")
    def kaart_hover(gemeente: str) -> flask.Response:
        """Hover text per kern of one overlay and filters (fetched on first hover)."""
        return kaart_json(gemeente, screens.hover_for_query)

    @server.route("/kaart-kleuren/<gemeente>.json")
    def kaart_kleuren(gemeente: str) -> flask.Response:
        """New Kaart colours for the filters in the query (asked on a change)."""
        return kaart_json(gemeente, screens.colours_for_query)

    @server.route("/healthz")
    def healthz() -> flask.Response:
        return flask.jsonify(status="ok", stores=repo().slugs())


def _add_feed_routes(app: Dash) -> None:
    """Jaarkalender feeds (iCalendar): the gemeente's, a kern's, a gebied's.

    A feed served from an intern store is audit-logged as a download.
    """
    from callbacks import kalender

    server = app.server

    @server.route("/kalender/<gemeente>.ics")
    def kalender_gemeente(gemeente: str) -> flask.Response:
        response = kalender.feed_response(context.repo(), gemeente, "", "")
        context.record_download(gemeente, f"kalender {gemeente}.ics")
        return response

    @server.route("/kalender/<gemeente>/<any(kern, gebied):kind>/<slug>.ics")
    def kalender_deel(gemeente: str, kind: str, slug: str) -> flask.Response:
        response = kalender.feed_response(context.repo(), gemeente, kind, slug)
        context.record_download(gemeente, f"kalender {gemeente} {kind} {slug}.ics")
        return response


def _add_headers(app: Dash) -> None:
    csp = content_security_policy(app)

    @app.server.after_request
    def security_headers(response: flask.Response) -> flask.Response:
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        # Policies of a document; on JSON, scripts and styles they do nothing
        # but add bytes to every callback answer.
        if response.mimetype == "text/html":
            headers.setdefault("Content-Security-Policy", csp)
            headers.setdefault("X-Frame-Options", "SAMEORIGIN")
            headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
            headers.setdefault(
                "Permissions-Policy", "geolocation=(), camera=(), microphone=()"
            )
        path = flask.request.path
        if path == "/_favicon.ico":
            headers["Cache-Control"] = f"public, max-age={YEAR}"
        # Flask sends files with "no-cache"; assets are versioned (?m=) or fonts
        if path.startswith("/assets/") and "max-age" not in headers.get(
            "Cache-Control", ""
        ):
            long = "m" in flask.request.args or path.endswith(".pbf")
            headers["Cache-Control"] = f"public, max-age={YEAR if long else 3600}"
        return response


def _repositories(settings: Settings, acc: access.Access) -> dict[str, Repository]:
    """The server's own stores; an intern server with login also the openbaar ones.

    The openbaar server never opens an intern store. The bestuur role reads the
    openbaar stores, so an intern server whose roles include bestuur needs them.
    """

    def stores(audience: str) -> Repository:
        return Repository(
            settings.build_dir,
            audience,
            settings.geodata_dir,
            cache_size=settings.store_cache,
        )

    repos = {settings.audience: stores(settings.audience)}
    if settings.audience == "intern":
        public = repos["openbaar"] = stores("openbaar")
        missing = set(repos["intern"].slugs()) - set(public.slugs())
        if access.needs_openbaar(acc) and missing:
            raise ConfigError(
                "De rol bestuur ziet de openbare versie (zonder persoonsgegevens), "
                f"maar die ontbreekt voor: {', '.join(sorted(missing))} "
                f"in {settings.build_dir}.",
                hint="Bouw ze: kernenkaart build --gemeente all --audience all "
                "(kernenkaart start bouwt ze allebei).",
            )
    return repos


def create_app(settings: Settings | None = None) -> Dash:
    """Build the Dash app for the stores in ``settings.build_dir`` (one audience).

    An intern server gets a login (access/) unless it runs on loopback.
    """
    settings = settings or load_settings()
    _configure_logging(settings)
    app = KernenkaartDash(
        __name__,
        title="Kernenkaart",
        update_title=None,
        assets_folder=str(ASSETS),
        assets_path_ignore=["vendor"],
        serve_locally=True,
        suppress_callback_exceptions=True,
        compress=False,
    )
    prefix = app.config.requests_pathname_prefix
    app.index_string = index_page(prefix)
    app.layout = initial_layout
    server = app.server
    access.check_can_serve(settings)
    acc = access.install(server, settings)  # first: guards every route below
    repos = _repositories(settings, acc)
    repo = repos[settings.audience]
    server.extensions[EXTENSION] = {
        "repo": repo,
        "repos": repos,
        "settings": settings,
        "login_mode": acc.mode,
        "on_download": access.download_hook(acc),
    }
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_MIMETYPES=COMPRESSED_TYPES,
        COMPRESS_BR_LEVEL=5,
        COMPRESS_CACHE_BACKEND=StaticCompressionCache,
        COMPRESS_CACHE_KEY=_cache_key,
        COMPRESS_STREAMS=False,
    )
    register_all(app)
    _add_routes(app)
    _add_feed_routes(app)
    _add_headers(app)
    Compress(server)
    logger.info(
        "kernenkaart app: %d %s store(s) in %s, login: %s",
        len(repo.slugs()),
        settings.audience,
        settings.build_dir,
        acc.mode,
    )
    return app


class _LazyServer:
    """WSGI entry ``app:server`` that builds the app on the first request."""

    def __init__(self) -> None:
        self._app: flask.Flask | None = None
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):  # noqa: ANN001, ANN204 - WSGI
        if self._app is None:
            with self._lock:
                if self._app is None:
                    app = create_app()
                    setup_before_serving(app)
                    self._app = app.server
        return self._app(environ, start_response)


server = _LazyServer()


def setup_before_serving(app: Dash) -> None:
    """Run Dash's once-per-process setup now, before requests come in threads.

    Dash sets it up on the first request (scripts and assets it may serve,
    callbacks) and marks it done when it starts: requests that came in on
    other threads meanwhile found Dash's scripts unregistered and got 500
    (seen with gunicorn, whose workers each start with a burst of requests).
    """
    app.server.test_client().get("/healthz")
