"""Kernprofiel: everything about one kern, printable, readable on a phone."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dash import dcc, html

from layouts import charts, ids
from layouts import format as fmt
from layouts.components import link, notice
from layouts.downloads import profiel_downloads
from layouts.kalender import next_activities_block

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
    figures: list[Any]  # pipelines.dashboard_data.KeyFigure, the cards
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
    activiteiten: list[dict]  # the next ones (pipelines.dashboard_data.kalender)
    map_figure: dict
    has_records: bool
    openbaar: bool
    notes: list[str] = field(default_factory=list)
    alle_cijfers: list[dict] = field(default_factory=list)  # key_figure_table rows
    leeftijd: dict | None = None  # year, groups (groep, kern, kern_pct, ...)
    bron: str = ""  # source line of the CBS figures
    kalender_url: str = ""  # the jaarkalender filtered on this kern


def status_badge(status: str) -> html.Span:
    """Status as text and colour (never colour alone)."""
    return html.Span(status, className="status status-" + status.replace(" ", "-"))


def wijk_name(area: str) -> str:
    """'Beesd' -> 'wijk Beesd'; 'Wijk 05 Maurik' stays as it is."""
    return area if area.lower().startswith("wijk") else f"wijk {area}"


def _short_unit(eenheid: str) -> str:
    """'% van de inwoners' -> '%' (beside a gemeente figure); else as it is."""
    return "%" if eenheid.startswith("%") else eenheid


def _where(f: Any) -> str:
    """'kern, 2024' or 'wijk Beesd, 2024': level and year of the card's figure."""
    if f.level == "wijk":
        return f"{wijk_name(f.area)}, {f.year}"
    return f"kern, {f.year}"


def _compare_text(f: Any) -> str:
    """'gemeente Buren: 21,6 %' (the same year as the card's figure)."""
    g = f.gemeente
    if g is None or g.value is None:
        return f"gemeente {f.gemeente_naam}: geen cijfer voor {f.year}"
    value = fmt.number(g.value, f.decimalen)
    text = f"gemeente {f.gemeente_naam}: {value} {_short_unit(f.eenheid)}"
    return text + (f" ({g.note})" if g.note else "")


def _trend_part(f: Any) -> list[Any]:
    """The development over the years: a small chart and the same numbers as text."""
    present = f.present
    if len(present) < 2:
        return [
            html.P(
                f"Ontwikkeling: alleen een cijfer voor {f.year}.",
                className="trend-tekst",
            )
        ]
    change = fmt.signed_change(f.change, f.share)
    pairs = [(y.year, y.value, y.estimated) for y in f.years]
    return [
        charts.trend(
            f"{f.titel} per jaar",
            [y.year for y in f.years],
            [y.value for y in f.years],
            f.eenheid,
            f.decimalen,
            [y.estimated for y in f.years],
        ),
        html.P(fmt.year_values(pairs, f.decimalen, change), className="trend-tekst"),
    ]


def _figure_card(f: Any) -> html.Div:
    """One key figure: value, level and year, gemeente beside it, development.

    A wijk figure says so in its title, not only in small print: CBS counts
    per wijk and buurt, not per kern, and kernen in one wijk share it.
    """
    latest = f.latest
    title = f.titel
    notes = [f"{y.year}: {y.note}" for y in f.years if y.note]
    if f.level == "wijk":
        title = f"{f.titel} in {wijk_name(f.area)}"
        notes.append(
            "Cijfer van de hele wijk (CBS telt per wijk en buurt, niet per kern)."
        )
    value = f"{fmt.number(f.value, f.decimalen)} {f.eenheid}"
    if latest is not None and latest.estimated:
        value += " (schatting)"
    return html.Div(
        [
            html.H4(title, className="kengetal-titel"),
            html.P(value, className="waarde"),
            html.P(_where(f), className="waar"),
            html.P(_compare_text(f), className="vergelijk"),
            *_trend_part(f),
            html.Ul([html.Li(n) for n in notes], className="noten") if notes else None,
        ],
        className="kengetal",
    )


def _figure_groups(figures: list[Any]) -> list[Any]:
    """The cards under a heading per thema, in the order of the figures."""
    groups: dict[str, list[Any]] = {}
    for f in figures:
        groups.setdefault(f.thema, []).append(f)
    return [
        html.Div(
            [
                html.H3(fmt.thema(thema)),
                html.Div([_figure_card(f) for f in group], className="kaarten"),
            ],
            className="thema",
        )
        for thema, group in groups.items()
    ]


