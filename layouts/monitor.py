"""Monitor: gemeente-wide progress per year and the burgerpeiling targets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import html

from layouts import charts, ids
from layouts import format as fmt
from layouts.components import notice
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
        ]
    )
