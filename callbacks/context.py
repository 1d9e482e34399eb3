"""Access to the app's data repository from inside a request.

An intern server holds a Repository per audience; the role of the user
(``access/``, which sets ``flask.g.data_audience`` before every request)
decides which one a request reads: the bestuur role reads the openbaar
stores, which hold no personal fields at all.
"""

from __future__ import annotations

from typing import Any

import flask
from flask import current_app

from pipelines.dashboard_data import Repository
from pipelines.settings import Settings

EXTENSION = "kernenkaart"


def repo() -> Repository:
    """The Repository for this request's user (the server's own outside requests)."""
    ext = current_app.extensions[EXTENSION]
    audience = flask.g.get("data_audience") if flask.has_app_context() else None
    if audience is None:
        return ext["repo"]
    return ext["repos"][audience]  # no fallback: a missing audience is an error


def settings() -> Settings:
    return current_app.extensions[EXTENSION]["settings"]


def viewer() -> dict[str, Any] | None:
    """The logged-in user (sub, name_id, role), or None; set by access/guard.py."""
    return flask.g.get("kernenkaart_user") if flask.has_app_context() else None


def login_mode() -> str:
    """'oidc' (login), 'lokaal' (intern without login, loopback only) or 'open'."""
    return current_app.extensions[EXTENSION].get("login_mode", "open")


def record_download(gemeente: str, what: str) -> None:
    """Audit a download when it comes from a store with personal data (intern)."""
    ext = current_app.extensions[EXTENSION]
    hook = ext.get("on_download")
    if hook is not None and repo().audience == "intern":
        hook(gemeente, what)
