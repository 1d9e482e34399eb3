"""Vergelijken (``/vergelijk``): chosen kernen side by side, for college and raad.

The kernen are checkboxes with their names as labels; the button puts the
choice in the URL (``/vergelijk?gemeente=west-betuwe&kernen=beesd,asperen``,
callbacks/vergelijk.py), so a link reproduces the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import dash_bootstrap_components as dbc
from dash import html

from layouts import charts, ids
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
                "naast elkaar. De link naar deze pagina bewaart de keuze."
            ),
            missing,
            _form(c),
            hint,
            *(_comparison(c) if c.kernen else []),
        ],
        className="vergelijk",
    )
