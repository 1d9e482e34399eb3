"""Monitor: gemeente-wide progress per year and the burgerpeiling targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from layouts import charts, ids
from layouts import format as fmt
from layouts.components import link, notice
from layouts.profiel import STATUS_ORDER, initiatieven_year_table, simple_table


@dataclass
class MonitorContent:
    gemeente: str
    acties: list[dict]  # jaar + one count per status
    initiatieven: list[dict]  # jaar, n, euro, onderdrukt
    platforms: int
    platform_subsidie: float
    peiling: list[
        dict
    ]  # stelling, score_2019, benchmark, doel_2023, score_2023, eenheid
    has_records: bool
    cbs: CbsContent | None = None


@dataclass
class KernMultiples:
    """One CBS indicator per kern over the years (the small multiples)."""

    key: str
    titel: str
    eenheid: str
    decimalen: int
    years: list[int]  # every year with kern figures of this indicator
    # slug, naam, values: one (year, value or None, note) per year of ``years``
    kernen: list[dict]
    gemeente_slug: str = ""


@dataclass
class CbsContent:
    """The Monitor's CBS section: the gemeente per year, and the kernen."""

    years: list[int]  # years with a gemeente figure
    # key, titel, eenheid, decimalen, values: {year: (value or None, methode)}
    development: list[dict]
    choices: list[tuple[str, str]]  # indicators with kern figures: key, label
    multiples: KernMultiples | None
    not_found: str = ""  # an ?indicator= the store has no kern figures of
    # former gemeenten summed for the years before a merger (methode samengevoegd)
    predecessors: list[str] = field(default_factory=list)


# the indicators of the Monitor's CBS section, with their short labels
CBS_LABELS = {
    "aantal_inwoners": "Inwoners",
    "aandeel_65_plus": "Aandeel 65+",
    "aandeel_0_15": "Aandeel 0-15 jaar",
    "aantal_huishoudens": "Huishoudens",
    "bedrijfsvestigingen": "Bedrijfsvestigingen",
    "woningvoorraad": "Woningvoorraad",
}


def _value(v: Any, eenheid: str) -> str:
    if v is None or v != v:
        return "-"
    return fmt.percent(v) if eenheid == "procent" else fmt.number(v, 1)


def peiling_section(c: MonitorContent) -> html.Section:
    labels = [p["stelling"] for p in c.peiling]
    series = {
        "Score 2019": [p["score_2019"] for p in c.peiling],
        "Benchmark": [p["benchmark"] for p in c.peiling],
        "Doel 2023": [p["doel_2023"] for p in c.peiling],
    }
    pct = [p for p in c.peiling if p["eenheid"] == "procent"]
    figure = charts.bars(
        "Burgerpeiling: score 2019, benchmark en doel 2023",
        [p["stelling"] for p in pct],
        {
            k: [
                v
                for v, p in zip(vals, c.peiling, strict=True)
                if p["eenheid"] == "procent"
            ]
            for k, vals in series.items()
        },
        "procent",
        colours=["#E69F00", "#999999", "#0072B2"],
        maximum=100,  # a score of 60% fills 60% of the track, not all of it
        percent=True,
    )
    rows = [
        [
            p["stelling"],
            _value(p["score_2019"], p["eenheid"]),
            _value(p["benchmark"], p["eenheid"]),
            _value(p["doel_2023"], p["eenheid"]),
            _value(p.get("score_2023"), p["eenheid"]),
        ]
        for p in c.peiling
    ]
    return (
        html.Section(
            [
                html.H2("Burgerpeiling"),
                html.Div(figure, id=ids.MONITOR_PEILING),
                simple_table(
                    "Burgerpeiling: stellingen met score, benchmark en doel",
                    [
                        "Stelling",
                        "Score 2019",
                        "Benchmark",
                        "Doel 2023",
                        "Gemeten 2023",
                    ],
                    rows,
                    {1, 2, 3, 4},
                ),
            ]
        )
        if labels
        else html.Section()
    )


