"""Small Plotly charts as plain figure dicts (numbers are always also in a table)."""

from __future__ import annotations

from typing import Any

# Okabe-Ito in status order (nieuw, voorbereiding, uitvoering, gerealiseerd, vervallen)
STATUS_COLOURS = ["#999999", "#E69F00", "#56B4E9", "#009E73", "#CC79A7"]
CONFIG = {"displaylogo": False, "responsive": True, "locale": "nl"}


def _layout(title: str, y_title: str) -> dict[str, Any]:
    return {
        "title": {"text": title, "font": {"size": 15}},
        "margin": {"l": 60, "r": 10, "t": 40, "b": 40},
        "separators": ",.",
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero"},
        "xaxis": {"type": "category"},
        "legend": {"orientation": "h", "y": -0.2},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
    }


def bars(
    title: str,
    x: list,
    series: dict[str, list],
    y_title: str,
    stacked: bool = False,
    colours: list[str] | None = None,
) -> dict[str, Any]:
    """Grouped or stacked bars; one trace per series, patterns for colour-blind use."""
    patterns = ["", "/", ".", "x", "-", "+"]
    data = []
    for i, (name, values) in enumerate(series.items()):
        colour = (colours or STATUS_COLOURS)[i % len(colours or STATUS_COLOURS)]
        data.append(
            {
                "type": "bar",
                "name": name,
                "x": x,
                "y": values,
                "marker": {"color": colour, "pattern": {"shape": patterns[i % 6]}},
                "hovertemplate": f"{name}: %{{y:,.0f}}<extra>%{{x}}</extra>",
            }
        )
    layout = _layout(title, y_title)
    layout["barmode"] = "stack" if stacked else "group"
    return {"data": data, "layout": layout}
