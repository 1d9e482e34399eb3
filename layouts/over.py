"""Over and Toegankelijkheid: sources, definitions, accessibility, privacy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import html

from layouts import format as fmt
from layouts.components import link, notice
from layouts.shell import VOORBEELD_TEXT


@dataclass
class OverContent:
    gemeente: str
    sources: list[dict]
    attribution: str
    built_at: str
    audience: str
    voorbeelddata: bool
    indicators: list[tuple[str, str, str]]  # titel, eenheid, definitie


def accessibility_statement() -> list[Any]:
    return [
        html.H2("Toegankelijkheid"),
        html.P(
            "De kernenkaart is gemaakt om te voldoen aan WCAG 2.1 niveau AA. Alles "
            "wat de kaart laat zien staat ook in een tabel; kernen kies je met het "
            "toetsenbord via de knoppen in de tabel (Tab en Enter). Kleuren zijn "
            "geschikt voor kleurenblinden en betekenis staat altijd ook in tekst."
        ),
        html.P(
            "Elke wijziging wordt automatisch getest met axe-core (WCAG 2.0 en 2.1, A "
            "en AA) en met het toetsenbord in een echte browser."
        ),
        html.P(
            "Bekende beperking: de kaart zelf is een afbeelding voor schermlezers; "
            "gebruik de tabel onder de kaart. Loopt u tegen een probleem aan, meld "
            "het dan bij de gemeente."
        ),
    ]


def _sources(c: OverContent) -> html.Section:
    items = [
        html.Li(
            f"{s.get('dataset', s.get('source', ''))} ({s.get('year', '')}), "
            f"licentie {s.get('licence', '-')}, {s.get('attribution', '')}. "
            f"Bestand: {s.get('location', '')}"
        )
        for s in c.sources
    ]
    return html.Section(
        [
            html.H2("Bronnen"),
            html.P(c.attribution),
            html.Ul(items),
            html.P(
                f"Gegevens gebouwd op {fmt.moment(c.built_at)} "
                f"(versie voor: {c.audience})."
            ),
        ]
    )


def page(c: OverContent) -> html.Div:
    definitions = [
        html.Div([html.Dt(f"{t} ({e})"), html.Dd(d or "-")]) for t, e, d in c.indicators
    ]
    return html.Div(
        [
            html.H1("Over de kernenkaart"),
            html.P(
                "De kernenkaart toont per kern de kernagenda, het "
                "leefbaarheidsbudget en "
                "de maatschappelijke en ruimtelijke opgaven, voor gemeenten die "
                "kerngericht werken."
            ),
            notice(VOORBEELD_TEXT, "let-op") if c.voorbeelddata else None,
            _sources(c),
            html.Section(
                [html.H2("Definities van de indicatoren"), html.Dl(definitions)]
            ),
            html.Section(
                [
                    html.H2("Privacy"),
                    html.P(
                        "De openbare versie van de kernenkaart bevat geen "
                        "persoonsgegevens: "
                        "namen, e-mailadressen, telefoonnummers en vrije "
                        "toelichtingen worden "
                        "al bij het bouwen van de gegevens weggelaten, en kleine "
                        "aantallen "
                        "worden onderdrukt zoals het CBS dat doet. De kaart gebruikt "
                        "geen "
                        "cookies en geen trackers."
                    ),
                ]
            ),
            html.Section(accessibility_statement()),
            html.P(link("Naar de toegankelijkheidsverklaring", "/toegankelijkheid")),
        ]
    )


def accessibility_page() -> html.Div:
    return html.Div(
        [
            html.H1("Toegankelijkheidsverklaring"),
            *accessibility_statement(),
            html.P(link("Terug naar de kaart", "/")),
        ]
    )
