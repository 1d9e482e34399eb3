"""Over and Toegankelijkheid: sources, definitions, accessibility, privacy."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    # where this store has figures: (level, years) in the order kern, wijk, gemeente
    coverage: tuple[tuple[str, tuple[int, ...]], ...] = ()
    thema: str = "overig"

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(level for level, _ in self.coverage)

    def where(self) -> str:
        """'per kern 2017, 2024; voor de gemeente 2017, 2024'; '' without figures."""
        return "; ".join(
            f"{LEVEL_NAMES.get(level, level)} {', '.join(str(y) for y in years)}"
            for level, years in self.coverage
        )


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
    # the method: predecessors summed for merged_years; counts of kern figures
    # per methode (exact, grens_verschoven, oppervlakte)
    predecessors: tuple[str, ...] = ()
    merged_years: tuple[int, ...] = ()
    methodes: dict[str, int] = field(default_factory=dict)


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
        ],
        className="bronnen",
    )


def _definition(i: IndicatorInfo) -> html.Div:
    return html.Div(
        [
            html.Dt(i.titel),
            html.Dd(i.definitie or "-"),
            html.Dd(
                (f"Eenheid: {i.eenheid}. " if i.eenheid else "")
                + (
                    f"In deze gegevens: {i.where()}."
                    if i.coverage
                    else "Niet in deze gegevens."
                ),
                className="klein",
            ),
        ]
    )


def _definitions(indicators: list[IndicatorInfo]) -> list:
    """The definitions under a heading per thema, in catalogue order."""
    themas: dict[str, list[IndicatorInfo]] = {}
    for i in indicators:
        themas.setdefault(i.thema, []).append(i)
    return [
        html.Div(
            [
                html.H3(fmt.thema(thema)),
                html.Dl([_definition(i) for i in items], className="definities"),
            ],
            className="thema",
        )
        for thema, items in themas.items()
    ]


def method_section(c: OverContent) -> html.Section:
    """How the kern figures are made, in plain Dutch."""
    moved = c.methodes.get("grens_verschoven", 0)
    area = c.methodes.get("oppervlakte", 0)
    merged = (
        html.P(
            f"{c.gemeente} bestond in "
            f"{fmt.listing([str(y) for y in c.merged_years])} nog niet: de gemeente "
            f"is ontstaan uit {fmt.listing(list(c.predecessors))}. Voor die jaren "
            "gebruiken we de buurten van die gemeenten. Een door ons nagekeken "
            "codetabel koppelt elke oude buurt aan de buurt van nu, en daarmee "
            "aan een kern. Het cijfer voor de hele gemeente is dan de som van "
            f"{fmt.listing(list(c.predecessors))}."
        )
        if c.predecessors and c.merged_years
        else None
    )
    return html.Section(
        [
            html.H2("Hoe de cijfers per kern gemaakt zijn"),
            html.P(
                "Een kern is een groep CBS-buurten: het dorp en de verspreide "
                "huizen eromheen. Het cijfer van een kern is de optelling van de "
                "cijfers van die buurten; percentages en gemiddelden rekenen we "
                "opnieuw uit met de aantallen van de buurten. Heeft het CBS geen "
                "cijfer per buurt, dan tonen we het cijfer per wijk en zeggen we "
                "dat erbij; een wijkcijfer verdelen we nooit over kernen."
            ),
            merged,
            html.P(
                "Grens verschoven: soms heeft een buurt in een ouder jaar dezelfde "
                "code als nu, maar lag de grens iets anders. Het cijfer telt dan "
                "mee bij de kern van nu en heeft een sterretje (*) met de "
                "toelichting 'grens verschoven'."
            ),
            html.P(
                "Schatting naar oppervlakte: ligt een oude buurt in meer dan één "
                "kern van nu, dan verdelen we het cijfer naar het deel van de "
                "oppervlakte dat in elke kern ligt. Oppervlakte is maar een ruwe "
                "maat voor waar mensen wonen (in een buurt met veel weiland wonen "
                "de meeste mensen dicht bij elkaar in het dorp); zo'n cijfer heet "
                "daarom altijd 'schatting'."
            ),
            html.P(
                f"In deze gegevens hebben {moved} cijfers per kern (een kern, een "
                f"cijfer, een jaar) een verschoven grens en zijn er {area} "
                "geschat naar oppervlakte."
            ),
            html.P(
                "We tonen alleen de jaren die het CBS publiceert en die in deze "
                "gegevens zitten. Een jaar dat er niet is vullen we niet aan en "
                "rekenen we niet door; een cijfer dat het CBS geheimhoudt heet "
                "'geen cijfer', nooit 0."
            ),
            html.P("Bron: CBS, Kadaster (CC BY 4.0)."),
        ]
    )


def page(c: OverContent) -> html.Div:
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
                    *_definitions(c.indicators),
                ]
            ),
            method_section(c),
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
