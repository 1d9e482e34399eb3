"""Before every request: same-origin check, then a session (or loopback) check.

- Every POST/PUT/PATCH/DELETE (Dash's callbacks among them) must come from the
  app's own origin, as the browser sees it (through the proxy): its Origin, or
  its Referer when it sends no Origin. A request with neither is no browser's
  cross-site request and is let through; ``Origin: null`` is refused.
- With login, every path but /healthz and /auth/... needs a session: a page
  is redirected to the login, anything else answers 401.
- Without login (an intern server on loopback), only loopback clients are
  served, and nothing a proxy passes on (a local nginx would make every
  client look local).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, urlsplit

import flask

from access import pages
from access.audit import AuditLog
from access.config import is_loopback
from access.oidc import USER, session_user
from access.roles import ANALIST, AUDIENCE

OPEN_PATHS = frozenset({"/healthz"})
OPEN_PREFIX = "/auth/"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOCAL_USER = {"sub": "lokaal", "name_id": None, "role": ANALIST}


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def same_origin(request: flask.Request) -> bool:
    """Whether an unsafe request comes from this app's own origin."""
    if request.method not in UNSAFE:
        return True
    own = request.host_url.rstrip("/").lower()
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.lower() == own
    referer = request.headers.get("Referer")
    if referer is not None:
        return _origin_of(referer) == own
    return True


def forwarded(request: flask.Request) -> bool:
    """Whether a proxy passed the request on (then it is not from this computer)."""
    return any(h in request.headers for h in ("X-Forwarded-For", "Forwarded"))


def wants_page(request: flask.Request) -> bool:
    """A browser navigating to a page (redirect to login) rather than a fetch (401)."""
    accept = request.headers.get("Accept", "")
    return request.method == "GET" and "text/html" in accept


def _unauthenticated(request: flask.Request) -> flask.Response:
    if wants_page(request):
        target = request.full_path if request.query_string else request.path
        return flask.redirect("/auth/login?next=" + quote(target, safe="/"))
    response = flask.jsonify(
        fout="Niet ingelogd of de sessie is verlopen. Laad de pagina opnieuw "
        "om in te loggen."
    )
    response.status_code = 401
    response.headers["Cache-Control"] = "no-store"
    return response


def install_guard(
    server: flask.Flask,
    audit: AuditLog | None,
    mode: str,
    own_audience: str,
) -> None:
    """Attach the check; ``mode``: 'oidc', 'lokaal' (intern without login) or 'open'."""

    def refuse(reason: str, make: Callable[[], flask.Response]) -> flask.Response:
        if audit is not None:
            user = flask.session.get(USER) if mode == "oidc" else None
            audit.write(
                "refused",
                user,
                what=f"{flask.request.method} {flask.request.path}",
                reason=reason,
                client=flask.request.remote_addr,
            )
        return make()

    @server.before_request
    def guard() -> flask.Response | None:
        request = flask.request
        if not same_origin(request):
            return refuse("andere origin", pages.cross_origin)
        flask.g.data_audience = own_audience
        if mode == "open":
            return None
        if request.path in OPEN_PATHS:
            return None
        if mode == "lokaal":
            if not is_loopback(request.remote_addr) or forwarded(request):
                return refuse("niet-lokaal adres zonder login", pages.remote_refused)
            flask.g.kernenkaart_user = LOCAL_USER
            return None
        if request.path.startswith(OPEN_PREFIX):
            return None
        user = session_user(server.permanent_session_lifetime)
        if not user or user.get("role") not in AUDIENCE:
            return _unauthenticated(request)
        flask.g.kernenkaart_user = user
        flask.g.data_audience = AUDIENCE[user["role"]]
        return None

    if mode != "open":
        server.after_request(private_caching)


def private_caching(response: flask.Response) -> flask.Response:
    """No shared cache (a proxy's) may keep what one user of an intern server saw."""
    control = response.headers.get("Cache-Control", "")
    if "public" in control:
        response.headers["Cache-Control"] = control.replace("public", "private")
    response.vary.add("Cookie")
    return response
