"""Callbacks of the kernenkaart; each module ends in ``register(app)``."""

from __future__ import annotations

from dash import Dash

from callbacks import (
    downloads,
    gebied,
    kaart,
    kalender,
    presentatie,
    router,
    table,
    vergelijk,
)


def register_all(app: Dash) -> None:
    """Attach every callback to ``app`` (never the global dash.callback registry)."""
    modules = (
        router,
        kaart,
        table,
        gebied,
        downloads,
        presentatie,
        vergelijk,
        kalender,
    )
    for module in modules:
        module.register(app)
