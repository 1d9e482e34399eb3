"""Bar charts in HTML and CSS: no chart library needed, readable without colour.

Every bar carries its number as text; the same numbers are in a table beside it.
A bar's width is a percentage of its track (``staaf-baan``): the track holds only
the bar(s) and, in room kept free after a full bar, the number. The series name
sits outside the track, so every track in a chart is equally wide and the bar
lengths stay proportional to the values (assets/kernenkaart.css).
"""

from __future__ import annotations

from dash import html

from layouts import format as fmt

# Okabe-Ito in status order (nieuw, voorbereiding, uitvoering, gerealiseerd, vervallen)
STATUS_COLOURS = ["#999999", "#E69F00", "#56B4E9", "#009E73", "#CC79A7"]


def _missing(value: float | None) -> bool:
    return value is None or value != value


def _scale(values: list[float | None]) -> float:
    present = [v for v in values if not _missing(v)]
    return max(present) if present and max(present) > 0 else 1.0


def _width(value: float | None, top: float) -> str:
    """The bar's share of its track, as a CSS percentage."""
    return f"{0 if _missing(value) else 100 * value / top:.2f}%"


def _track(bars: list[html.Span], number: str) -> html.Span:
    """The bar(s) with the number right after them, in one track."""
    return html.Span(
        [*bars, html.Span(number, className="staaf-getal")], className="staaf-baan"
    )


def _figure(title: str, unit: str, numbers: list[str], body: list) -> html.Figure:
    """The chart; the CSS keeps room after a full bar for the longest number."""
    longest = max((len(n) for n in numbers), default=1)
    return html.Figure(
        [html.Figcaption(f"{title} ({unit})"), *body],
        className="staafgrafiek",
        style={"--staaf-getal-tekens": str(longest)},
    )


def bars(
    title: str,
    labels: list[str],
    series: dict[str, list[float | None]],
    unit: str,
    colours: list[str] | None = None,
    maximum: float | None = None,
    percent: bool = False,
    decimals: int = 0,
) -> html.Figure:
    """Horizontal bars per label, one bar per series (grouped), value as text.

    A full bar is ``maximum`` (for example 100 for percentages), by default
    the largest value. ``percent``: the numbers are shown as '45%'.
    ``decimals``: of the numbers shown (pass values rounded to them, so the
    bars follow the numbers).
    """
    colours = colours or STATUS_COLOURS
    top = maximum or _scale([v for values in series.values() for v in values])
    groups, numbers = [], []
    for i, label in enumerate(labels):
        rows = []
        for j, (name, values) in enumerate(series.items()):
            value = values[i]
            shown = fmt.percent if percent else fmt.number
            number = "-" if _missing(value) else shown(value, decimals)
            numbers.append(number)
            bar = html.Span(
                className="staaf",
                style={
                    "width": _width(value, top),
                    "background": colours[j % len(colours)],
                },
            )
            name_label = (
                html.Span(name, className="staaf-naam") if len(series) > 1 else None
            )
            rows.append(
                html.Div([name_label, _track([bar], number)], className="staaf-rij")
            )
        groups.append(
            html.Div(
                [html.Div(label, className="staaf-label"), *rows],
                className="staaf-groep",
            )
        )
    return _figure(title, unit, numbers, [html.Div(groups, **{"aria-hidden": "true"})])


def stacked(
    title: str, labels: list[str], series: dict[str, list[int]], unit: str
) -> html.Figure:
    """One stacked bar per label (e.g. actiepunten by status), legend in text."""
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    top = _scale(totals)
    numbers = [fmt.number(total) for total in totals]
    groups = []
    for i, label in enumerate(labels):
        parts = [
            html.Span(
                className="staaf",
                style={
                    "width": _width(values[i], top),
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
                        _track(parts, numbers[i]), className="staaf-rij gestapeld"
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
    return _figure(
        title, unit, numbers, [key, html.Div(groups, **{"aria-hidden": "true"})]
    )


def trend(
    title: str,
    years: list[int],
    values: list[float | None],
    unit: str,
    decimals: int = 0,
    estimated: list[bool] | None = None,
) -> html.Figure:
    """A key figure's development: one small bar per year, its number as text.

    Only the years given are drawn (none are filled in); a year without a
    figure has no bar and reads 'geen cijfer'; an estimate is marked in its
    year label (and drawn lighter), never by colour alone.
    """
    estimated = estimated or [False] * len(years)
    # bars follow the numbers as shown (rounded), so they agree with the text
    values = [v if _missing(v) else round(v, decimals) for v in values]
    top = _scale(values)
    numbers, rows = [], []
    for year, value, guess in zip(years, values, estimated, strict=True):
        number = "geen cijfer" if _missing(value) else fmt.number(value, decimals)
        numbers.append(number)
        bar = html.Span(
            className="staaf" + (" staaf-schatting" if guess else ""),
            style={"width": _width(value, top), "background": "#0072B2"},
        )
        label = f"{year}*" if guess else str(year)
        rows.append(
            html.Div(
                [html.Span(label, className="staaf-naam"), _track([bar], number)],
                className="staaf-rij",
            )
        )
    figure = _figure(title, unit, numbers, [html.Div(rows, **{"aria-hidden": "true"})])
    figure.className = "staafgrafiek trend"
    return figure