def page(c: MonitorContent) -> html.Div:
    if not c.has_records:
        return html.Div(
            [
                html.H1(f"Monitor {c.gemeente}"),
                notice(
                    "Geen registraties voor deze gemeente: de monitor heeft "
                    "actiepunten en initiatieven nodig."
                ),
                cbs_section(c.cbs) if c.cbs else None,
            ]
        )
    years = [str(a["jaar"]) for a in c.acties]
    acties_fig = charts.stacked(
        "Actiepunten per jaar van vaststelling, naar status",
        years,
        {s: [a[s] for a in c.acties] for s in STATUS_ORDER},
        "actiepunten",
    )
    init_years = [str(i["jaar"]) for i in c.initiatieven]
    init_fig = charts.bars(
        "Toegekende initiatieven per jaar",
        init_years,
        {"Initiatieven": [i["n"] for i in c.initiatieven]},
        "aantal",
        colours=["#0072B2"],
    )
    acties_rows = [
        [str(a["jaar"]), *[fmt.number(a[s]) for s in STATUS_ORDER]] for a in c.acties
    ]
    return html.Div(
        [
            html.H1(f"Monitor {c.gemeente}"),
            html.P(
                f"{c.platforms} platforms; samen {fmt.euro(c.platform_subsidie)} "
                f"subsidie "
                "per jaar."
            ),
            html.Div(
                [
                    html.Section(
                        [
                            html.H2("Kernagenda"),
                            html.Div(acties_fig, id=ids.MONITOR_ACTIEPUNTEN),
                            simple_table(
                                "Actiepunten per jaar en status",
                                ["Jaar", *[s.capitalize() for s in STATUS_ORDER]],
                                acties_rows,
                                {1, 2, 3, 4, 5},
                            ),
                        ]
                    ),
                    html.Section(
                        [
                            html.H2("Leefbaarheidsbudget en kernenbudget"),
                            html.Div(init_fig, id=ids.MONITOR_INITIATIEVEN),
                            initiatieven_year_table(
                                "Initiatieven en bedragen per jaar", c.initiatieven
                            ),
                        ]
                    ),
                ],
                className="twee-kolommen",
            ),
            peiling_section(c),
            cbs_section(c.cbs) if c.cbs else None,
        ]
    )


# --- CBS: the gemeente's development and small multiples per kern ---------------


def _cbs_value(value: float | None, eenheid: str, decimalen: int) -> str:
    if value is None:
        return "geen cijfer"
    if eenheid.startswith("%"):
        return fmt.percent(value, decimalen)
    return fmt.number(value, decimalen)


def _marked(text: str, note: str) -> list:
    """A figure with a visible '*' when it is not exact (and words for readers)."""
    if not note:
        return [text]
    return [
        text,
        html.Span("*", className="schatting-teken", **{"aria-hidden": "true"}),
        html.Span(f" ({note})", className="visueel-verborgen"),
    ]


def _merged(cbs: CbsContent) -> str:
    """'som van Geldermalsen, Lingewaal en Neerijnen' (a gemeente since a merger)."""
    names = fmt.listing(cbs.predecessors) or "de voorgaande gemeenten"
    return f"som van {names}"


def _gemeente_cell(d: dict, year: int, cbs: CbsContent) -> list:
    value, methode = d["values"].get(year, (None, "exact"))
    note = _merged(cbs) if methode == "samengevoegd" and value is not None else ""
    return _marked(_cbs_value(value, d["eenheid"], d["decimalen"]), note)


def development_notes(cbs: CbsContent) -> list[str]:
    """'* 2017: som van Geldermalsen, Lingewaal en Neerijnen (...)'."""
    merged = sorted(
        {
            y
            for d in cbs.development
            for y, (v, methode) in d["values"].items()
            if methode == "samengevoegd" and v is not None
        }
    )
    gap = (
        "'Geen cijfer': dit cijfer zit voor dat jaar niet in deze gegevens "
        "(niet gepubliceerd of niet geladen); we vullen het niet aan."
    )
    if not merged:
        return [gap]
    years = fmt.listing([str(y) for y in merged])
    return [
        f"* {years}: {_merged(cbs)}; de gemeente bestond toen nog niet in deze vorm.",
        gap,
    ]


def development_table(cbs: CbsContent) -> html.Div:
    """The gemeente per year: a row per indicator, a column per year present."""
    rows = [
        [
            fmt.titled(CBS_LABELS.get(d["key"], d["titel"]), d["eenheid"]),
            *[_gemeente_cell(d, y, cbs) for y in cbs.years],
        ]
        for d in cbs.development
    ]
    return simple_table(
        "Ontwikkeling van de gemeente per jaar (CBS, cijfers voor de hele gemeente)",
        ["Cijfer", *[str(y) for y in cbs.years]],
        rows,
        set(range(1, len(cbs.years) + 1)),
    )


def _change(values: list[tuple[int, float | None, str]], share: bool) -> str:
    present = [(y, v) for y, v, _ in values if v is not None]
    if len(present) < 2:
        return ""
    (first, a), (last, b) = present[0], present[-1]
    if share:
        change = fmt.signed_change(b - a, True)
    elif a:
        change = fmt.signed_change((b - a) / a * 100, False)
    else:
        return ""
    return f"{first}-{last}: {change}"


