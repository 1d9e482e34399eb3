"""Gebied: one gebiedsmakelaar's kernen and what needs attention at the gebiedstafel."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from layouts import format as fmt
from layouts.components import link
from layouts.downloads import gebied_downloads
from layouts.kalender import gebiedstafel_block
from layouts.profiel import simple_table, status_badge


@dataclass
class GebiedContent:
    gebied: str
    slug: str
    wie: str
    functie: str
    gemeente: str
    gemeente_slug: str
    kernen: list[dict]  # slug, naam, pct, n_acties, n_init, euro, n_open
    aandacht: list[dict]  # kern, titel, status, eigenaar, reden
    recent: list[dict]  # kern, titel, datum, bedrag, status
    # the next gebiedstafel (pipelines.dashboard_data.kalender.gebiedstafel_info)
    gebiedstafel: dict | None = None


@dataclass
class OverviewContent:
    gemeente: str
    gemeente_slug: str
    gebieden: list[dict]  # gebied, slug, wie, functie, kernen (names)


def kern_cells(k: dict, gemeente_slug: str) -> list:
    """A kern's figures as table cells (callbacks/other_pages.kern_figures).

    Kern (link to its profile), kernagenda gerealiseerd, actiepunten,
    initiatieven toegekend, bedrag toegekend, open opgaven; also used by
    Vergelijken.
    """
    return [
        link(k["naam"], f"/kern/{k['slug']}?gemeente={gemeente_slug}"),
        fmt.percent(k["pct"]),
        fmt.number(k["n_acties"]),
        fmt.number(k["n_init"]),
        fmt.euro(k["euro"]),
        fmt.number(k["n_open"]),
    ]


def overview(c: OverviewContent) -> html.Div:
    """``/gebied``: every gebied with who covers it, its kernen and a link."""
    if not c.gebieden:
        return html.Div(
            [
                html.H1(f"Gebieden van {c.gemeente}"),
                html.P("Er zijn geen gebieden geladen voor deze gemeente."),
            ],
            className="gebied",
        )
    rows = [
        [
            link(
                f"Gebied {g['gebied']}",
                f"/gebied/{g['slug']}?gemeente={c.gemeente_slug}",
            ),
            ", ".join(x for x in (g["wie"], g["functie"]) if x) or "onbekend",
            ", ".join(g["kernen"]) or "geen kernen",
        ]
        for g in c.gebieden
    ]
    return html.Div(
        [
            html.H1(f"Gebieden van {c.gemeente}"),
            html.P(
                "Kies een gebied voor de kernen, de aandachtspunten voor de "
                "gebiedstafel en de recente initiatieven."
            ),
            simple_table(
                f"Gebieden van {c.gemeente} ({len(rows)})",
                ["Gebied", "Wie", "Kernen"],
                rows,
            ),
        ],
        className="gebied",
    )


def _bring(c: GebiedContent) -> str:
    """'Breng deze 12 actiepunten in op de gebiedstafel van di 10 maart 2026.'"""
    n = len(c.aandacht)
    if n == 0:
        return "Er zijn geen actiepunten die aandacht vragen."
    what = "dit actiepunt" if n == 1 else f"deze {n} actiepunten"
    when = f" van {c.gebiedstafel['datum']}" if c.gebiedstafel else ""
    return f"Breng {what} in op de volgende gebiedstafel{when}:"


def page(c: GebiedContent) -> html.Div:
    """The Gebied screen with the attention list and a CSV export."""
    kern_rows = [kern_cells(k, c.gemeente_slug) for k in c.kernen]
    attention_rows = [
        [
            a["kern"],
            a["titel"],
            status_badge(a["status"]),
            a["eigenaar"] or "geen",
            a["reden"],
        ]
        for a in c.aandacht
    ]
    recent_rows = [
        [
            r["kern"],
            r["titel"],
            r["datum"],
            fmt.euro(r["bedrag"]) if r["bedrag"] else "-",
            r["status"],
        ]
        for r in c.recent
    ]
    return html.Div(
        [
            html.P(
                link(
                    f"← Terug naar de kaart van {c.gemeente}",
                    f"/?gemeente={c.gemeente_slug}&overlay=gebieden",
                ),
                className="geen-print",
            ),
            html.H1(f"Gebied {c.gebied}"),
            html.P(f"{c.wie} ({c.functie}), gemeente {c.gemeente}."),
            html.Section(
                [
                    html.H2("Kernen in dit gebied"),
                    simple_table(
                        f"Kernen van gebied {c.gebied}",
                        [
                            "Kern",
                            "Kernagenda gerealiseerd",
                            "Actiepunten",
                            "Initiatieven toegekend",
                            "Bedrag toegekend",
                            "Open opgaven",
                        ],
                        kern_rows,
                        {1, 2, 3, 4, 5},
                    ),
                ]
            ),
            gebiedstafel_block(c.gebiedstafel, c.gebied),
            html.Section(
                [
                    html.H2("Aandacht voor de gebiedstafel"),
                    html.P(_bring(c)),
                    html.P(
                        "Actiepunten die 6 maanden niet zijn bijgewerkt, ruim een "
                        "jaar in "
                        "voorbereiding zijn, geen eigenaar hebben of gepland waren "
                        "voor een "
                        "verstreken kwartaal."
                    ),
                    gebied_downloads(c.gebied),
                    simple_table(
                        f"Aandachtspunten ({len(c.aandacht)})",
                        [
                            "Kern",
                            "Actiepunt",
                            "Status",
                            "Eigenaar",
                            "Waarom aandacht",
                        ],
                        attention_rows,
                    ),
                ]
            ),
            html.Section(
                [
                    html.H2("Recente initiatieven"),
                    simple_table(
                        "De tien meest recente aanvragen",
                        ["Kern", "Initiatief", "Aanvraag", "Toegekend", "Status"],
                        recent_rows,
                        {3},
                    ),
                ]
            ),
        ],
        className="gebied",
    )
