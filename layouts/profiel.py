"""Kernprofiel: everything about one kern, printable, readable on a phone."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dash import dcc, html

from layouts import charts, ids
from layouts import format as fmt
from layouts.components import link, notice
from layouts.downloads import profiel_downloads

STATUS_ORDER = (
    "nieuw",
    "in voorbereiding",
    "in uitvoering",
    "gerealiseerd",
    "vervallen",
)


@dataclass
class ProfileContent:
    """Plain values of a kern profile."""

    naam: str
    slug: str
    gemeente: str
    gemeente_slug: str
    figures: list[Any]  # KeyFigure
    actiepunten: list[dict]
    status_counts: dict[str, int]
    eigenaar_counts: dict[str, int]
    thema_counts: dict[str, int]
    pct_gerealiseerd: float | None
    per_jaar: list[dict]  # jaar, n, euro, onderdrukt
    initiatieven: list[dict]
    opgaven: list[dict]
    platforms: list[dict]
    gebied: dict | None
    activiteiten: list[dict]
    map_figure: dict
    has_records: bool
    openbaar: bool
    notes: list[str] = field(default_factory=list)


def status_badge(status: str) -> html.Span:
    """Status as text and colour (never colour alone)."""
    return html.Span(status, className="status status-" + status.replace(" ", "-"))


def wijk_name(area: str) -> str:
    """'Beesd' -> 'wijk Beesd'; 'Wijk 05 Maurik' stays as it is."""
    return area if area.lower().startswith("wijk") else f"wijk {area}"


def _figure_card(f: Any) -> html.Div:
    """One key figure; a wijk figure says so in its title, not only in small print.

    CBS counts per wijk and buurt, not per kern: kernen in one wijk share it.
    """
    compare = (
        f"{f.compare_label}: {fmt.number(f.compare, f.decimalen)}"
        if f.compare is not None
        else ""
    )
    if f.level == "wijk":
        area = wijk_name(f.area) if isinstance(f.area, str) else "de wijk"
        title = f"{f.titel} in {area}"
        where = "Cijfer van de hele wijk (CBS telt per wijk en buurt, niet per kern)."
    else:
        title, where = f.titel, "Cijfer van de kern."
    return html.Div(
        [
            html.Div(title),
            html.Div(
                f"{fmt.number(f.value, f.decimalen)} {f.eenheid}", className="waarde"
            ),
            html.Div(
                f"{where} {compare[:1].upper()}{compare[1:]}".strip(),
                className="vergelijk",
            ),
        ],
        className="kengetal",
    )


def simple_table(
    caption: str,
    headers: list[str],
    rows: list[list[Any]],
    numeric: set[int] | None = None,
) -> html.Div:
    """A plain accessible table (caption, header cells with scope).

    In a box that scrolls sideways when the table is wider than the screen;
    the box is named after the caption and can take focus, so keyboard users
    can scroll it too.
    """
    numeric = numeric or set()
    return html.Div(
        html.Table(
            [
                html.Caption(caption),
                html.Thead(
                    html.Tr(
                        [
                            html.Th(
                                h,
                                scope="col",
                                className="getal" if i in numeric else None,
                            )
                            for i, h in enumerate(headers)
                        ]
                    )
                ),
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Td(c, className="getal" if i in numeric else None)
                                for i, c in enumerate(row)
                            ]
                        )
                        for row in rows
                    ]
                ),
            ],
            className="tabel",
        ),
        className="tabel-vak",
        role="region",
        tabIndex=0,
        **{"aria-label": caption},
    )


def initiatieven_year_table(caption: str, per_jaar: list[dict]) -> html.Div:
    """Initiatieven toegekend and euros per jaar (Kernprofiel and Monitor).

    The column that flags years with suppressed small numbers is there only
    when a year has them (never in an intern build).
    """
    suppressed = any(r["onderdrukt"] for r in per_jaar)
    headers = ["Jaar", "Toegekend", "Bedrag"]
    if suppressed:
        headers.append("Kleine aantallen onderdrukt")
    rows = [
        [str(r["jaar"]), fmt.number(r["n"]), fmt.euro(r["euro"])]
        + (["ja" if r["onderdrukt"] else "nee"] if suppressed else [])
        for r in per_jaar
    ]
    return simple_table(caption, headers, rows, {1, 2})


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in counts.items()) or "geen"


def kernagenda_section(c: ProfileContent) -> html.Section:
    total = sum(c.status_counts.values())
    pct = c.pct_gerealiseerd
    rows = [
        [
            a["titel"],
            status_badge(a["status"]),
            a.get("eigenaar") or "geen eigenaar",
            a.get("thema") or "",
            a.get("planning") or "",
            str(a.get("jaar_vastgesteld") or ""),
        ]
        for a in c.actiepunten
    ]
    return html.Section(
        [
            html.H2("Kernagenda"),
            html.P(
                f"{total} actiepunten; {fmt.percent(pct)} gerealiseerd "
                "(vervallen punten niet meegeteld)."
            ),
            html.Label("Voortgang kernagenda", htmlFor="voortgang-kernagenda"),
            html.Progress(
                value=str(int(pct or 0)),
                max="100",
                id="voortgang-kernagenda",
                className="voortgang",
                title=f"{fmt.percent(pct)} gerealiseerd",
            ),
            html.Ul(
                [
                    html.Li(
                        "Per status: "
                        + _counts_text(
                            {
                                s: c.status_counts[s]
                                for s in STATUS_ORDER
                                if s in c.status_counts
                            }
                        )
                    ),
                    html.Li("Per eigenaar: " + _counts_text(c.eigenaar_counts)),
                    html.Li("Per thema: " + _counts_text(c.thema_counts)),
                ]
            ),
            simple_table(
                f"Actiepunten van {c.naam}",
                [
                    "Actiepunt",
                    "Status",
                    "Eigenaar",
                    "Thema",
                    "Planning",
                    "Vastgesteld",
                ],
                rows,
            ),
        ]
    )


def initiatives_section(c: ProfileContent) -> html.Section:
    years = [str(r["jaar"]) for r in c.per_jaar]
    figure = charts.bars(
        f"Toegekende initiatieven in {c.naam}",
        years,
        {"Initiatieven toegekend": [r["n"] for r in c.per_jaar]},
        "aantal",
        colours=["#0072B2"],
    )
    list_rows = [
        [
            i["titel"],
            i.get("regeling") or "",
            i.get("datum") or "",
            fmt.euro(i.get("bedrag")) if i.get("bedrag") is not None else "-",
            i.get("status") or "",
        ]
        for i in c.initiatieven
    ]
    return html.Section(
        [
            html.H2("Initiatieven (leefbaarheidsbudget en kernenbudget)"),
            html.Div(figure, id=ids.PROFILE_INITIATIVES),
            initiatieven_year_table("Initiatieven per jaar", c.per_jaar),
            html.Details(
                [
                    html.Summary(f"Alle {len(c.initiatieven)} initiatieven"),
                    simple_table(
                        f"Initiatieven in {c.naam}",
                        [
                            "Initiatief",
                            "Regeling",
                            "Aanvraag",
                            "Toegekend",
                            "Status",
                        ],
                        list_rows,
                        {3},
                    ),
                ]
            ),
        ]
    )


def _people_section(c: ProfileContent) -> html.Section:
    platform_items = [
        html.Li(
            f"{p['naam']} ({p['vorm']})"
            + (
                f", subsidie {fmt.euro(p['subsidie'])} per jaar"
                if p.get("subsidie")
                else ""
            )
        )
        for p in c.platforms
    ] or [html.Li("Geen platform geregistreerd.")]
    gebied = c.gebied
    gebied_part: list[Any] = [html.P("Geen gebied geregistreerd.")]
    if gebied:
        gebied_part = [
            html.P(
                f"Gebied {gebied['gebied']}: {gebied['naam']} ({gebied['functie']})"
                + (
                    f"; kernwethouder {gebied['wethouder']}"
                    if gebied.get("wethouder")
                    else ""
                )
            ),
            link(
                f"Naar gebied {gebied['gebied']}",
                f"/gebied/{gebied['slug']}?gemeente={c.gemeente_slug}",
            ),
        ]
    return html.Section(
        [html.H2("Platform en gebied"), html.Ul(platform_items), *gebied_part]
    )


def _compare_link(c: ProfileContent) -> Any:
    """To Vergelijken with the kern and the other kernen of its gebied ticked."""
    kernen = (c.gebied or {}).get("kernen") or [c.slug]
    text = f"{c.naam} vergelijken met andere kernen"
    if len(kernen) > 1:
        text = f"{c.naam} vergelijken met de kernen van gebied {c.gebied['gebied']}"
    return link(
        text, f"/vergelijk?gemeente={c.gemeente_slug}&kernen={','.join(kernen)}"
    )


def page(c: ProfileContent) -> html.Div:
    """The whole Kernprofiel screen."""
    opgaven_rows = [
        [o["titel"], o["soort"], o["fase"], o.get("planning") or ""] for o in c.opgaven
    ]
    activity_rows = [
        [a["datum"], a["titel"], a.get("locatie") or ""] for a in c.activiteiten
    ]
    parts: list[Any] = [
        html.P(
            [
                link(
                    f"← Terug naar de kaart van {c.gemeente}",
                    f"/?gemeente={c.gemeente_slug}&kern={c.slug}",
                ),
                " · ",
                _compare_link(c),
            ],
            className="geen-print",
        ),
        html.H1(f"Kernprofiel {c.naam}"),
        html.P(f"Kern in de gemeente {c.gemeente}."),
        profiel_downloads(c.naam),
        *[notice(n) for n in c.notes],
        html.Div(
            [
                html.Section(
                    [
                        html.H2("Kerncijfers"),
                        html.Div(
                            [_figure_card(f) for f in c.figures], className="kaarten"
                        ),
                    ]
                ),
                html.Div(
                    dcc.Graph(
                        id=ids.PROFILE_MAP,
                        figure=c.map_figure,
                        # a picture of where the kern lies (role img): not a
                        # Tab stop, no pan or zoom
                        config={"staticPlot": True},
                        className="profiel-kaart",
                        style={"height": "300px"},
                    ),
                    role="img",
                    **{"aria-label": f"Kaartje: {c.naam} in de gemeente {c.gemeente}"},
                ),
            ],
            className="twee-kolommen",
        ),
    ]
    if not c.has_records:
        parts.append(
            notice(
                "Geen registraties voor deze gemeente: kernagenda, initiatieven, "
                "opgaven en activiteiten zijn niet geladen."
            )
        )
        return html.Div(parts, className="profiel")
    parts += [
        kernagenda_section(c),
        initiatives_section(c),
        html.Section(
            [
                html.H2("Opgaven"),
                simple_table(
                    f"Opgaven in {c.naam}",
                    ["Opgave", "Soort", "Fase", "Planning"],
                    opgaven_rows,
                ),
            ]
        ),
        _people_section(c),
        html.Section(
            [
                html.H2("Activiteiten"),
                simple_table(
                    f"Activiteiten in {c.naam}",
                    ["Datum", "Activiteit", "Locatie"],
                    activity_rows,
                ),
            ]
        ),
    ]
    return html.Div(parts, className="profiel")