AREA_NOTE = (
    "Hoe de cijfers tot stand komen: het CBS telt per buurt; een kern is de som "
    "van haar buurten. Lag een buurt in een eerder jaar anders (grens verschoven), "
    "dan staat erbij hoeveel de oude en de nieuwe buurt overlappen. Een schatting "
    "naar oppervlakte verdeelt een buurt naar het deel van haar oppervlakte dat "
    "in de kern ligt: oppervlakte is maar een ruwe maat voor waar mensen wonen. "
    "Jaren die het CBS niet publiceerde of geheimhield, blijven leeg en worden "
    "niet ingevuld."
)


def _rounded(value: float | None) -> float | None:
    """A share as shown (one decimal), so the bar follows the number."""
    return None if value is None else round(value, 1)


def _age_section(c: ProfileContent) -> html.Section | None:
    """The five age groups of the kern against the gemeente, chart and table."""
    age = c.leeftijd
    if not age:
        return None
    rows = age["groups"]
    caption = f"Leeftijdsopbouw {c.naam} en gemeente {c.gemeente}, {age['year']}"
    labels = [r["groep"] for r in rows]
    figure = charts.bars(
        caption,
        labels,
        {
            c.naam: [_rounded(r["kern_pct"]) for r in rows],
            f"gemeente {c.gemeente}": [_rounded(r["gemeente_pct"]) for r in rows],
        },
        "% van de inwoners",
        colours=["#0072B2", "#E69F00"],
        percent=True,
        decimals=1,
    )
    table_rows = [
        [
            r["groep"],
            fmt.number(r["kern"]),
            fmt.percent(r["kern_pct"], 1),
            fmt.percent(r["gemeente_pct"], 1),
        ]
        for r in rows
    ]
    return html.Section(
        [
            html.H2(f"Leeftijdsopbouw ({age['year']})"),
            html.P(
                f"Inwoners van {c.naam} per leeftijdsgroep (kern, {age['year']}), "
                f"als deel van alle inwoners, naast de gemeente {c.gemeente}."
            ),
            html.Div(figure, id=ids.PROFILE_AGE),
            simple_table(
                caption,
                [
                    "Leeftijd",
                    f"{c.naam} (inwoners)",
                    f"{c.naam} (%)",
                    f"Gemeente {c.gemeente} (%)",
                ],
                table_rows,
                {1, 2, 3},
            ),
        ],
        className="leeftijd",
    )


def _all_figures(c: ProfileContent) -> html.Details:
    """Every CBS figure of the kern: indicator, level, year, value, gemeente."""
    rows = [
        [
            fmt.thema(r["thema"]),
            fmt.titled(r["titel"], r["eenheid"]),
            "kern" if r["level"] == "kern" else wijk_name(r["area"]),
            str(r["year"]),
            fmt.number(r["value"], r["decimalen"])
            if r["value"] is not None
            else "geen cijfer",
            fmt.number(r["gemeente_value"], r["decimalen"])
            if r["gemeente_value"] is not None
            else "-",
            r["note"],
        ]
        for r in c.alle_cijfers
    ]
    caption = f"Alle CBS-cijfers van {c.naam}"
    return html.Details(
        [
            html.Summary(f"{caption} ({len(rows)} cijfers)"),
            simple_table(
                caption,
                ["Thema", "Cijfer", "Niveau", "Jaar", "Waarde", "Gemeente", "Let op"],
                rows,
                {4, 5},
            ),
        ],
        id=ids.PROFILE_ALL_FIGURES,
        className="alle-cijfers",
    )


def kerncijfers_section(c: ProfileContent) -> html.Section:
    """Kerncijfers per thema, the source line and the method note."""
    if not c.figures:
        body: list[Any] = [html.P("Geen CBS-cijfers voor deze kern.")]
    else:
        body = [html.Div(_figure_groups(c.figures), className="themas")]
    return html.Section(
        [
            html.H2("Kerncijfers"),
            *body,
            html.P(c.bron, className="bron"),
            html.P(AREA_NOTE, className="toelichting"),
            _all_figures(c) if c.alle_cijfers else None,
        ],
        id=ids.PROFILE_FIGURES,
        className="kerncijfers",
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
        kerncijfers_section(c),
        html.Div(
            [
                _age_section(c),
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
        next_activities_block(c.activiteiten, c.naam, c.kalender_url),
    ]
    return html.Div(parts, className="profiel")
