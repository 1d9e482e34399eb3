"""Access to the app's data repository from inside a request."""

from __future__ import annotations

from flask import current_app

from pipelines.dashboard_data import Repository
from pipelines.settings import Settings

EXTENSION = "kernenkaart"


def repo() -> Repository:
    """The Repository that create_app attached to the Flask server."""
    return current_app.extensions[EXTENSION]["repo"]


def settings() -> Settings:
    return current_app.extensions[EXTENSION]["settings"]