def _multiple(kern: dict, m: KernMultiples, top: float) -> html.Li:
    """One kern: a tiny bar per year with its number as text."""
    share = m.eenheid.startswith("%")
    rows = []
    for year, value, note in kern["values"]:
        width = 0 if value is None or not top else 100 * value / top
        rows.append(
            html.Li(
                [
                    html.Span(str(year), className="mini-jaar"),
                    html.Span(
                        html.Span(
                            className="mini-staaf"
                            + (" staaf-schatting" if note else ""),
                            style={"width": f"{width:.2f}%"},
                        ),
                        className="mini-baan",
                        **{"aria-hidden": "true"},
                    ),
                    html.Span(
                        _marked(_cbs_value(value, m.eenheid, m.decimalen), note),
                        className="mini-getal",
                    ),
                ],
                className="mini-rij",
            )
        )
    change = _change(kern["values"], share)
    return html.Li(
        [
            html.H3(
                link(kern["naam"], f"/kern/{kern['slug']}?gemeente={m.gemeente_slug}")
            ),
            html.Ul(rows, className="mini-jaren"),
            html.P(change, className="mini-verandering") if change else None,
        ],
        className="veelvoud",
    )


def kern_multiples(m: KernMultiples | None) -> list:
    """Small multiples: every kern's figures of one indicator, on one scale."""
    if m is None:
        return [html.P("Geen CBS-cijfers per kern in deze gegevens.")]
    values = [v for k in m.kernen for _, v, _ in k["values"] if v is not None]
    top = max(values) if values and max(values) > 0 else 1.0
    years = fmt.listing([str(y) for y in m.years])
    title = f"{m.titel} per kern, {years}"
    estimated = any(note for k in m.kernen for _, _, note in k["values"])
    return [
        html.H3(title, className="veelvouden-titel"),
        html.P(
            f"Eenheid: {m.eenheid}. Alle kernen op dezelfde schaal; een kern "
            "zonder cijfer in een jaar toont 'geen cijfer'."
            + (" * Niet exact: zie de toelichting hieronder." if estimated else ""),
            className="klein",
        ),
        html.Ul(
            [_multiple(k, m, top) for k in m.kernen],
            className="veelvouden",
            **{"aria-label": title},
        ),
        html.P("* Niet exact:", className="klein") if estimated else None,
        html.Ul(
            [
                html.Li(f"{k['naam']} {year}: {note}.")
                for k in m.kernen
                for year, _, note in k["values"]
                if note
            ],
            className="klein toelichting",
        )
        if estimated
        else None,
    ]


def _choice(cbs: CbsContent) -> html.Fieldset:
    chosen = cbs.multiples.key if cbs.multiples else None
    return html.Fieldset(
        [
            html.Legend("Kies een cijfer"),
            dbc.RadioItems(
                id=ids.MONITOR_CBS_INDICATOR,
                options=[{"value": k, "label": label} for k, label in cbs.choices],
                value=chosen,
                className="keuzes",
                inline=True,
            ),
        ],
        className="monitor-keuze geen-print",
    )


def cbs_section(cbs: CbsContent) -> html.Section:
    """CBS figures: the gemeente per year, and per kern the chosen indicator."""
    years = fmt.listing([str(y) for y in cbs.years]) or "(geen jaren)"
    return html.Section(
        [
            html.H2("CBS-cijfers: ontwikkeling van de gemeente"),
            html.Div(development_table(cbs), id=ids.MONITOR_CBS_GEMEENTE),
            *[html.P(n, className="klein") for n in development_notes(cbs)],
            html.H2("CBS-cijfers per kern"),
            html.P(
                "Per kern de CBS-cijfers van de buurten die bij de kern horen, "
                "opgeteld; alleen de jaren die in deze gegevens zitten."
            ),
            notice(
                f"Voor het cijfer '{cbs.not_found}' zijn er geen cijfers per kern; "
                "hieronder het eerste cijfer van de lijst.",
                "let-op",
            )
            if cbs.not_found
            else None,
            _choice(cbs) if cbs.choices else None,
            html.Div(kern_multiples(cbs.multiples), id=ids.MONITOR_CBS_KERNEN),
            html.P(
                f"Bron: CBS, Kerncijfers wijken en buurten {years} (CC BY 4.0); "
                "kerncijfers zijn optellingen van CBS-buurten.",
                className="klein bron",
            ),
        ],
        id=ids.MONITOR_CBS,
        className="monitor-cbs",
    )
