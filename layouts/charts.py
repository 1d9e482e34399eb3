"""Bar charts in HTML and CSS: no chart library needed, readable without colour.

Every bar carries its number as text; the same numbers are in a table beside it.
"""

from __future__ import annotations

from dash import html

from layouts import format as fmt

# Okabe-Ito in status order (nieuw, voorbereiding, uitvoering, gerealiseerd, vervallen)
STATUS_COLOURS = ["#999999", "#E69F00", "#56B4E9", "#009E73", "#CC79A7"]


def _scale(values: list[float | None]) -> float:
    present = [v for v in values if v is not None and v == v]
    return max(present) if present and max(present) > 0 else 1.0


def bars(
    title: str,
    labels: list[str],
    series: dict[str, list[float | None]],
    unit: str,
    colours: list[str] | None = None,
) -> html.Figure:
    """Horizontal bars per label, one bar per series (grouped), value as text."""
    colours = colours or STATUS_COLOURS
    top = _scale([v for values in series.values() for v in values])
    groups = []
    for i, label in enumerate(labels):
        rows = []
        for j, (name, values) in enumerate(series.items()):
            value = values[i]
            width = 0 if value is None or value != value else 100 * value / top
            rows.append(
                html.Div(
                    [
                        html.Span(name, className="staaf-naam")
                        if len(series) > 1
                        else None,
                        html.Span(
                            className="staaf",
                            style={
                                "width": f"{width:.1f}%",
                                "background": colours[j % len(colours)],
                            },
                        ),
                        html.Span(
                            fmt.number(value) if value is not None else "-",
                            className="staaf-getal",
                        ),
                    ],
                    className="staaf-rij",
                )
            )
        groups.append(
            html.Div(
                [html.Div(label, className="staaf-label"), *rows],
                className="staaf-groep",
            )
        )
    return html.Figure(
        [
            html.Figcaption(f"{title} ({unit})"),
            html.Div(groups, **{"aria-hidden": "true"}),
        ],
        className="staafgrafiek",
    )


def stacked(
    title: str, labels: list[str], series: dict[str, list[int]], unit: str
) -> html.Figure:
    """One stacked bar per label (e.g. actiepunten by status), legend in text."""
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    top = max(totals) if totals and max(totals) > 0 else 1
    groups = []
    for i, label in enumerate(labels):
        parts = [
            html.Span(
                className="staaf",
                style={
                    "width": f"{100 * values[i] / top:.1f}%",
                    "background": STATUS_COLOURS[j % 5],
                },
                title=f"{name}: {values[i]}",
            )
            for j, (name, values) in enumerate(series.items())
            if values[i]
        ]
        groups.append(
            html.Div(
                [
                    html.Div(label, className="staaf-label"),
                    html.Div(
                        [
                            *parts,
                            html.Span(fmt.number(totals[i]), className="staaf-getal"),
                        ],
                        className="staaf-rij gestapeld",
                    ),
                ],
                className="staaf-groep",
            )
        )
    key = html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        className="veeg", style={"background": STATUS_COLOURS[j % 5]}
                    ),
                    name,
                ]
            )
            for j, name in enumerate(series)
        ],
        className="legenda-lijst legenda-rij",
    )
    return html.Figure(
        [
            html.Figcaption(f"{title} ({unit})"),
            key,
            html.Div(groups, **{"aria-hidden": "true"}),
        ],
        className="staafgrafiek",
    )
