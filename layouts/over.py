"""Over and Toegankelijkheid: sources, definitions, accessibility, privacy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import html

from layouts import format as fmt
from layouts.components import link, notice
from layouts.shell import VOORBEELD_TEXT, gemeente_query


@dataclass(frozen=True)
class IndicatorInfo:
    titel: str
    eenheid: str
    definitie: str
    levels: tuple[str, ...] = ()  # where this store has figures: "wijk", ...
    years: tuple[int, ...] = ()

    def where(self) -> str:
        """'per wijk en voor de gemeente, 2024'; empty when there are no figures."""
        if not self.levels:
            return ""
        names = [LEVEL_NAMES.get(level, level) for level in self.levels]
        text = (
            names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
        )
        years = ", ".join(str(y) for y in self.years)
        return f"{text}, {years}" if years else text


LEVEL_NAMES = {
    "buurt": "per buurt",
    "wijk": "per wijk",
    "kern": "per kern",
    "gemeente": "voor de gemeente",
}


@dataclass(frozen=True)
class Contact:
    """Where residents report an accessibility problem: their gemeente."""

    gemeente: str = ""
    website: str = ""
    slug: str = ""  # of the gemeente, for links that keep it

    def query(self) -> str:
        return gemeente_query(self.slug)


@dataclass
class OverContent:
    gemeente: str
    sources: list[dict]
    attribution: str
    built_at: str
    audience: str
    voorbeelddata: bool
    indicators: list[IndicatorInfo]
    contact: Contact = Contact()


STATEMENT_DATE = "23 november 2026"  # update with every change to the statement


def _report(contact: Contact) -> list[Any]:
    if not contact.gemeente:
        return ["meld het dan bij uw gemeente."]
    if not contact.website:
        return [f"meld het dan bij de gemeente {contact.gemeente}."]
    shown = contact.website.removeprefix("https://").rstrip("/")
    return [
        f"meld het dan bij de gemeente {contact.gemeente} via ",
        html.A(shown, href=contact.website),
        ".",
    ]


def accessibility_statement(contact: Contact) -> list[Any]:
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
            "en AA) en met het toetsenbord in een echte browser. Een onderzoek door "
            "een onafhankelijke deskundige is nog niet gedaan; tot dan is de "
            "status: voldoet gedeeltelijk."
        ),
        html.P(
            "Bekende beperking: de kaart zelf is een afbeelding voor schermlezers; "
            "gebruik de tabel onder de kaart."
        ),
        html.P(
            [
                "Loopt u tegen een probleem aan of kunt u iets niet gebruiken, ",
                *_report(contact),
            ]
        ),
        html.P(
            f"Deze verklaring is bijgewerkt op {STATEMENT_DATE}.", className="klein"
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
        html.Div(
            [
                html.Dt(i.titel),
                html.Dd(i.definitie or "-"),
                html.Dd(
                    (f"Eenheid: {i.eenheid}. " if i.eenheid else "")
                    + (
                        f"In deze gegevens: {i.where()}."
                        if i.levels
                        else "Niet in deze gegevens."
                    ),
                    className="klein",
                ),
            ]
        )
        for i in c.indicators
    ]
    missing = sum(1 for i in c.indicators if not i.levels)
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
                [
                    html.H2("Definities van de indicatoren"),
                    html.P(
                        f"{missing} van de {len(c.indicators)} indicatoren hebben "
                        "geen cijfers in de gegevens van deze kaart; de kaart en "
                        "de profielen tonen alleen indicatoren met cijfers. "
                        + (
                            "Een analist haalt alle cijfers bij het CBS op met "
                            "'kernenkaart build --source online'."
                            if c.audience == "intern"
                            else "De gemeente kan ze aanvullen met cijfers van het CBS."
                        )
                    )
                    if missing
                    else None,
                    html.Dl(definitions, className="definities"),
                ]
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
            html.Section(accessibility_statement(c.contact)),
            html.P(
                link(
                    "Naar de toegankelijkheidsverklaring",
                    "/toegankelijkheid" + c.contact.query(),
                )
            ),
        ]
    )


def accessibility_page(contact: Contact) -> html.Div:
    return html.Div(
        [
            html.H1("Toegankelijkheidsverklaring"),
            *accessibility_statement(contact),
            html.P(link("Terug naar de kaart", "/" + contact.query())),
        ]
    )
