"""Vergelijken (``/vergelijk``): chosen kernen side by side, for college and raad.

The kernen are checkboxes with their names as labels; the button puts the
choice in the URL (``/vergelijk?gemeente=west-betuwe&kernen=beesd,asperen``,
callbacks/vergelijk.py), so a link reproduces the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from layouts import charts, ids
from layouts import format as fmt
from layouts.components import notice
from layouts.downloads import vergelijk_downloads
from layouts.gebied import kern_cells
from layouts.profiel import simple_table

# the columns of the Excel download (callbacks/downloads.py): key -> header
EXPORT_COLUMNS = {
    "naam": "Kern",
    "gebied": "Gebied",
    "pct": "Kernagenda gerealiseerd (%)",
    "n_acties": "Actiepunten",
    "n_init": "Initiatieven toegekend",
    "euro": "Bedrag toegekend (euro)",
    "n_open": "Open opgaven",
}


@dataclass
class VergelijkContent:
    gemeente: str
    gemeente_slug: str
    choices: list[tuple[str, str]]  # every kern of the gemeente: slug, naam
    kernen: list[
        dict
    ]  # chosen: slug, naam, gebied, pct, n_acties, n_init, euro, n_open
    not_found: list[str] = field(default_factory=list)  # unknown slugs in the URL
    # CBS figures (pipelines.dashboard_data.profiles.cbs_comparison): the
    # CompareColumns and the CompareRows (the chosen kernen, then the gemeente)
    cbs_columns: list[Any] = field(default_factory=list)
    cbs_rows: list[Any] = field(default_factory=list)


def _form(c: VergelijkContent) -> html.Div:
    return html.Div(
        [
            html.Fieldset(
                [
                    html.Legend("Kies de kernen"),
                    dbc.Checklist(
                        id=ids.COMPARE_KERNEN,
                        options=[{"value": s, "label": n} for s, n in c.choices],
                        value=[k["slug"] for k in c.kernen],
                        className="keuzes vinken",
                    ),
                ]
            ),
            html.Button(
                "Vergelijk",
                id=ids.COMPARE_BUTTON,
                className="knop",
                # assets/kernenkaart.js puts the focus back on it by its title
                title="Vergelijk de gekozen kernen",
            ),
        ],
        className="vergelijk-keuze geen-print",
    )


def _comparison(c: VergelijkContent) -> list:
    rows = []
    for k in c.kernen:
        kern, *figures = kern_cells(k, c.gemeente_slug)
        rows.append([kern, k["gebied"] or "-", *figures])
    figure = charts.bars(
        "Kernagenda gerealiseerd",
        [k["naam"] for k in c.kernen],
        {"Gerealiseerd": [k["pct"] for k in c.kernen]},
        "% van de actiepunten, vervallen punten niet meegeteld",
        colours=["#009E73"],
        maximum=100,
        percent=True,
    )
    return [
        html.H2("Naast elkaar"),
        simple_table(
            f"{len(c.kernen)} {'kern' if len(c.kernen) == 1 else 'kernen'} "
            f"van {c.gemeente}",
            [
                "Kern",
                "Gebied",
                "Kernagenda gerealiseerd",
                "Actiepunten",
                "Initiatieven toegekend",
                "Bedrag toegekend",
                "Open opgaven",
            ],
            rows,
            {2, 3, 4, 5, 6},
        ),
        html.P(
            "Alle jaren samen. Per jaar, thema of eigenaar: kies de kaartlaag "
            "op de kaart.",
            className="klein",
        ),
        *cbs_section(c),
        vergelijk_downloads(),
        figure,
    ]


def page(c: VergelijkContent) -> html.Div:
    missing = (
        notice(
            "Niet gevonden in deze gemeente, en daarom niet vergeleken: "
            + ", ".join(f"'{s}'" for s in c.not_found)
            + ".",
            "let-op",
        )
        if c.not_found
        else None
    )
    hint = (
        html.P("Kies twee of meer kernen en klik op Vergelijk.")
        if len(c.kernen) < 2
        else None
    )
    return html.Div(
        [
            html.H1(f"Kernen vergelijken: {c.gemeente}"),
            html.P(
                "De kernagenda, initiatieven en opgaven van de gekozen kernen "
                "naast elkaar, met CBS-cijfers over inwoners, leeftijd en "
                "huishoudens. De link naar deze pagina bewaart de keuze."
            ),
            missing,
            _form(c),
            hint,
            *(_comparison(c) if c.kernen else []),
        ],
        className="vergelijk",
    )


# --- CBS figures: inwoners, leeftijd, huishoudens and their change ------------

CBS_LABELS = {
    "aantal_inwoners": "Inwoners",
    "aandeel_65_plus": "Aandeel 65+",
    "aandeel_0_15": "Aandeel 0-15 jaar",
    "aantal_huishoudens": "Huishoudens",
}
NO_FIGURE = "geen cijfer"


def cbs_label(column: Any) -> str:
    return CBS_LABELS.get(column.key, column.titel)


def cbs_headers(column: Any) -> list[str]:
    """'Inwoners 2024' and 'Inwoners: verandering sinds 2017' (when two years)."""
    label = cbs_label(column)
    if column.year is None:
        return [label]
    headers = [f"{label} {column.year}"]
    if column.since is not None:
        headers.append(f"{label}: verandering sinds {column.since}")
    return headers


def _mark() -> list:
    """The visible "*" of a figure that is not exact, and its screen reader text."""
    return [
        html.Span("*", className="schatting-teken", **{"aria-hidden": "true"}),
        html.Span(" (niet exact, zie toelichting)", className="visueel-verborgen"),
    ]


def _shown(value: float | None, column: Any) -> str:
    if value is None:
        return NO_FIGURE
    if column.share:
        return fmt.percent(value, column.decimalen)
    return fmt.number(value, column.decimalen)


def _change_text(f: Any, column: Any) -> str:
    if f.change is None:
        return NO_FIGURE
    if column.share:
        return fmt.signed_change(f.change, True)
    relative = fmt.signed_change(f.procent, False)
    absolute = fmt.signed_number(f.change, column.decimalen)
    return f"{absolute} ({relative})" if relative else absolute


def _cbs_cells(f: Any, column: Any) -> list[html.Td]:
    value = [_shown(f.value, column), *(_mark() if f.note else [])]
    cells = [html.Td(value, className="getal")]
    if column.year is not None and column.since is not None:
        since = f"{column.since}: {_shown(f.value_since, column)}"
        change = [
            _change_text(f, column),
            *(_mark() if f.note or f.note_since else []),
            html.Br(),
            html.Span(since, className="klein"),
        ]
        cells.append(html.Td(change, className="getal"))
    return cells


def _cbs_row(row: Any, columns: list[Any]) -> html.Tr:
    """A kern (linked from the table above) or the gemeente, and its figures."""
    name = row.naam
    cells = [
        cell
        for column in columns
        for cell in (
            _cbs_cells(row.figures[column.key], column)
            if column.year is not None
            else [html.Td(NO_FIGURE, className="getal")]
        )
    ]
    return html.Tr(
        [html.Th(name, scope="row"), *cells],
        className="gemeente-rij" if row.level == "gemeente" else None,
    )


def cbs_notes(columns: list[Any], rows: list[Any]) -> list[str]:
    """What is not exact ('Gellicum 2017 (inwoners): grens verschoven (...)')."""
    grouped: dict[tuple[str, int, str], list[str]] = {}
    for row in rows:
        for column in columns:
            f = row.figures.get(column.key)
            if f is None or column.year is None:
                continue
            for year, note in ((column.since, f.note_since), (column.year, f.note)):
                if note and year is not None:
                    key = (row.naam, year, note)
                    grouped.setdefault(key, []).append(cbs_label(column).lower())
    return [
        f"{naam} {year} ({fmt.listing(labels)}): {note}."
        for (naam, year, note), labels in grouped.items()
    ]


def cbs_gaps(columns: list[Any]) -> list[str]:
    """Indicators without kern figures, or with one year only (so no change)."""
    none = [cbs_label(c) for c in columns if c.year is None]
    single = [c for c in columns if c.year is not None and c.since is None]
    out = []
    if none:
        out.append(
            f"{fmt.listing(none)}: geen cijfers per kern in deze gegevens "
            "(het CBS publiceert ze hier niet per buurt)."
        )
    for year in sorted({c.year for c in single}):
        labels = [cbs_label(c) for c in single if c.year == year]
        out.append(
            f"{fmt.listing(labels)}: alleen {year} in deze gegevens, "
            "dus geen verandering."
        )
    return out


def cbs_source(columns: list[Any]) -> str:
    """'Bron: CBS, Kerncijfers wijken en buurten 2017, 2024 (CC BY 4.0); ...'."""
    years = sorted({y for c in columns for y in (c.since, c.year) if y is not None})
    shown = ", ".join(str(y) for y in years) or "(geen jaren)"
    return (
        f"Bron: CBS, Kerncijfers wijken en buurten {shown} (CC BY 4.0); "
        "kerncijfers zijn optellingen van CBS-buurten."
    )


def cbs_section(c: VergelijkContent) -> list:
    """The CBS table: a row per chosen kern and a gemeente row at the bottom."""
    if not c.cbs_columns or not c.cbs_rows:
        return []
    headers = [h for column in c.cbs_columns for h in cbs_headers(column)]
    notes = cbs_notes(c.cbs_columns, c.cbs_rows)
    caption = (
        f"CBS-cijfers van de gekozen kernen en de gemeente {c.gemeente}: per kern "
        "(opgeteld uit buurten) en voor de gemeente"
    )
    table = html.Div(
        html.Table(
            [
                html.Caption(caption),
                html.Thead(
                    html.Tr(
                        [
                            html.Th("Kern", scope="col"),
                            *[
                                html.Th(h, scope="col", className="getal")
                                for h in headers
                            ],
                        ]
                    )
                ),
                html.Tbody([_cbs_row(r, c.cbs_columns) for r in c.cbs_rows]),
            ],
            className="tabel cbs-vergelijking",
        ),
        className="tabel-vak",
        id=ids.COMPARE_CBS,
        role="region",
        tabIndex=0,
        **{"aria-label": caption},
    )
    explained = (
        [
            html.P("* Niet exact of samengesteld:", className="klein"),
            html.Ul([html.Li(n) for n in notes], className="klein toelichting"),
        ]
        if notes
        else []
    )
    return [
        html.H2("CBS-cijfers: inwoners, leeftijd en huishoudens"),
        table,
        *explained,
        *[html.P(gap, className="klein") for gap in cbs_gaps(c.cbs_columns)],
        html.P(cbs_source(c.cbs_columns), className="klein bron"),
    ]


def cbs_export_rows(columns: list[Any], rows: list[Any]) -> list[dict[str, Any]]:
    """The CBS table for the Excel file: header -> value (numbers stay numbers).

    Also the earlier year's figure and the relative change, and a column
    'Toelichting' with what is not exact and where there is no figure.
    """
    out = []
    for row in rows:
        record: dict[str, Any] = {
            "Kern of gemeente": row.naam,
            "Niveau": row.level,
        }
        notes = []
        for column in columns:
            label, f = cbs_label(column), row.figures[column.key]
            unit = " (%)" if column.share else ""
            if column.year is None:
                record[label] = None
                notes.append(f"{label.lower()}: geen cijfer")
                continue
            record[f"{label} {column.year}{unit}"] = _rounded(f.value, column)
            if column.since is not None:
                span = f"{column.since}-{column.year}"
                record[f"{label} {column.since}{unit}"] = _rounded(
                    f.value_since, column
                )
                step = " (procentpunt)" if column.share else ""
                record[f"{label}: verandering {span}{step}"] = _rounded(
                    f.change, column
                )
                if not column.share:
                    record[f"{label}: verandering {span} (%)"] = (
                        None if f.procent is None else round(f.procent, 1)
                    )
            for year, note in ((column.since, f.note_since), (column.year, f.note)):
                if note:
                    notes.append(f"{label.lower()} {year}: {note}")
            if f.value is None:
                notes.append(f"{label.lower()} {column.year}: geen cijfer")
        record["Toelichting"] = "; ".join(notes)
        out.append(record)
    return out


def _rounded(value: float | None, column: Any) -> float | None:
    return None if value is None else round(value, column.decimalen)
