"""Presentation mode of the Kaart: the toggle and the keyboard hint."""

from __future__ import annotations

from dash import html

from layouts import ids

HINT = (
    "Sneltoetsen: pijl rechts of Page Down = volgende kaartlaag, "
    "pijl links of Page Up = vorige, Escape = presentatiemodus uit."
)


def page_class(on: bool) -> str:
    return "kaart-pagina presentatie" if on else "kaart-pagina"


def presentatie_toggle(on: bool) -> html.Div:
    """A real toggle button (aria-pressed) plus the shortcuts, visible and for AT."""
    return html.Div(
        [
            html.Button(
                "Presentatiemodus",
                id=ids.PRESENTATIE,
                type="button",
                className="knop",
                title="Kaart schermvullend voor een beamer",
                **{"aria-pressed": "true" if on else "false"},
            ),
            html.Span(HINT, className="visueel-verborgen"),
            html.P(
                "← → kaartlaag · Esc: uit",
                className="klein sneltoetsen",
                **{"aria-hidden": "true"},
            ),
        ],
        className="presentatie-balk geen-print",
    )
